// paiban proof: single pages for editors — a proof PDF or PNG previews, with
// overlays and a fit report; --watch proofs again whenever the issue changes.
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "diag/diag.h"
#include "pipeline/pipeline.h"
#include "proof/proof.h"

namespace paiban::cli {
namespace {

namespace fs = std::filesystem;

struct Args {
  BuildOptions opt;
  std::string out, overlays, report, encoding;
  bool png = false, watch = false, allow_overset = true, timings = false;
  double dpi = 72;
};

std::string default_prefix(const Args& a) {
  std::string name = fs::path(a.opt.issue_dir).lexically_normal().filename().string();
  std::string pages;
  for (int p : a.opt.pages) pages += "-p" + std::to_string(p);
  return "out/" + name + "-proof" + pages;
}

// One proof: returns the report text (for watch mode's comparison) and prints what it wrote.
std::string proof_once(Workshop& shop, const Args& a, int* status) {
  auto t0 = std::chrono::steady_clock::now();
  BuildOptions o = a.opt;
  o.write_pdf = !a.png;  // a PNG is drawn from the placed pages, with no PDF between
  BuildResult r = shop.build(o);
  FILE* say = a.report == "json" ? stderr : stdout;  // JSON stays alone on stdout, for tools
  std::string prefix = a.out.empty() ? default_prefix(a) : a.out;
  if (a.png ? r.edition.ok() : !r.pdf.empty()) {
    if (a.png) {
      std::string base = prefix.size() > 4 && prefix.substr(prefix.size() - 4) == ".png"
                             ? prefix.substr(0, prefix.size() - 4)
                             : prefix;
      if (fs::path(base).has_parent_path()) fs::create_directories(fs::path(base).parent_path());
      auto drawn = std::chrono::steady_clock::now();
      for (const std::string& f : render_png(r.edition.pages, a.dpi, base)) std::fprintf(say, "wrote %s\n", f.c_str());
      r.timings.emplace_back("draw+PNG", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - drawn).count());
    } else {
      std::string file = prefix.size() > 4 && prefix.substr(prefix.size() - 4) == ".pdf" ? prefix : prefix + ".pdf";
      save_atomically(file, r.pdf);
      std::fprintf(say, "wrote %s\n", file.c_str());
    }
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::string report = a.report == "json" ? fit_report_json(r.edition) : fit_report_text(r.edition);
  if (!a.report.empty()) std::fputs(report.c_str(), stdout);
  else
    for (const Notice& n : r.edition.notices) std::fprintf(stderr, "%s\n", format_notice(n).c_str());
  std::fprintf(say, "proof of page(s)");
  for (int p : a.opt.pages) std::fprintf(say, " %d", p);
  std::fprintf(say, " in %.1f ms\n", ms);
  if (a.timings)
    for (auto& [stage, t] : r.timings) std::fprintf(say, "%-22s %8.1f ms\n", stage.c_str(), t);
  std::fflush(say);
  *status = r.edition.ok() ? 0 : 1;
  return fit_report_text(r.edition);
}

// Lines of the report that changed, + new and - gone, as the editor reads a diff.
void print_changes(const std::string& before, const std::string& after) {
  auto lines = [](const std::string& s) {
    std::multiset<std::string> out;
    std::stringstream ss(s);
    std::string l;
    while (std::getline(ss, l)) out.insert(l);
    return out;
  };
  auto a = lines(before), b = lines(after);
  int changes = 0;
  for (const std::string& l : a)
    if (!b.count(l)) std::printf("- %s\n", l.c_str()), ++changes;
  for (const std::string& l : b)
    if (!a.count(l)) std::printf("+ %s\n", l.c_str()), ++changes;
  if (changes == 0) std::printf("  (fit unchanged)\n");
  std::fflush(stdout);
}

int watch(Workshop& shop, const Args& a) {
  int fd = inotify_init1(IN_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot watch files (inotify)");
  auto add = [&](const fs::path& dir) {
    inotify_add_watch(fd, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
  };
  add(a.opt.issue_dir);
  if (fs::exists(fs::path(a.opt.issue_dir) / "images")) add(fs::path(a.opt.issue_dir) / "images");
  int status = 0;
  std::string last;
  try {
    last = proof_once(shop, a, &status);
  } catch (const std::exception& e) {
    report_error(e);
  }
  std::printf("watching %s (Ctrl-C to stop)\n", a.opt.issue_dir.c_str());
  std::fflush(stdout);
  char buf[4096];
  for (;;) {
    if (read(fd, buf, sizeof buf) <= 0) break;
    // Editors' tools save in bursts: wait until the folder is quiet for 50 ms.
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, 50) > 0) (void)!read(fd, buf, sizeof buf);
    try {
      std::string now = proof_once(shop, a, &status);
      print_changes(last, now);
      last = now;
    } catch (const std::exception& e) {
      report_error(e);  // a half-edited file: say so and keep watching
    }
  }
  close(fd);
  return status;
}

}  // namespace

std::function<int()> add_proof(CLI::App& app) {
  auto a = std::make_shared<Args>();
  CLI::App* p = app.add_subcommand("proof", "proof single pages: PDF or PNG, overlays, fit report, watch mode");
  p->add_option("issue", a->opt.issue_dir, "issue folder, or a copy file to import first")->required();
  p->add_option("--encoding", a->encoding, "a copy file's charset (default: detected)");
  p->add_option("--page", a->opt.pages, "page to proof (1-based; repeatable)")->required();
  p->add_option("-o,--output", a->out, "output PDF, or PNG prefix with --png (default: out/<issue>-proof-pN)");
  p->add_flag("--png", a->png, "PNG images instead of a PDF, drawn from the placed pages");
  p->add_flag("--timings", a->timings, "print the time each stage took");
  p->add_option("--dpi", a->dpi, "PNG resolution (default 72)")->check(CLI::Range(10.0, 1200.0));
  p->add_option("--overlay", a->overlays, "overlays: grid,frames,baselines,adjustments (or all)");
  p->add_flag("--report{text}", a->report, "fit report: --report (text) or --report=json");
  p->add_flag("--watch", a->watch, "proof again whenever a file of the issue changes");
  p->add_option("--root", a->opt.root, "folder with layouts/ and fonts/");
  return [a] {
    try {
      std::string bad;
      a->opt.overlays = parse_overlays(a->overlays, &bad);
      if (!bad.empty()) {
        std::fprintf(stderr, "paiban: unknown overlay '%s' (grid, frames, baselines, adjustments)\n", bad.c_str());
        return 2;
      }
      if (a->report != "" && a->report != "text" && a->report != "json") {
        std::fprintf(stderr, "paiban: --report is text or json\n");
        return 2;
      }
      if (a->watch && std::filesystem::is_regular_file(a->opt.issue_dir)) {
        std::fprintf(stderr, "paiban: --watch proofs an issue folder; import the copy first (paiban import)\n");
        return 2;
      }
      CopyFolder copy(a->opt, a->encoding);
      a->opt.pdfx = PdfX::None;       // a proof is for the screen, not the press
      a->opt.allow_overset = true;    // show overset on the page rather than refuse
      Workshop shop(a->opt.root.empty() ? project_root(a->opt.issue_dir) : a->opt.root);
      if (a->watch) return watch(shop, *a);
      int status = 0;
      proof_once(shop, *a, &status);
      return status;
    } catch (const std::exception& e) {
      return report_error(e);
    }
  };
}

}  // namespace paiban::cli
