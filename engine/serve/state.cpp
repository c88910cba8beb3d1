// What the browser is told after a build: the pages and their digests, the
// layout's grid, every frame's fit and geometry, the proof marks and notices —
// all the overlays are drawn from this, so toggling one needs no new render.
#include <cstring>
#include <filesystem>

#include "digest/digest.h"
#include "proof/proof.h"
#include "serve/desk.h"
#include "style/layout.h"

namespace paiban::desk {
namespace {

using json = Json;
namespace fs = std::filesystem;

template <typename T>
void put(std::string& s, const T& v) {
  s.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_colour(std::string& s, const Cmyk& c) {
  put(s, c.c), put(s, c.m), put(s, c.y), put(s, c.k);
}

json grid(const Layout& L) {
  json columns = json::array(), baselines = json::array();
  for (int c = 0; c < L.columns; ++c) columns.push_back(L.column_x(c));
  for (int k = 0; k < L.lines; ++k) baselines.push_back(L.baseline(k));
  return {{"name", L.name},          {"trim_w", L.trim_w},         {"trim_h", L.trim_h},
          {"columns", columns},      {"column_width", L.column_width()}, {"gutter", L.gutter},
          {"top", L.line_top(0)},    {"bottom", L.line_top(L.lines)},    {"leading", L.leading},
          {"lines", L.lines},        {"baselines", baselines}};
}

// Where an article starts, for "clicking a frame shows its file and line".
std::pair<std::string, int> source_of(const Issue& issue, const std::string& article, int paragraph) {
  auto at = issue.articles.find(article);
  if (at == issue.articles.end()) return {"", 0};
  const Article& a = at->second;
  std::string file = fs::path(a.file).filename().string();
  if (paragraph > 0 && paragraph <= static_cast<int>(a.blocks.size())) return {file, a.blocks[paragraph - 1].line};
  if (!a.blocks.empty()) return {file, a.blocks.front().line};
  return {file, 1};
}

json frames(const Issue& issue, const Edition& ed) {
  json out = json::array();
  for (const FrameFit& f : ed.frames) {
    auto [file, line] = source_of(issue, f.module, 0);
    json warnings = json::array();
    for (const Notice& n : ed.notices)
      if (!f.module.empty() && n.article == f.module) warnings.push_back(n.what);
    // The fit report's fields, and what the desk adds: where the copy and the frame are.
    json j = frame_fit_json(f);
    j["file"] = file, j["line"] = line;
    j["x"] = f.x, j["y"] = f.y, j["width"] = f.width, j["height"] = f.height;
    j["warnings"] = std::move(warnings);
    out.push_back(std::move(j));
  }
  return out;
}

json notices(const Issue& issue, const Edition& ed) {
  json out = json::array();
  for (const Notice& n : ed.notices) {
    Notice at = n;  // where the editor finds it: the article's file and the paragraph's line
    if (at.file.empty() && !at.article.empty()) std::tie(at.file, at.line) = source_of(issue, at.article, at.paragraph);
    at.file = at.file.empty() ? "" : fs::path(at.file).filename().string();
    json j = notice_json(at);
    j["text"] = format_notice(at);
    out.push_back(j);
  }
  return out;
}

json marks(const Edition& ed) {
  static const char* kinds[] = {"adjusted", "overset", "missing"};
  json out = json::array();
  for (const ProofMark& m : ed.marks)
    out.push_back({{"page", m.page}, {"kind", kinds[m.kind]}, {"x", m.x}, {"y", m.y}, {"w", m.w}, {"h", m.h}, {"what", m.what}});
  return out;
}

}  // namespace

std::string page_digest(const Page& p) {
  std::string s;
  put(s, p.number), put(s, p.width), put(s, p.height), put(s, p.bleed);
  for (const TextRun& r : p.text) {
    s += r.face->file();  // the face by file and index, never by address
    put(s, r.face->index()), put(s, r.size), put(s, r.baseline);
    put_colour(s, r.colour);
    for (const GlyphPos& g : r.glyphs) put(s, g.gid), put(s, g.x), put(s, g.dy);
  }
  for (const Rule& r : p.rules) put(s, r.x1), put(s, r.y1), put(s, r.x2), put(s, r.y2), put(s, r.width), put_colour(s, r.colour);
  for (const Box& b : p.boxes) put(s, b.x), put(s, b.y), put(s, b.w), put(s, b.h), put(s, b.stroke), put(s, b.width), put_colour(s, b.fill);
  for (const ImagePlacement& im : p.images) {
    s += im.path;
    put(s, im.x), put(s, im.y), put(s, im.w), put(s, im.h), put(s, im.crop_x), put(s, im.crop_y), put(s, im.crop_w), put(s, im.crop_h);
    std::error_code ec;  // a photo replaced under the same name is a new page
    auto t = std::filesystem::last_write_time(im.path, ec);
    if (!ec) put(s, t.time_since_epoch().count());
  }
  return digest128(s);
}

json state_json(const Issue& issue, const Layout& layout, const Edition& ed, const std::vector<PageImage>& pages) {
  json pj = json::array();
  for (size_t i = 0; i < pages.size() && i < ed.pages.size(); ++i)
    pj.push_back({{"number", pages[i].number},
                  {"digest", pages[i].digest},
                  {"width", ed.pages[i].width},
                  {"height", ed.pages[i].height},
                  {"image", "/page/" + std::to_string(pages[i].number) + ".png?v=" + pages[i].digest}});
  int errors = 0;
  for (const Notice& n : ed.notices) errors += n.level == Notice::Error;
  return {{"issue", {{"folder", fs::path(issue.dir).lexically_normal().filename().string()},
                     {"paper", issue.paper.name}, {"date", issue.date}, {"number", ed.number}}},
          {"ok", errors == 0},
          {"stale", false},
          {"error", nullptr},
          {"pages", pj},
          {"layout", grid(layout)},
          {"frames", frames(issue, ed)},
          {"marks", marks(ed)},
          {"notices", notices(issue, ed)}};
}

}  // namespace paiban::desk
