#include "pipeline/pipeline.h"

#include <chrono>
#include <filesystem>

#include "fonts/fonts.h"
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

std::string format_notice(const Notice& n) {
  std::string s;
  if (!n.file.empty()) s += n.file + (n.line > 0 ? ":" + std::to_string(n.line) : "") + ": ";
  s += n.level == Notice::Error ? "error: " : "warning: ";
  if (!n.article.empty()) s += "article '" + n.article + "'";
  if (n.paragraph > 0) s += ", paragraph " + std::to_string(n.paragraph);
  if (!n.article.empty()) s += ": ";
  return s + n.what;
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
    auto at = issue.lines.find("layout");
    throw InputError(issue.file, at == issue.lines.end() ? 0 : at->second,
                     "no layout '" + issue.layout + "' (" + layout_file.string() + " does not exist)");
  }
  Layout layout = load_layout(layout_file.string());
  if (!fonts_) fonts_ = std::make_unique<FontRegistry>((fs::path(root_) / "fonts" / "fonts.toml").string());
  lap("parse");
  MakeupOptions mo;
  mo.pages = o.pages;
  mo.allow_overset = o.allow_overset;
  mo.marks = o.marks;
  mo.overlays = o.overlays;
  mo.cache = &cache_;
  r.edition = make_up(issue, layout, *fonts_, mo);
  lap("shape+break+makeup");
  if (!r.edition.ok()) return r;
  PdfMeta meta;
  meta.title = issue.paper.name + " " + issue.date + " 第" + std::to_string(r.edition.number) + "期";
  meta.date = issue.date;
  meta.author = issue.paper.publisher;
  meta.paper = issue.paper.name;
  PrintSettings print;
  const PressSpec& press = layout.press;
  print.pdfx = o.pdfx;
  print.condition_id = press.condition_id;
  print.condition = press.condition;
  print.registry = press.registry;
  print.icc = o.icc;
  print.cmyk_profile = o.icc.empty() ? press.cmyk_profile : o.icc;
  print.tac = press.tac;
  print.marks = o.marks;
  print.slug = press.slug;
  r.pdf = write_pdf(r.edition.pages, meta, print);
  lap("pdf");
  return r;
}

BuildResult build(const BuildOptions& o) {
  Workshop w(o.root.empty() ? project_root(o.issue_dir) : o.root);
  return w.build(o);
}

}  // namespace paiban
