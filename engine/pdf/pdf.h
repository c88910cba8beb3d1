// PDF output through PoDoFo: placed pages to a print PDF with embedded font
// subsets (hb-subset), ToUnicode maps and trim/bleed boxes. Deterministic: the
// same pages and metadata give the same bytes.
#pragma once

#include <string>
#include <vector>

#include "page/page.h"

namespace paiban {

struct PdfMeta {
  std::string title;
  std::string date;  // YYYY-MM-DD: creation and modification date (never the clock)
  std::string author;
};

// Writes the pages; returns the PDF's bytes.
std::string write_pdf(const std::vector<Page>& pages, const PdfMeta& meta);

// Writes bytes to path through a temporary file and a rename, so a failed or
// interrupted build never leaves a partial file (nor touches an older one).
void save_atomically(const std::string& path, const std::string& bytes);

}  // namespace paiban
