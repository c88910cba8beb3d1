#include "makeup/typeset.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "fonts/fonts.h"
#include "work/work.h"

namespace paiban {

namespace makeup {

// A text is set again only when its characters, its styles or any of its line
// settings differ: the key compares them all (defaulted ==).
struct TextKey {
  std::u32string text;
  std::vector<StyleRange> styles;
  LineSettings settings;
  bool operator==(const TextKey&) const = default;
};

struct TextKeyHash {
  size_t operator()(const TextKey& k) const {
    size_t h = std::hash<std::u32string>{}(k.text) ^ (hash_value(k.settings) * 31);
    for (const StyleRange& r : k.styles)
      h = h * 131 + std::hash<const void*>{}(r.style.face) + std::hash<double>{}(r.style.size) + r.end;
    return h;
  }
};

}  // namespace makeup

struct TextCache::Impl {
  std::unordered_map<makeup::TextKey, std::pair<makeup::TextPtr, int>, makeup::TextKeyHash> texts;  // text, build it was last used in
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
  ls.digit_space = layout.digit_space;
  ls.hanging = layout.hanging && s.align == Align::Justify;
  ls.compress_punctuation = layout.compress_punctuation;
  return ls;
}

LineSettings Context::display_settings(const TextStyleSpec& s, double measure) const {
  LineSettings ls = settings(s, measure);
  ls.word_breaks = true;
  ls.balance = true;
  return ls;
}

LineSettings Context::caption_settings(const TextStyleSpec& s, double measure) const {
  LineSettings ls = settings(s, measure);
  ls.words_only = true;
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

// Shaping and breaking proper: a pure function of its arguments (fonts are
// read-only here), so it may run on any thread.
TextPtr set_fresh(std::u32string text, const std::vector<StyleRange>& styles, const LineSettings& settings,
                  const std::vector<const Face*>& fallback) {
  auto t = std::make_shared<SetText>();
  t->shaped = shape(std::move(text), styles, fallback);
  for (const ShapedGlyph& g : t->shaped.glyphs)
    if (g.gid == 0 && t->shaped.text[g.cluster] != U' ') ++t->missing;
  t->para = break_lines(t->shaped, settings);
  return t;
}

}  // namespace

void set_texts_ahead(const Context& ctx, std::vector<TextRequest>& requests) {
  if (!ctx.cache) return;
  auto& texts = ctx.cache->impl->texts;
  const std::vector<const Face*>& fallback = ctx.fonts.fallback();  // loaded here, before the threads read it
  // New entries first (the map is not changed while the threads run; its
  // elements stay where they are), then filled in side by side.
  std::vector<std::pair<const TextKey, std::pair<TextPtr, int>>*> todo;
  for (TextRequest& r : requests) {
    auto [it, fresh] = texts.try_emplace(TextKey{std::move(r.text), std::move(r.styles), r.settings},
                                         nullptr, ctx.cache->impl->build);
    if (fresh) todo.push_back(&*it);
  }
  try {
    for_each_parallel(todo.size(), [&](size_t i) {
      const TextKey& k = todo[i]->first;
      todo[i]->second.first = set_fresh(k.text, k.styles, k.settings, fallback);
    });
  } catch (...) {
    for (auto* e : todo) texts.erase(e->first);  // set_text sets them again, and says what failed
    throw;
  }
}

TextPtr set_text(const Context& ctx, std::u32string text, const std::vector<StyleRange>& styles,
                 const LineSettings& settings) {
  TextKey key;
  if (ctx.cache) {
    key = TextKey{text, styles, settings};
    auto it = ctx.cache->impl->texts.find(key);
    if (it != ctx.cache->impl->texts.end()) {
      it->second.second = ctx.cache->impl->build;
      return it->second.first;
    }
  }
  TextPtr t = set_fresh(std::move(text), styles, settings, ctx.fonts.fallback());
  if (ctx.cache) ctx.cache->impl->texts[std::move(key)] = {t, ctx.cache->impl->build};
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

namespace {

// A character no font has (缺字) is drawn as a box holding its code point in
// hexadecimal, written with strokes (seven-segment digits), so proofreaders see
// exactly which character is missing without needing any font.
void placeholder(Page& page, char32_t c, double x, double baseline, double em) {
  const Cmyk red{0, 1, 1, 0};
  double top = baseline - kEmAscent * em;
  page.boxes.push_back(Box{x + 0.04 * em, top, 0.92 * em, em, red, true, 0.4});
  char hex[12];
  int n = std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
  // Segments a..g of each hex digit, as bits 0..6.
  static const unsigned char seg[16] = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07,
                                        0x7F, 0x6F, 0x77, 0x7C, 0x39, 0x5E, 0x79, 0x71};
  int per_row = n > 4 ? 3 : 2;
  double w = 0.84 * em / per_row, h = 0.42 * em;
  for (int i = 0; i < n; ++i) {
    int d = hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'A' + 10;
    double cx = x + 0.08 * em + (i % per_row) * w, cy = top + 0.06 * em + (i / per_row) * (h + 0.04 * em);
    double l = cx + 0.15 * w, r = cx + 0.85 * w, t = cy + 0.08 * h, m = cy + 0.5 * h, b = cy + 0.92 * h;
    const double xs[7][4] = {{l, t, r, t}, {r, t, r, m}, {r, m, r, b}, {l, b, r, b},
                             {l, m, l, b}, {l, t, l, m}, {l, m, r, m}};
    for (int s = 0; s < 7; ++s)
      if (seg[d] & (1 << s)) page.rules.push_back(Rule{xs[s][0], xs[s][1], xs[s][2], xs[s][3], 0.3, red});
  }
}

}  // namespace

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
    run.face = st.face->shared_from_this();
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
      if (gl[k].gid == 0 && gl[k].text_end > gl[k].text_begin) {
        placeholder(page, t.shaped.text[gl[k].text_begin], x + gl[k].x, y, st.size);
        continue;  // never a silent .notdef
      }
      run.glyphs.push_back(GlyphPos{gl[k].gid, x + gl[k].x, gl[k].dy, b, e});
    }
    if (!run.glyphs.empty()) page.text.push_back(std::move(run));
    i = j;
  }
}

void report_missing(const Context& ctx, const SetText& t, const std::string& article, int paragraph, int line,
                    const std::string& file) {
  if (t.missing == 0) return;
  const std::u32string& s = t.shaped.text;
  for (const ShapedGlyph& g : t.shaped.glyphs) {
    if (g.gid != 0 || s[g.cluster] == U' ') continue;
    char cp[16];
    std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(s[g.cluster]));
    size_t from = g.cluster > 6 ? g.cluster - 6 : 0;
    std::string context = to_utf8(s.substr(from, g.cluster - from)) + "【" + to_utf8(s.substr(g.cluster, 1)) + "】" +
                          to_utf8(s.substr(g.cluster + 1, 6));
    const std::string what = std::string("缺字: no font in the fallback chain has ") + to_utf8(s.substr(g.cluster, 1)) +
                             " (" + cp + ") in \"" + context + "\"" +
                             (ctx.allow_missing ? "; set as a boxed code point" : "");
    // A headline drawn again over its continuation says the same once.
    const auto& said = ctx.edition.notices;
    if (std::any_of(said.begin(), said.end(), [&](const Notice& n) { return n.article == article && n.what == what; }))
      continue;
    ctx.notice(ctx.allow_missing ? Notice::Warning : Notice::Error, article, paragraph, what);
    if (line > 0) ctx.edition.notices.back().line = line;
    if (!file.empty()) ctx.edition.notices.back().file = file;
  }
}

}  // namespace paiban::makeup
