#include "makeup/typeset.h"

#include <cstdio>

#include "fonts/fonts.h"

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

std::unique_ptr<SetText> set_text(std::u32string text, const std::vector<StyleRange>& styles,
                                  const LineSettings& settings) {
  auto t = std::make_unique<SetText>();
  t->shaped = shape(std::move(text), styles);
  for (const ShapedGlyph& g : t->shaped.glyphs)
    if (g.gid == 0 && t->shaped.text[g.cluster] != U' ') ++t->missing;
  t->para = break_lines(t->shaped, settings);
  return t;
}

std::unique_ptr<SetText> set_string(const std::string& utf8, const TextStyle& style, const LineSettings& settings,
                                    bool normalise) {
  std::u32string text = to_u32(utf8);
  if (normalise) fullwidth_punctuation(text);
  uint32_t n = static_cast<uint32_t>(text.size());
  return set_text(std::move(text), {{n, style}}, settings);
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
