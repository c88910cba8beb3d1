// The whole path, one way: issue folder → model → shaped, broken text →
// placed pages → PDF bytes. Used by the command line, the tests and the benchmarks.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "makeup/makeup.h"
#include "pdf/pdf.h"
#include "plan/plan.h"

namespace paiban {

struct BuildOptions {
  std::string issue_dir;
  std::string root;          // where layouts/ and fonts/ live; empty = found from the issue folder
  std::vector<int> pages;    // empty = all
  bool allow_overset = false;
  PdfX pdfx = PdfX::X1a;
  std::string icc;           // CMYK output profile to embed (and separate photos with)
  bool marks = false;        // crop and registration marks, page label
  unsigned overlays = 0;     // proof overlays (Overlay bits)
  bool preflight = true;     // check the PDF/X output before saving it
  bool allow_missing_glyphs = false;
  bool write_pdf = true;     // false: pages and fit only (the proof desk and PNG proofs draw the pages themselves)
};

struct BuildResult {
  Edition edition;
  std::vector<PlanNote> plan;  // why each module of an automatic page sits where it does
  std::string pdf;  // empty when the build failed
  std::vector<std::pair<std::string, double>> timings;  // stage, milliseconds
};

// A composing room that stays open between builds: fonts loaded once, text set
// once and kept while it does not change (watch mode, repeated proofs).
class Workshop {
 public:
  explicit Workshop(const std::string& root);
  ~Workshop();
  // Throws InputError for bad input. Overset text and missing glyphs are
  // reported in edition.notices; the PDF is made only when edition.ok().
  BuildResult build(const BuildOptions& options);

 private:
  std::string root_;
  std::shared_ptr<FontRegistry> fonts_;
  TextCache cache_;
};

// One build in a fresh workshop.
BuildResult build(const BuildOptions& options);

// layouts/ and fonts/ of the project: next to the issues/ folder the issue is in,
// else the source tree paiban was built from.
std::string project_root(const std::string& issue_dir);

}  // namespace paiban
