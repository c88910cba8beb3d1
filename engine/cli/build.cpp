// paiban build: the whole issue (or some pages) to one print PDF.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "model/issue.h"
#include "pipeline/pipeline.h"
#include "proof/proof.h"
#include "style/layout.h"

namespace paiban::cli {

namespace {

// A failed build writes nothing, so a PDF already at `out` is an older one: say
// so, or it may go to press as if it were tonight's.
int failed(const std::string& out, int code) {
  std::error_code ec;
  if (std::filesystem::exists(out, ec))
    std::fprintf(stderr, "paiban: %s is the previous build, not this one\n", out.c_str());
  return code;
}

}  // namespace

std::function<int()> add_build(CLI::App& app) {
  struct Args {
    BuildOptions opt;
    std::string out, pdfx = "1a", encoding;
    bool timings = false, report = false, no_preflight = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* b = app.add_subcommand("build", "typeset a whole issue to one print PDF (PDF/X-1a by default)");
  b->add_option("issue", a->opt.issue_dir, "issue folder (issues/2024-05-07), or a copy file to import first")->required();
  b->add_option("--encoding", a->encoding, "a copy file's charset (default: detected)");
  b->add_option("-o,--output", a->out, "output PDF (default: out/<issue>.pdf)");
  b->add_option("--page", a->opt.pages, "only these pages (1-based; repeatable)");
  b->add_flag("--allow-overset", a->opt.allow_overset, "set the build even when text does not fit (marked on the page)");
  b->add_flag("--allow-missing-glyphs", a->opt.allow_missing_glyphs,
              "set characters no font has (缺字) as boxed code points instead of failing");
  b->add_flag("--timings", a->timings, "print the time each stage took");
  b->add_flag("--report", a->report, "print the fit of every frame");
  b->add_option("--pdfx", a->pdfx, "PDF/X conformance: 1a (PDF/X-1a:2001, default), 4 (PDF/X-4) or none")
      ->check(CLI::IsMember({"1a", "4", "none"}));
  b->add_option("--icc", a->opt.icc, "CMYK ICC profile of the press: embedded as the output intent's profile")
      ->check(CLI::ExistingFile);
  b->add_flag("--marks", a->opt.marks, "crop marks, registration marks and a page label in the slug");
  b->add_flag("--no-preflight", a->no_preflight, "do not check the PDF/X output before saving it");
  b->add_option("--root", a->opt.root, "folder with layouts/ and fonts/ (default: found from the issue folder)");
  return [a] {
    BuildOptions& opt = a->opt;
    std::unique_ptr<CopyFolder> copy;  // a copy file given: imported into a temporary folder first
    try {
      copy = std::make_unique<CopyFolder>(opt, a->encoding);
    } catch (const std::exception& e) {
      return report_error(e);
    }
    std::string out = a->out;
    if (out.empty())
      out = "out/" + std::filesystem::path(opt.issue_dir).lexically_normal().filename().string() + ".pdf";
    try {
      opt.pdfx = a->pdfx == "4" ? PdfX::X4 : a->pdfx == "none" ? PdfX::None : PdfX::X1a;
      opt.preflight = !a->no_preflight;
      BuildResult r = build(opt);
      int errors = 0;
      for (const Notice& n : r.edition.notices) {
        std::fprintf(stderr, "%s\n", format_notice(n).c_str());
        errors += n.level == Notice::Error;
      }
      if (a->report) {
        print_plan_notes(r.plan);
        Edition fit;  // the fit and the copy desk's counts; the notices went to stderr above
        fit.frames = r.edition.frames;
        fit.copy_desk = r.edition.copy_desk;
        std::fputs(fit_report_text(fit).c_str(), stdout);
      }
      if (errors > 0 || r.pdf.empty()) {
        std::fprintf(stderr, "paiban: build failed with %d error(s); %s was not written\n", errors, out.c_str());
        return failed(out, 1);
      }
      save_atomically(out, r.pdf);
      if (a->timings) {
        double total = 0;
        for (auto& [stage, ms] : r.timings) {
          std::printf("%-22s %8.1f ms\n", stage.c_str(), ms);
          total += ms;
        }
        std::printf("%-22s %8.1f ms\n", "total", total);
      }
      std::printf("wrote %s (%zu pages, %zu bytes)\n", out.c_str(), r.edition.pages.size(), r.pdf.size());
      return 0;
    } catch (const std::exception& e) {
      return failed(out, report_error(e));
    }
  };
}

std::function<int()> add_fit(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  CLI::App* fit = app.add_subcommand("fit", "copyfit: body lines and headline lines of every article");
  fit->add_option("issue", *dir, "issue folder")->required();
  return [dir] {
    try {
      Issue issue = load_issue(*dir);
      std::string root = project_root(*dir);
      Layout layout = load_layout(root + "/layouts/" + issue.layout + ".toml");
      FontRegistry fonts(root + "/fonts/fonts.toml");
      check_font_roles(layout, fonts.roles());
      std::printf("%-14s %6s  headline lines at 1..%d columns\n", "article", "body", layout.columns);
      for (const CopyFit& f : copyfit(issue, layout, fonts)) {
        std::printf("%-14s %6d ", f.article.c_str(), f.body_lines);
        for (int h : f.headline_lines) std::printf(" %3d", h);
        std::printf("\n");
      }
      return 0;
    } catch (const std::exception& e) {
      return report_error(e);
    }
  };
}

}  // namespace paiban::cli
