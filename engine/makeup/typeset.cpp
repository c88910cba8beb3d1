#include "makeup/typeset.h"

#include <cstdio>
#include <unordered_map>

#include "fonts/fonts.h"

namespace paiban {

struct TextCache::Impl {
  std::unordered_map<std::string, std::pair<makeup::TextPtr, int>> texts;  // key -> text, build it was last used in
  int build = 0;
};
TextCache::TextCache() : impl(std::make_unique<Impl>()) {}
TextCache::~TextCache() = default;

}  // namespace paiban

namespace paiban::makeup {

LineSettings Context::settings(const TextStyleSpec& s, double measure, double indent) const {
  LineSettings ls;
  ls.measure = measure;
  ls.indent = indent;
  ls.kinsoku = layout.kinsoku;
  ls.align = s.align;
  ls.last_align = s.last_align;
  ls.latin_space = layout.latin_space;
  return ls;
}

void Context::notice(Notice::Level level, const std::string& article, int paragraph, const std::string& what) const {
  Notice n;
  n.level = level;
  n.article = article;
  n.paragraph = paragraph;
  n.what = what;
  auto it = issue.articles.find(article);
  if (it != issue.articles.end()) {
    n.file = it->second.file;
    if (paragraph > 0 && paragraph <= static_cast<int>(it->second.blocks.size()))
      n.line = it->second.blocks[paragraph - 1].line;
  }
  edition.notices.push_back(std::move(n));
}

void begin_build(TextCache* cache) {
  if (cache) ++cache->impl->build;
}

void end_build(TextCache* cache) {
  if (!cache) return;
  auto& m = cache->impl->texts;
  for (auto it = m.begin(); it != m.end();)  // what the last two builds did not use is gone
    it = it->second.second < cache->impl->build - 1 ? m.erase(it) : std::next(it);
}

namespace {

template <typename T>
void put_bytes(std::string& k, const T& v) {
  k.append(reinterpret_cast<const char*>(&v), sizeof v);
}

std::string cache_key(const std::u32string& text, const std::vector<StyleRange>& styles, const LineSettings& s) {
  std::string k(reinterpret_cast<const char*>(text.data()), text.size() * sizeof(char32_t));
  for (const StyleRange& r : styles) {
    put_bytes(k, r.end);
    put_bytes(k, r.style.face);
    put_bytes(k, r.style.size);
  }
  put_bytes(k, s.measure);
  put_bytes(k, s.indent);
  put_bytes(k, s.kinsoku);
  put_bytes(k, s.align);
  put_bytes(k, s.last_align);
  put_bytes(k, s.latin_space);
  put_bytes(k, s.trim_opening_at_line_start);
  return k;
}

}  // namespace

TextPtr set_text(const Context& ctx, std::u32string text, const std::vector<StyleRange>& styles,
                 const LineSettings& settings) {
  std::string key;
  if (ctx.cache) {
    key = cache_key(text, styles, settings);
    auto it = ctx.cache->impl->texts.find(key);
    if (it != ctx.cache->impl->texts.end()) {
      it->second.second = ctx.cache->impl->build;
      return it->second.first;
    }
  }
  auto t = std::make_shared<SetText>();
  t->shaped = shape(std::move(text), styles);
  for (const ShapedGlyph& g : t->shaped.glyphs)
    if (g.gid == 0 && t->shaped.text[g.cluster] != U' ') ++t->missing;
  t->para = break_lines(t->shaped, settings);
  if (ctx.cache) ctx.cache->impl->texts[key] = {t, ctx.cache->impl->build};
  return t;
}

TextPtr set_string(const Context& ctx, const std::string& utf8, const TextStyle& style, const LineSettings& settings,
                   bool normalise) {
  std::u32string text = to_u32(utf8);
  if (normalise) fullwidth_punctuation(text);
  uint32_t n = static_cast<uint32_t>(text.size());
  return set_text(ctx, std::move(text), {{n, style}}, settings);
}

double natural_width(const std::string& utf8, const TextStyle& style) {
  std::u32string text = to_u32(utf8);
  fullwidth_punctuation(text);
  uint32_t n = static_cast<uint32_t>(text.size());
  Shaped sh = shape(std::move(text), {{n, style}});
  LineSettings ls;
  ls.measure = 1e9;
  ls.align = Align::Left;
  SetParagraph p = break_lines(sh, ls);
  return p.lines.empty() ? 0 : p.lines[0].width;
}

void draw_line(Page& page, const SetText& t, const Line& line, double x, double y, Cmyk colour) {
  const auto& gl = line.glyphs;
  size_t i = 0;
  while (i < gl.size()) {
    // One text run per style on the line.
    size_t j = i;
    uint32_t tb = UINT32_MAX, te = 0;
    while (j < gl.size() && gl[j].style == gl[i].style) {
      tb = std::min(tb, gl[j].text_begin);
      te = std::max(te, gl[j].text_end);
      ++j;
    }
    const TextStyle& st = t.shaped.styles[gl[i].style];
    TextRun run;
    run.face = st.face;
    run.size = st.size;
    run.baseline = y;
    run.colour = colour;
    if (te > tb) run.text = t.shaped.text.substr(tb, te - tb);
    for (size_t k = i; k < j; ++k) {
      uint32_t b = gl[k].text_begin, e = gl[k].text_end;
      if (e > b) {
        b -= tb;
        e -= tb;
      } else {
        b = e = 0;
      }
      run.glyphs.push_back(GlyphPos{gl[k].gid, x + gl[k].x, gl[k].dy, b, e});
    }
    page.text.push_back(std::move(run));
    i = j;
  }
}

void report_missing(const Context& ctx, const SetText& t, const std::string& article, int paragraph) {
  if (t.missing == 0) return;
  std::string chars;
  for (const ShapedGlyph& g : t.shaped.glyphs)
    if (g.gid == 0 && t.shaped.text[g.cluster] != U' ') {
      char buf[16];
      std::snprintf(buf, sizeof buf, " U+%04X", static_cast<unsigned>(t.shaped.text[g.cluster]));
      chars += to_utf8(std::u32string(1, t.shaped.text[g.cluster])) + buf + ";";
    }
  ctx.notice(Notice::Error, article, paragraph,
             std::to_string(t.missing) + " character(s) missing from the font (缺字): " + chars);
}

}  // namespace paiban::makeup
