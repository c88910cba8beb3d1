#include "pipeline/pipeline.h"

#include "plan/plan.h"

#include <chrono>
#include <filesystem>

#include "fonts/fonts.h"
#include "preflight/preflight.h"
#include "pdf/pdf.h"
#include "style/layout.h"

namespace paiban {

namespace fs = std::filesystem;

std::string project_root(const std::string& issue_dir) {
  fs::path p = fs::absolute(issue_dir).lexically_normal();
  for (fs::path up = p; up.has_parent_path() && up != up.parent_path(); up = up.parent_path())
    if (fs::exists(up / "layouts") && fs::exists(up / "fonts" / "fonts.toml")) return up.string();
  return PAIBAN_SOURCE_DIR;
}


Workshop::Workshop(const std::string& root) : root_(root) {}
Workshop::~Workshop() = default;

BuildResult Workshop::build(const BuildOptions& o) {
  using clock = std::chrono::steady_clock;
  BuildResult r;
  auto t0 = clock::now();
  auto lap = [&](const char* stage) {
    auto t1 = clock::now();
    r.timings.emplace_back(stage, std::chrono::duration<double, std::milli>(t1 - t0).count());
    t0 = t1;
  };
  Issue issue = load_issue(o.issue_dir);
  fs::path layout_file = fs::path(root_) / "layouts" / (issue.layout + ".toml");
  if (!fs::exists(layout_file)) {
    throw InputError(issue.file, issue.line("layout"),
                     "no layout '" + issue.layout + "' (" + layout_file.string() + " does not exist)");
  }
  Layout layout = load_layout(layout_file.string());
  if (!fonts_) fonts_ = std::make_shared<FontRegistry>((fs::path(root_) / "fonts" / "fonts.toml").string());
  check_font_roles(layout, fonts_->roles());
  lap("parse");
  MakeupOptions mo;
  mo.pages = o.pages;
  mo.allow_overset = o.allow_overset;
  mo.marks = o.marks;
  mo.overlays = o.overlays;
  mo.cache = &cache_;
  mo.allow_missing_glyphs = o.allow_missing_glyphs;
  // A whole issue's text is set on all cores first; a proof of some pages sets
  // only what their articles need, as makeup goes.
  if (o.pages.empty()) {
    set_bodies_ahead(issue, layout, *fonts_, cache_);
    lap("shape+break ahead");
  }
  // Automatic makeup: pages without a grid or rows get them; hand-drawn pages pass as drawn.
  PlannedIssue planned = plan_issue(issue, layout, *fonts_, PlanOptions{o.allow_overset, &cache_});
  r.plan = planned.notes;
  lap("plan");
  if (!planned.ok()) {
    r.edition.notices = planned.notices;
    return r;
  }
  r.edition = make_up(planned.issue, layout, *fonts_, mo);
  r.edition.notices.insert(r.edition.notices.begin(), planned.notices.begin(), planned.notices.end());
  lap("shape+break+makeup");
  if (!r.edition.ok() || !o.write_pdf) return r;
  PdfMeta meta;
  meta.title = issue.paper.name + " " + issue.date + " 第" + std::to_string(r.edition.number) + "期";
  meta.date = issue.date;
  meta.author = issue.paper.publisher;
  meta.paper = issue.paper.name;
  PrintSettings print;
  static_cast<PressSpec&>(print) = layout.press;
  print.pdfx = o.pdfx;
  print.icc = o.icc;
  if (!o.icc.empty()) print.cmyk_profile = o.icc;
  print.marks = o.marks;
  r.pdf = write_pdf(r.edition.pages, meta, print);
  lap("pdf");
  if (o.preflight && o.pdfx != PdfX::None) {
    // The press gets nothing that fails the printer's own checks. They are judged
    // from the page model (every colour, rule, size and photo is known), so the
    // PDF is not read back and no rasteriser runs; `paiban preflight FILE` reads it.
    PreflightLimits limits;
    limits.max_tac = layout.press.tac;
    limits.min_text_pt = layout.press.min_text;
    limits.min_rule_pt = layout.press.min_rule;
    for (const PreflightIssue& i : preflight_pages(r.edition.pages, limits)) {
      Notice n = i;
      n.what = "preflight: " + (i.page ? "page " + std::to_string(i.page) + ": " : std::string()) + i.object + ": " +
               i.rule + ": " + i.what;
      r.edition.notices.push_back(n);
    }
    lap("preflight");
    if (!r.edition.ok()) r.pdf.clear();
  }
  return r;
}

BuildResult build(const BuildOptions& o) {
  Workshop w(o.root.empty() ? project_root(o.issue_dir) : o.root);
  return w.build(o);
}

}  // namespace paiban
