// Proofs: pages for editors, not for the press — PNG previews (drawn from the
// placed pages, or a PDF rendered by Poppler), and the fit report in words (text) or for tools (JSON).
#pragma once

#include <string>
#include <vector>

#include "diag/json.h"
#include "makeup/makeup.h"

namespace paiban {

// Renders every page of a PDF to PNG at `dpi` with Poppler; returns the files
// written (prefix-1.png, prefix-2.png, …, numbered by `page_numbers`). Defined
// in the paiban_poppler library (poppler.cpp), which tests and bench/ link and
// the command line does not.
std::vector<std::string> render_png(const std::string& pdf, double dpi, const std::string& prefix,
                                    const std::vector<int>& page_numbers);

// The same drawn straight from placed pages (FreeType glyphs, anti-aliased
// rules and tints, area-averaged photos) without a PDF: the fast proof. Pages
// are drawn as Poppler draws the print PDF of them, within a test's bound.
// Files are prefix-N.png, N the page's number.
std::vector<std::string> render_png(const std::vector<Page>& pages, double dpi, const std::string& prefix);

// Overlay names as the command line takes them: grid,frames,baselines,adjustments.
unsigned parse_overlays(const std::string& list, std::string* bad);

// The fit of every frame made up, and what went wrong, with article and paragraph.
std::string fit_report_text(const Edition& edition);
std::string fit_report_json(const Edition& edition);
// One frame's fit as the JSON report and the proof desk both give it.
Json frame_fit_json(const FrameFit& fit);

}  // namespace paiban
