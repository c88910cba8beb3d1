// PDF output through PoDoFo: placed pages to a print PDF (PDF/X-1a:2001 by
// default) with embedded font subsets (hb-subset), ToUnicode maps, trim and
// bleed boxes, an output intent, CMYK colour. Deterministic: the same pages and
// settings give the same bytes.
#pragma once

#include <string>
#include <vector>

#include "page/page.h"
#include "style/press.h"

namespace paiban {

enum class PdfX { None, X1a, X4 };

// What the press needs (the layout's [print] table), and how this file is made.
struct PrintSettings : PressSpec {
  PdfX pdfx = PdfX::X1a;
  std::string icc;           // --icc FILE: separates photos, embedded as DestOutputProfile
  int jpeg_quality = 90;     // re-encoded (separated) photos
  bool marks = false;        // crop and registration marks and a page label in the slug
};

struct PdfMeta {
  std::string title;
  std::string date;  // YYYY-MM-DD: creation and modification date (never the clock)
  std::string author;
  std::string paper;  // for the page label in the slug
};

// Writes the pages; returns the PDF's bytes.
std::string write_pdf(const std::vector<Page>& pages, const PdfMeta& meta, const PrintSettings& print = {});

// Writes bytes to path through a temporary file and a rename, so a failed or
// interrupted build never leaves a partial file (nor touches an older one).
void save_atomically(const std::string& path, const std::string& bytes);

}  // namespace paiban
