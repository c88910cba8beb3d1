// The whole path, one way: issue folder → model → shaped, broken text →
// placed pages → PDF bytes. Used by the command line, the tests and the benchmarks.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "makeup/makeup.h"
#include "pdf/pdf.h"

namespace paiban {

struct BuildOptions {
  std::string issue_dir;
  std::string root;          // where layouts/ and fonts/ live; empty = found from the issue folder
  std::vector<int> pages;    // empty = all
  bool allow_overset = false;
  PdfX pdfx = PdfX::X1a;
  std::string icc;           // CMYK output profile to embed (and separate photos with)
  bool marks = false;        // crop and registration marks, page label
};

struct BuildResult {
  Edition edition;
  std::string pdf;  // empty when the build failed
  std::vector<std::pair<std::string, double>> timings;  // stage, milliseconds
};

// Throws InputError for bad input. Overset text and missing glyphs are
// reported in edition.notices; the PDF is made only when edition.ok().
BuildResult build(const BuildOptions& options);

// layouts/ and fonts/ of the project: next to the issues/ folder the issue is in,
// else the source tree paiban was built from.
std::string project_root(const std::string& issue_dir);

std::string format_notice(const Notice& n);

}  // namespace paiban
