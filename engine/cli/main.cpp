// paiban: typeset a Chinese daily newspaper from an issue folder.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "model/issue.h"
#include "pdf/pdf.h"
#include "pipeline/pipeline.h"
#include "style/layout.h"

using namespace paiban;

namespace {

int report(const BuildResult& r) {
  int errors = 0;
  for (const Notice& n : r.edition.notices) {
    std::fprintf(stderr, "%s\n", format_notice(n).c_str());
    errors += n.level == Notice::Error;
  }
  return errors;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"paiban 排版 — typesets a Chinese daily newspaper from an issue folder into print-ready PDF"};
  app.set_version_flag("--version", std::string("paiban ") + PAIBAN_VERSION);
  app.require_subcommand(1);

  BuildOptions opt;
  std::string out;
  bool timings = false;
  CLI::App* b = app.add_subcommand("build", "typeset a whole issue to one PDF");
  b->add_option("issue", opt.issue_dir, "issue folder, e.g. issues/2024-05-07")->required();
  b->add_option("-o,--output", out, "output PDF (default: out/<issue>.pdf)");
  b->add_option("--page", opt.pages, "only these pages (1-based; repeatable)");
  b->add_flag("--allow-overset", opt.allow_overset, "set the build even when text does not fit (marked on the page)");
  b->add_flag("--timings", timings, "print the time each stage took");
  bool fit_report = false;
  b->add_flag("--report", fit_report, "print the fit of every frame (lines used / available, overset, underset)");
  std::string pdfx = "1a";
  b->add_option("--pdfx", pdfx, "PDF/X conformance: 1a (PDF/X-1a:2001, default), 4 (PDF/X-4) or none")
      ->check(CLI::IsMember({"1a", "4", "none"}));
  b->add_option("--icc", opt.icc, "CMYK ICC profile of the press: embedded as the output intent's profile")
      ->check(CLI::ExistingFile);
  b->add_flag("--marks", opt.marks, "crop marks, registration marks and a page label in the slug");
  b->add_option("--root", opt.root, "folder with layouts/ and fonts/ (default: found from the issue folder)");

  std::string fit_dir;
  CLI::App* fit = app.add_subcommand("fit", "copyfit: body lines and headline lines of every article");
  fit->add_option("issue", fit_dir, "issue folder")->required();

  CLI11_PARSE(app, argc, argv);

  if (*fit) {
    try {
      Issue issue = load_issue(fit_dir);
      std::string root = project_root(fit_dir);
      Layout layout = load_layout(root + "/layouts/" + issue.layout + ".toml");
      FontRegistry fonts(root + "/fonts/fonts.toml");
      std::printf("%-14s %6s  headline lines at 1..%d columns\n", "article", "body", layout.columns);
      for (const CopyFit& f : copyfit(issue, layout, fonts)) {
        std::printf("%-14s %6d ", f.article.c_str(), f.body_lines);
        for (int h : f.headline_lines) std::printf(" %3d", h);
        std::printf("\n");
      }
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 2;
    }
  }

  try {
    opt.pdfx = pdfx == "4" ? PdfX::X4 : pdfx == "none" ? PdfX::None : PdfX::X1a;
    if (out.empty())
      out = "out/" + std::filesystem::path(opt.issue_dir).lexically_normal().filename().string() + ".pdf";
    BuildResult r = build(opt);
    int errors = report(r);
    if (fit_report) {
      std::printf("%-4s %-3s %-12s %4s %9s %9s %7s %8s %8s\n", "page", "frm", "article", "cols", "available", "used",
                  "needed", "underset", "overset");
      for (const FrameFit& f : r.edition.frames)
        std::printf("%-4d %-3c %-12s %4d %9d %9d %7d %8d %8d\n", f.page, f.letter, f.module.c_str(), f.columns,
                    f.lines_available, f.lines_used, f.lines_needed, f.underset_lines, f.overset_lines);
    }
    if (errors > 0 || r.pdf.empty()) {
      std::fprintf(stderr, "paiban: build failed with %d error(s); %s was not written\n", errors, out.c_str());
      return 1;
    }
    save_atomically(out, r.pdf);
    if (timings) {
      double total = 0;
      for (auto& [stage, ms] : r.timings) {
        std::printf("%-22s %8.1f ms\n", stage.c_str(), ms);
        total += ms;
      }
      std::printf("%-22s %8.1f ms\n", "total", total);
    }
    std::printf("wrote %s (%zu pages, %zu bytes)\n", out.c_str(), r.edition.pages.size(), r.pdf.size());
    return 0;
  } catch (const InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "paiban: %s\n", e.what());
    return 3;
  }
}
