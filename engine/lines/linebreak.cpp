// Total-fit line breaking (Knuth & Plass 1981) over units and gaps.
#include <cmath>
#include <limits>

#include "lines/units.h"

namespace paiban::lines {
namespace {

constexpr double kInfinite = std::numeric_limits<double>::infinity();
constexpr double kOrphanDemerits = 150000;  // a last line of one character (孤字): worth ~0.15 em more per gap
constexpr double kViolation = 1e7;          // a rule bent in emergency mode
constexpr double kRaggedStretch = 4.0;      // em of notional stretch for unjustified lines

struct Node {
  int brk;       // index of the last unit of the line before, -1 at the start
  int prev;      // node index
  double demerits;
  double ratio;
  bool overfull;
};

struct Sums {
  std::vector<double> x, stretch, shrink;  // prefix sums over units and gaps
  std::vector<double> capped, cap;         // stretch of the gaps with a limit, and their limits
};

Sums sums(const Units& u) {
  Sums s;
  size_t n = u.units.size();
  s.x.assign(n + 1, 0);
  s.stretch.assign(n + 1, 0);
  s.shrink.assign(n + 1, 0);
  s.capped.assign(n + 1, 0);
  s.cap.assign(n + 1, 0);
  for (size_t k = 0; k < n; ++k) {
    const Gap* g = k + 1 < n ? &u.gaps[k] : nullptr;
    bool limited = g && g->max_extra < 1e29;
    s.x[k + 1] = s.x[k] + u.units[k].width + (g ? g->natural : 0);
    s.stretch[k + 1] = s.stretch[k] + (g ? g->stretch : 0);
    s.shrink[k + 1] = s.shrink[k] + (g ? g->shrink : 0);
    s.capped[k + 1] = s.capped[k] + (limited ? g->stretch : 0);
    s.cap[k + 1] = s.cap[k] + (limited ? g->max_extra : 0);
  }
  return s;
}

// The stretch ratio of a justified line that is `room` pt short. Gaps with a
// limit (Han–Latin) stop growing there, and the others take the excess; with
// nothing else to grow, the line is as bad as a line can be.
double stretch_ratio(const Sums& sm, int s, int e, double room) {
  double stretch = sm.stretch[e] - sm.stretch[s];
  if (stretch <= 0) return room < 1e-6 ? 0 : 100;
  double r = room / stretch;
  double capped = sm.capped[e] - sm.capped[s], cap = sm.cap[e] - sm.cap[s];
  if (capped <= 0 || r * capped <= cap) return r;
  double free = stretch - capped;
  return free > 0 ? (room - cap) / free : 100;
}

int count_letters(const Units& u, int s, int e) {
  int n = 0;
  for (int k = s; k <= e; ++k)
    if (!is_cjk_punct(u.units[k].first) && u.units[k].first != CharClass::Dash &&
        u.units[k].first != CharClass::Ellipsis)
      n += u.units[k].latin ? 2 : 1;
  return n;
}

// Returns the chosen break nodes, or empty when no feasible set exists.
std::vector<Node> search(const Units& u, const Sums& sm, const LineSettings& set, bool emergency) {
  const int n = static_cast<int>(u.units.size());
  std::vector<Node> nodes{{-1, -1, 0, 0, false}};
  std::vector<int> active{0};
  const double L = set.measure;
  const bool justify = set.align == Align::Justify;
  for (int e = 0; e < n; ++e) {
    bool last = e == n - 1;
    if (!last && !u.gaps[e].can_break && !emergency) continue;
    int best = -1;
    Node cand{e, -1, kInfinite, 0, false};
    for (size_t ai = 0; ai < active.size();) {
      const Node& a = nodes[active[ai]];
      int s = a.brk + 1;
      double start = a.brk < 0 ? set.indent + (u.units[0].first == CharClass::Open ? u.units[0].left_space : 0)
                               : u.gaps[a.brk].start_width;
      // A hanging mark (、，。．) stands outside the measure: it does not count.
      bool hangs = set.hanging && !last && (u.units[e].last == CharClass::Comma || u.units[e].last == CharClass::FullStop);
      double width = start + sm.x[e] + (hangs ? 0 : u.units[e].width) - sm.x[s];
      double shrink = sm.shrink[e] - sm.shrink[s];
      bool over = false;
      double r;
      if (width > L + 1e-6) {
        r = shrink > 0 ? (L - width) / shrink : -kInfinite;
        if (r < -1 - 1e-9) {
          if (!(emergency && s == e)) {  // too long even squeezed: no later break can use this start
            active.erase(active.begin() + static_cast<long>(ai));
            continue;
          }
          over = true;
          r = -1;
        }
      } else if (last || !justify) {
        r = justify ? 0 : (L - width) / (kRaggedStretch * u.units[e].em);
        if (last && !justify && !set.balance) r = 0;  // balanced display lines: the last is judged too
      } else {
        r = stretch_ratio(sm, s, e, L - width);
      }
      // Past a ratio of 10 badness grows linearly instead of stopping: of two
      // very loose lines (a name moved on whole), the less loose one wins.
      double badness = std::min(100.0 * std::abs(r * r * r), 1e4 * std::abs(r));
      double penalty = last ? 0 : u.gaps[e].penalty;
      double d = (10 + badness) * (10 + badness) + penalty * penalty;
      if (!last && !u.gaps[e].can_break) d += kViolation;
      if (over) d += kViolation;
      if (last && count_letters(u, s, e) <= 1 && e > 0) d += kOrphanDemerits;
      d += a.demerits;
      if (d < cand.demerits) {
        cand = Node{e, active[ai], d, r, over};
        best = active[ai];
      }
      ++ai;
    }
    if (best >= 0) {
      nodes.push_back(cand);
      active.push_back(static_cast<int>(nodes.size()) - 1);
      if (last) {
        std::vector<Node> chain;
        for (int k = static_cast<int>(nodes.size()) - 1; k > 0; k = nodes[k].prev) chain.insert(chain.begin(), nodes[k]);
        return chain;
      }
    }
    if (active.empty()) return {};
  }
  return {};
}

}  // namespace

// Places the units of one line, spreading or squeezing by the line's ratio.
Line place(const Shaped& sh, const Units& u, int s, int e, double start, double ratio, const LineSettings& set,
           bool last) {
  Line line;
  double x = start;
  for (int k = s; k <= e; ++k) {
    const Unit& un = u.units[k];
    double pen = x - un.left_space;
    for (uint32_t gi = un.glyph_begin; gi < un.glyph_end; ++gi) {
      const ShapedGlyph& g = sh.glyphs[gi];
      // The first glyph of a cluster carries the cluster's characters.
      uint32_t tb = g.cluster, te = g.cluster;
      if (gi == un.glyph_begin || sh.glyphs[gi - 1].cluster != g.cluster) {
        te = un.text_end;
        for (uint32_t gj = gi + 1; gj < un.glyph_end; ++gj)
          if (sh.glyphs[gj].cluster != g.cluster) {
            te = sh.glyphs[gj].cluster;
            break;
          }
      }
      line.glyphs.push_back(PlacedGlyph{g.gid, g.style, pen + g.dx, g.dy, tb, te});
      pen += g.advance;
    }
    x += un.width;
    if (k < e) {
      const Gap& gap = u.gaps[k];
      double extra = ratio >= 0 ? std::min(ratio * gap.stretch, gap.max_extra) : ratio * gap.shrink;
      if (ratio > 0 && gap.stretch > 0) line.max_gap_stretch = std::max(line.max_gap_stretch, extra / un.em);
      if (gap.space_glyph >= 0) {
        const ShapedGlyph& g = sh.glyphs[static_cast<size_t>(gap.space_glyph)];
        line.glyphs.push_back(PlacedGlyph{g.gid, g.style, x, g.dy, g.cluster, g.cluster + 1});
      }
      x += gap.natural + extra;
    }
  }
  line.width = x;
  Align a = set.align == Align::Justify && last ? set.last_align : set.align;
  double shift = a == Align::Center ? (set.measure - x) / 2 : a == Align::Right ? set.measure - x : 0;
  if (shift != 0)
    for (PlacedGlyph& g : line.glyphs) g.x += shift;
  line.ratio = ratio;
  line.text_begin = u.units[s].text_begin;
  line.text_end = u.units[e].text_end;
  return line;
}

}  // namespace paiban::lines

