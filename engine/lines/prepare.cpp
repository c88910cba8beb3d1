// Glyph clusters to units and gaps, with the clreq rules as data on the gaps.
#include <cmath>

#include "fonts/fonts.h"
#include "lines/units.h"

namespace paiban::lines {
namespace {

constexpr double kCharStretch = 0.10;   // em a gap between characters may grow at ratio 1
constexpr double kLatinStretch = 0.10;  // em the Han–Latin space may grow
constexpr double kLatinShrink = 0.125;  // em it may shrink (clreq: to 1/8 em)

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

Units prepare(const Shaped& sh, const LineSettings& s) {
  Units out;
  const auto& g = sh.glyphs;
  const std::u32string& t = sh.text;
  bool space_before = false;  // an ASCII space precedes the next unit
  std::vector<double> em_space;  // em_space[i]: U+3000 width between unit i-1 and i
  std::vector<int> em_glyph;     // and its glyph
  double pending_em_space = 0;
  int pending_em_glyph = -1;
  std::vector<bool> spaced;   // spaced[i]: a word space lies between unit i-1 and i
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
    if (first == CharClass::Space) {
      space_before = !out.units.empty();
      i = j;
      continue;
    }
    if (t[tb] == 0x3000 && te == tb + 1) {
      // An ideographic space is white space: it may end a line and then vanishes.
      if (!out.units.empty()) {
        pending_em_space += width;
        pending_em_glyph = static_cast<int>(i);
      }
      i = j;
      continue;
    }
    // ASCII signs (/ - . % $) are part of the word or number they stand in: PDF/X-1a, 52.1%.
    bool latin = latin_class(first) || t[tb] < 0x80;
    Unit* prev = out.units.empty() ? nullptr : &out.units.back();
    if (latin && prev && prev->latin && !space_before && prev->em == st.size) {
      prev->glyph_end = static_cast<uint32_t>(j);  // letters of one word stay one unit
      prev->text_end = te;
      prev->width += width;
      prev->last = last;
    } else {
      Unit u{static_cast<uint32_t>(i), static_cast<uint32_t>(j), tb, te, width, 0, 0, st.size, first, last, latin};
      if (is_cjk_punct(first) && j == i + 1) {
        punct_spaces(*st.face, g[i].gid, g[i].advance, st.size, u.left_space, u.right_space);
        u.width -= u.left_space + u.right_space;
      }
      out.units.push_back(u);
      spaced.push_back(space_before);
      em_space.push_back(pending_em_space);
      em_glyph.push_back(pending_em_glyph);
    }
    space_before = false;
    pending_em_space = 0;
    pending_em_glyph = -1;
    i = j;
  }

  // A word or number longer than the line is cut where it must be, and reported.
  std::vector<Unit> cut;
  std::vector<bool> cut_spaced, forced;
  std::vector<double> cut_em;
  std::vector<int> cut_glyph;
  for (size_t k = 0; k < out.units.size(); ++k) {
    Unit u = out.units[k];
    bool sp = spaced[k];
    double es = em_space[k];
    int eg = em_glyph[k];
    while (u.latin && u.width > s.measure && u.glyph_end - u.glyph_begin > 1) {
      Unit head = u;
      double w = 0;
      uint32_t e = u.glyph_begin;
      while (e < u.glyph_end && (w + g[e].advance <= s.measure || e == u.glyph_begin)) w += g[e++].advance;
      head.glyph_end = e;
      head.width = w;
      head.text_end = g[e].cluster;
      cut.push_back(head);
      cut_spaced.push_back(sp);
      cut_em.push_back(es);
    cut_glyph.push_back(eg);
      cut_glyph.push_back(eg);
      es = 0;
      eg = -1;
      forced.push_back(false);
      out.problems.push_back({"unbreakable run longer than the line was broken", head.text_end});
      u.glyph_begin = e;
      u.text_begin = head.text_end;
      u.width -= w;
      sp = false;
      forced.back() = true;
    }
    cut.push_back(u);
    cut_spaced.push_back(sp);
    cut_em.push_back(es);
    cut_glyph.push_back(eg);
    forced.push_back(false);
  }
  out.units.swap(cut);

  const size_t n = out.units.size();
  out.gaps.resize(n > 0 ? n - 1 : 0);
  for (size_t k = 0; k + 1 < n; ++k) {
    const Unit& a = out.units[k];
    const Unit& b = out.units[k + 1];
    Gap& gap = out.gaps[k];
    double em = a.em;
    bool ideo_a = a.last == CharClass::Ideograph, ideo_b = b.first == CharClass::Ideograph;
    if (forced[k]) {
      gap.penalty = 5000;  // a cut inside a word: allowed, but only when nothing else fits
      continue;
    }
    if (cut_spaced[k + 1] && !(ideo_a || ideo_b)) {
      // A space between Latin words: clreq lets it range from 1/4 to 1/2 em.
      double sp = 0.25 * em;
      gap.natural = sp;
      gap.stretch = 0.25 * em;
      gap.shrink = 0;
    } else if ((ideo_a && b.latin) || (a.latin && ideo_b)) {
      gap.natural = s.latin_space * em;
      gap.stretch = kLatinStretch * em;
      gap.shrink = std::min(kLatinShrink * em, gap.natural);
    } else {
      double space = a.right_space + b.left_space;
      // Two adjacent marks take 1.5 em, not 2 (clreq §3.1.6.2).
      if (is_cjk_punct(a.last) && is_cjk_punct(b.first)) space = std::max(0.0, space - 0.5 * em);
      gap.natural = space;
      gap.shrink = space;  // squeeze before stretching (先挤进)
      gap.stretch = kCharStretch * em;
    }
    if (cut_em[k + 1] > 0) {
      gap.natural += cut_em[k + 1];
      gap.space_glyph = cut_glyph[k + 1];
      gap.stretch = kCharStretch * em;
      gap.shrink = std::min(gap.shrink, 0.0);
    }
    if (b.first == CharClass::Open && !s.trim_opening_at_line_start) gap.start_width = b.left_space;

    if (no_line_start(b.first, s.kinsoku)) {
      gap.can_break = false;
      gap.rule = "line-start prohibition";
    } else if (no_line_end(a.last, s.kinsoku)) {
      gap.can_break = false;
      gap.rule = "line-end prohibition";
    } else if ((a.last == CharClass::Dash && b.first == CharClass::Dash) ||
               (a.last == CharClass::Ellipsis && b.first == CharClass::Ellipsis)) {
      gap.can_break = false;
      gap.rule = "inseparable —— or ……";
    } else if (a.latin && !cut_spaced[k + 1] && (a.last == CharClass::Digit || a.last == CharClass::Postfix) && ideo_b) {
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
  return out;
}

}  // namespace paiban::lines
