// Preflight: checks any PDF (ours or an advertiser's) for newspaper print
// against PDF/X-1a:2001 and, when the file declares PDF/X-4, against the X-4
// rules that differ (live transparency and Lab allowed, XMP identification and
// an embedded output profile required).
//
// Document:  PDF version, Info keys (GTS_PDFXVersion, GTS_PDFXConformance,
//            Title, CreationDate, ModDate, Trapped), trailer /ID, encryption,
//            JavaScript and additional actions, the GTS_PDFX OutputIntent
//            (ICC 'prtr'/'CMYK' profile or a registered characterization),
//            X-4 XMP identification.
// Pages:     TrimBox/ArtBox, box nesting (Trim within Bleed within Media).
// Resources: every font of the page, form XObject and pattern resources
//            (recursively) embedded.
// Contents:  each page's content streams and the forms, patterns, images and
//            shadings they use: RGB / Lab / CIE colour, transparency (X-1a),
//            text smaller than min_text_pt, stroked rules thinner than
//            min_rule_pt, images under warn_ppi at their placed size.
// Ink:       total area coverage per page from a Ghostscript CMYK rendering
//            (skipped with a warning when gs is not installed), and of every
//            pixel of each CMYK image at its own resolution (reported).
//
// preflight() never throws: an unreadable, missing or encrypted file is a
// Failure in the report. Repeats of one issue on a page are reported once,
// with "(N times)". While loading it turns PoDoFo's global debug output off
// (and back), so concurrent calls from several threads are not supported.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "page/page.h"

namespace paiban {

struct PreflightLimits {
  double max_tac = 220;        // per cent; 99.5th percentile of the page's pixels
  double min_text_pt = 6;      // effective text size after text matrix and CTM
  double min_rule_pt = 0.283;  // 0.1 mm; a line width of 0 (hairline) always fails
  double warn_ppi = 150;       // images under this at print size are warnings
  bool rasterise_ink = true;   // false: skip the Ghostscript ink check (the caller
                               // knows the ink from its own page model)
};

// A preflight finding is a notice (level, page, what was found with the
// limit) that also names the PDF object and the rule it breaks.
struct PreflightIssue : Notice {
  static constexpr Level Failure = Error;  // the press's word for it
  std::string object;  // "font F3 (ABCDEF+Foo)", "image Im1", "text run at (x,y)", "Info dictionary"
  std::string rule;    // short id, see below
  PreflightIssue() = default;
  PreflightIssue(Level l, int page_no, std::string obj, std::string rule_id, std::string message)
      : object(std::move(obj)), rule(std::move(rule_id)) {
    level = l;
    page = page_no;
    what = std::move(message);
  }
};
// Rule ids: pdf-syntax, pdfx-version, info, trapped, trailer-id, encryption,
// javascript, output-intent, xmp, trimbox, box-nesting, font-embedded,
// colour-rgb, colour-lab, colour-cie (ICC/CIE CMYK or grey in X-1a), colour
// (a colour space that could not be classified; a warning unless missing),
// transparency, transfer, postscript, tac, min-text, min-rule, image-ppi,
// content (a stream that could not be read).

// The darkest pixel of a CMYK image, measured at the image's own resolution.
struct ImageInk {
  int page = 0;
  std::string object;  // "image Im1"
  int width = 0, height = 0;
  double max = 0;  // C+M+Y+K, percent
};

struct PreflightReport {
  std::string file;
  // What the file declares: "PDF/X-1a:2001", "PDF/X-1a:2003", "PDF/X-4", or
  // "none". Files declaring nothing (or PDF/X-3) are checked as PDF/X-1a.
  std::string conformance = "none";
  std::vector<PreflightIssue> issues;
  std::vector<ImageInk> image_ink;  // every CMYK image XObject placed, each time it is placed

  bool passed() const;       // no Failure
  std::string text() const;  // "page 2: image Im1: image-ppi: ..." lines and a verdict line
  std::string json() const;  // {file, conformance, passed, failures, warnings, issues[]}
};

PreflightReport preflight(const std::string& pdf_path, const PreflightLimits& limits = {});
// The same for a PDF in memory (a build checking its own output before saving
// it); `name` stands for the file in the report. Without a file the ink check
// needs rasterise_ink = false.
PreflightReport preflight_bytes(const std::string& pdf, const std::string& name, const PreflightLimits& limits);

// A build's own output judged from its placed pages while it is written, so
// the PDF is not read back: the page checks (min-text, min-rule, image-ppi,
// and tac from the colours and CMYK photos the pages carry, without a
// rasteriser) with the same rules and limits. The rest of preflight()
// (identification, output intent, boxes, fonts, colour spaces, transparency)
// the writer guarantees by construction; rasterise_ink is ignored.
// Throws InputError for an image that cannot be read.
std::vector<PreflightIssue> preflight_pages(const std::vector<Page>& pages, const PreflightLimits& limits);

}  // namespace paiban