namespace paiban {

SetParagraph break_lines(const Shaped& shaped, const LineSettings& set) {
  using namespace lines;
  SetParagraph out;
  Units u = prepare(shaped, set);
  out.problems = u.problems;
  if (u.units.empty()) return out;
  Sums sm = sums(u);
  std::vector<Node> chain = search(u, sm, set, false);
  bool emergency = chain.empty();
  if (emergency) chain = search(u, sm, set, true);
  int s = 0;
  for (size_t li = 0; li < chain.size(); ++li) {
    const Node& nd = chain[li];
    int e = nd.brk;
    double start = li == 0 ? set.indent + (u.units[0].first == CharClass::Open ? u.units[0].left_space : 0)
                           : u.gaps[s - 1].start_width;
    double ratio = nd.ratio;
    if (set.align != Align::Justify && ratio > 0) ratio = 0;
    bool last = li + 1 == chain.size();
    Line line = place(shaped, u, s, e, start, ratio, set, last);
    // A last line short of the measure by half an em or less reads as a badly
    // justified line, not as a paragraph end (CJK measures are seldom whole
    // ems): it is set full, the fraction spread like any justified line's. A
    // closing mark at its end counts whole (its squeezed half is white all the same).
    if (last && set.align == Align::Justify && ratio == 0) {
      const double room = set.measure - line.width - u.units[e].right_space;
      double r = stretch_ratio(sm, s, e, room);
      if (room > 0.01 && room <= 0.5 * u.units[e].em + 0.01 && r > 0 && r <= 1)
        line = place(shaped, u, s, e, start, r, set, false);
    }
    line.last = last;
    bool hangs = set.hanging && !last && (u.units[e].last == CharClass::Comma || u.units[e].last == CharClass::FullStop);
    line.overfull = nd.overfull || line.width > set.measure + 0.01 + (hangs ? u.units[e].width : 0);
    if (line.overfull) out.problems.push_back({"line wider than the measure", line.text_begin});
    if (!line.last && !u.gaps[e].can_break)
      out.problems.push_back({std::string("could not keep the ") + (u.gaps[e].rule ? u.gaps[e].rule : "rule"),
                              u.units[e].text_end});
    if (!line.last && u.units[e + 1].inside_word)
      out.problems.push_back({"an unbreakable run longer than the line was broken", u.units[e].text_end});
    out.lines.push_back(std::move(line));
    s = e + 1;
  }
  return out;
}

}  // namespace paiban
