// Glyph clusters to units and gaps, with the clreq rules as data on the gaps.
#include <unicode/uchar.h>

#include <cmath>

#include "fonts/fonts.h"
#include "lines/units.h"

namespace paiban::lines {
namespace {

constexpr double kCharStretch = 0.10;   // em a gap between characters may grow at ratio 1
constexpr double kLatinStretch = 0.10;  // em the Han–Latin space may grow
constexpr double kLatinShrink = 0.125;  // em it may shrink (clreq: to 1/8 em)
constexpr double kLatinMax = 0.5;       // em it may reach at most: past that the Chinese take the excess

bool latin_class(CharClass c) {
  return c == CharClass::Latin || c == CharClass::Digit || c == CharClass::Other;
}

// Which halves of a full-width mark are empty, read from the glyph's ink so
// that mainland (corner) and centred (Taiwan) forms are both right.
void punct_spaces(const Face& face, uint32_t gid, double advance, double em, double& left, double& right) {
  left = right = 0;
  if (advance < 0.9 * em) return;  // proportional glyph: nothing to squeeze
  const GlyphInk& ink = face.ink(gid);
  if (ink.empty) return;
  double x0 = static_cast<double>(ink.x_min) / face.upem(), x1 = static_cast<double>(ink.x_max) / face.upem();
  double adv = advance / em;
  auto half = [](double room) { return room >= 0.45 ? 0.5 : room >= 0.2 ? 0.25 : 0.0; };
  left = half(x0) * em;
  right = half(adv - x1) * em;
}

}  // namespace

namespace {

// Glyph clusters to units: each Chinese character or mark is a unit, a Latin
// word or number is one unit; spaces become properties of the next unit.
std::vector<Unit> collect(const Shaped& sh, bool compress) {
  std::vector<Unit> units;
  const auto& g = sh.glyphs;
  const std::u32string& t = sh.text;
  bool word_space = false;
  double em_space = 0;
  int em_glyph = -1;
  size_t i = 0;
  while (i < g.size()) {
    size_t j = i + 1;
    while (j < g.size() && g[j].cluster == g[i].cluster) ++j;
    uint32_t tb = g[i].cluster, te = j < g.size() ? g[j].cluster : static_cast<uint32_t>(t.size());
    if (te <= tb) te = tb + 1;
    const TextStyle& st = sh.styles[g[i].style];
    double width = 0;
    for (size_t k = i; k < j; ++k) width += g[k].advance;
    CharClass first = char_class(t[tb]), last = char_class(t[te - 1]);
    // A combining mark after a space shares the space's cluster: that cluster is
    // a visible character (a mark shown on its own), never white space to drop.
    bool marked_space = first == CharClass::Space && te > tb + 1;
    if (first == CharClass::Space && !marked_space) {
      word_space = !units.empty();
      i = j;
      continue;
    }
    if (t[tb] == 0x3000 && te == tb + 1) {
      // An ideographic space is white space: it may end a line and then vanishes.
      if (!units.empty()) {
        em_space += width;
        em_glyph = static_cast<int>(i);
      }
      i = j;
      continue;
    }
    // ASCII signs (/ - . % $) are part of the word or number they stand in: PDF/X-1a, 52.1%.
    bool latin = (latin_class(first) || t[tb] < 0x80) && !marked_space;
    Unit* prev = units.empty() ? nullptr : &units.back();
    if (latin && prev && prev->latin && !word_space && em_space == 0 && prev->em == st.size) {
      prev->glyph_end = static_cast<uint32_t>(j);  // letters of one word stay one unit
      prev->text_end = te;
      prev->width += width;
      prev->last = last;
    } else {
      Unit u{static_cast<uint32_t>(i), static_cast<uint32_t>(j), tb, te, width, 0, 0, st.size, first, last, latin};
      u.word_space = word_space;
      u.em_space = em_space;
      u.em_space_glyph = em_glyph;
      if (compress && is_cjk_punct(first) && j == i + 1) {
        punct_spaces(*st.face, g[i].gid, g[i].advance, st.size, u.left_space, u.right_space);
        u.width -= u.left_space + u.right_space;
      }
      units.push_back(u);
    }
    word_space = false;
    em_space = 0;
    em_glyph = -1;
    i = j;
  }
  return units;
}

}  // namespace

Unit cluster_piece(const Shaped& sh, const Unit& u, uint32_t k, uint32_t& next) {
  const auto& g = sh.glyphs;
  uint32_t e = k + 1;
  while (e < u.glyph_end && g[e].cluster == g[k].cluster) ++e;
  Unit c = u;
  c.glyph_begin = k;
  c.glyph_end = e;
  c.text_begin = g[k].cluster;
  c.text_end = e < u.glyph_end ? g[e].cluster : u.text_end;
  c.width = 0;
  for (uint32_t q = k; q < e; ++q) c.width += g[q].advance;
  c.first = c.last = char_class(sh.text[c.text_begin]);
  if (k != u.glyph_begin) {
    c.word_space = false;
    c.em_space = 0;
    c.em_space_glyph = -1;
  }
  next = e;
  return c;
}

namespace {

// A word or number longer than the line (a URL, a 10,000-letter string) is
// opened up: it may break after any character, preferably after / . - and the
// like, and the breaker picks where. Every such break is reported.
std::vector<Unit> open_long_words(const Shaped& sh, std::vector<Unit> units, double measure) {
  std::vector<Unit> out;
  out.reserve(units.size());
  for (const Unit& u : units) {
    if (!(u.latin && u.width > measure && u.glyph_end - u.glyph_begin > 1)) {
      out.push_back(u);
      continue;
    }
    for (uint32_t k = u.glyph_begin; k < u.glyph_end;) {
      uint32_t e;
      Unit piece = cluster_piece(sh, u, k, e);
      if (k != u.glyph_begin) piece.inside_word = true;
      out.push_back(piece);
      k = e;
    }
  }
  return out;
}

// A letter, a digit, or a sign that belongs to a number (52.1%, $5).
bool word_edge(char32_t c) {
  CharClass k = char_class(c);
  return u_isalnum(static_cast<UChar32>(c)) || k == CharClass::Postfix || k == CharClass::Prefix;
}

// Codes are one item: a dash between letters or digits (CN14—0031), a short
// word of capitals and the number after it (GB 2312, ISO 12647).
bool code_joint(const std::vector<Unit>& u, size_t k, const std::u32string& t) {
  const Unit& a = u[k];
  const Unit& b = u[k + 1];
  auto alnum = [&](const Unit& x, bool end) {
    return x.latin && u_isalnum(static_cast<UChar32>(t[end ? x.text_end - 1 : x.text_begin]));
  };
  if (b.first == CharClass::Dash && b.text_end - b.text_begin == 1 && alnum(a, true) && k + 2 < u.size() &&
      alnum(u[k + 2], false) && !u[k + 2].word_space)
    return !b.word_space;
  if (a.last == CharClass::Dash && a.text_end - a.text_begin == 1 && alnum(b, false) && k > 0 &&
      alnum(u[k - 1], true) && !a.word_space)
    return !b.word_space;
  if (!b.word_space || !a.latin || !b.latin || b.first != CharClass::Digit) return false;
  uint32_t len = a.text_end - a.text_begin;
  if (len < 2 || len > 4) return false;
  for (uint32_t i = a.text_begin; i < a.text_end; ++i)
    if (!u_isupper(static_cast<UChar32>(t[i]))) return false;
  return true;
}

// The white of a gap between two units: a word space, Han–Latin space, the
// halves of punctuation marks, an ideographic space.
void gap_widths(const Unit& a, const Unit& b, const std::u32string& t, const LineSettings& s, Gap& gap) {
  const double em = a.em;
  const bool ideo_a = a.last == CharClass::Ideograph, ideo_b = b.first == CharClass::Ideograph;
  // Han–Latin space only where a letter or digit meets a Chinese character:
  // not around a lone sign (男/女, 3-戊酮), not next to punctuation.
  bool latin_a = a.latin && word_edge(t[a.text_end - 1]), latin_b = b.latin && word_edge(t[b.text_begin]);
  if (b.word_space && !(ideo_a || ideo_b)) {
    // A space between Latin words: clreq lets it range from 1/4 to 1/2 em.
    gap.natural = 0.25 * em;
    gap.stretch = 0.25 * em;
    gap.shrink = 0;
  } else if ((ideo_a && latin_b) || (latin_a && ideo_b)) {
    // Dailies set digits tight (2024年5月7日) and keep a space around Latin words.
    char32_t edge = ideo_a ? t[b.text_begin] : t[a.text_end - 1];
    bool digit = edge >= U'0' && edge <= U'9';
    gap.natural = (digit ? s.digit_space : s.latin_space) * em;
    gap.stretch = kLatinStretch * em;
    gap.shrink = std::min(kLatinShrink * em, gap.natural);
    gap.max_extra = std::max(0.0, kLatinMax * em - gap.natural);
  } else {
    double space = a.right_space + b.left_space;
    // Two adjacent marks take 1.5 em, not 2 (clreq §3.1.6.2).
    if (is_cjk_punct(a.last) && is_cjk_punct(b.first)) space = std::max(0.0, space - 0.5 * em);
    gap.natural = space;
    gap.shrink = space;  // squeeze before stretching (先挤进)
    gap.stretch = kCharStretch * em;
  }
  if (b.em_space > 0) {
    // The mark's empty half goes into the ideographic space: 家门口”　群众 keeps one em of white, not 1.5.
    gap.natural = std::max(gap.natural, b.em_space);
    gap.space_glyph = b.em_space_glyph;
    gap.stretch = kCharStretch * em;
    gap.shrink = std::min(gap.shrink, 0.0);
  }
  if (b.first == CharClass::Open && !s.trim_opening_at_line_start) gap.start_width = b.left_space;
}

// Whether the line may break at gap k, by the rules of 禁则 and of the things
// that never split (——, ……, codes, a number and its multiplier).
void gap_rules(const std::vector<Unit>& units, size_t k, const std::u32string& t, const LineSettings& s,
               int run_chars, Gap& gap) {
  const Unit& a = units[k];
  const Unit& b = units[k + 1];
  bool inseparable = a.last == b.first && (a.last == CharClass::Dash || a.last == CharClass::Ellipsis);
  if (no_line_start(b.first, s.kinsoku)) {
    gap.can_break = false;
    gap.rule = "line-start prohibition";
  } else if (no_line_end(a.last, s.kinsoku)) {
    gap.can_break = false;
    gap.rule = "line-end prohibition";
  } else if (inseparable && run_chars % 2 == 1) {
    // —— and …… are one unit of two; a run of them may break between pairs.
    gap.can_break = false;
    gap.rule = "inseparable —— or ……";
  } else if (code_joint(units, k, t)) {
    gap.can_break = false;
    gap.rule = "a code (CN14—0031, GB 2312)";
  } else if (a.latin && !b.word_space && (a.last == CharClass::Digit || a.last == CharClass::Postfix) &&
             b.first == CharClass::Ideograph) {
    // 1.35亿 is one number: never split. 2024年, 150亿元: keep together unless
    // that would leave a very loose line.
    char32_t c = t[b.text_begin];
    if (c == U'万' || c == U'亿' || c == U'千' || c == U'百') {
      gap.can_break = false;
      gap.rule = "number and its multiplier";
    } else {
      gap.penalty = 800;
    }
  }
}

}  // namespace

Units prepare(const Shaped& sh, const LineSettings& s) {
  Units out;
  const std::u32string& t = sh.text;
  out.units = open_long_words(sh, open_addresses(sh, collect(sh, s.compress_punctuation), s.measure), s.measure);

  const size_t n = out.units.size();
  out.gaps.resize(n > 0 ? n - 1 : 0);
  int run_chars = 0;  // characters in the current run of dashes, or of ellipses
  for (size_t k = 0; k + 1 < n; ++k) {
    const Unit& a = out.units[k];
    const Unit& b = out.units[k + 1];
    Gap& gap = out.gaps[k];
    // A run is of one kind: an ellipsis after a dash starts a run of its own.
    bool continues = k > 0 && out.units[k - 1].last == a.first;
    if (a.last == CharClass::Dash || a.last == CharClass::Ellipsis)
      run_chars = (continues ? run_chars : 0) + static_cast<int>(a.text_end - a.text_begin);
    else
      run_chars = 0;
    if (b.inside_word) {
      // A cut inside an over-long word: allowed only when nothing else fits, and reported.
      char32_t c = t[a.text_end - 1];
      gap.penalty = (c == U'/' || c == U'.' || c == U'-' || c == U'_' || c == U'?' || c == U'&' || c == U'=') ? 1500 : 5000;
      gap.rule = "an unbreakable run longer than the line";
      continue;
    }
    if (b.address_point || b.address_inner) {
      address_gap(a, b, gap);
      continue;
    }
    gap_widths(a, b, t, s, gap);
    gap_rules(out.units, k, t, s, run_chars, gap);
  }
  if (s.names_end > 0) keep_names(s, out);
  display_breaks(sh, s, out);
  return out;
}

}  // namespace paiban::lines
