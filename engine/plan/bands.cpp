// Level 2: the page as horizontal bands, each cut into column groups, each group
// a stack of modules; articles in order of importance, band by band, left to
// right, top to bottom. A dynamic programme over (articles placed, lines used)
// picks the bands with the least cost; heights are then solved exactly.
#include "plan/bands.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <tuple>

namespace paiban::plan {
namespace {

constexpr int kRunBand = 6;         // items in a band cut in order into stacks
constexpr double kBlankCost = 2.0;  // a column-line left white beside the last modules (the foot's white costs 1)
constexpr int kDealBand = 7;        // items in a band dealt into two stacks
constexpr int kMaxGroups = 6;       // four stacks and the white columns, with room to spare

struct Bounds {
  int lo = 0, hi = 0;  // the height the module asks: least, most
  int depth = 0;       // text: body lines per column
  bool ok = false;
  bool known = false;
};

using Stacks = std::vector<std::vector<int>>;

// One way to set a band: its stacks at given widths. Kept small (no allocation
// of its own), as a page tries tens of thousands.
struct Option {
  const Stacks* stacks = nullptr;  // owned by the band set of items [i, j)
  int groups = 0;                  // the stacks, and the white columns when there are more
  std::array<int, kMaxGroups> width{}, group_lo{}, group_hi{};
  int lo = 0;      // the least height the band may take
  int widest = 0;  // columns of its widest group
  double cost = 0;
  // Its cost at heights lo, lo + 1, …: heights[first, first + count) of its band
  // set (only stretchy bands go on growing).
  uint32_t first = 0, count = 0;

  bool blank(int k) const { return k >= static_cast<int>(stacks->size()); }
  int modules(int k) const { return blank(k) ? 0 : static_cast<int>((*stacks)[k].size()); }
};

struct BandSet {
  std::deque<Stacks> stacks;  // a deque: options point into it as it grows
  std::vector<Option> options;
  std::vector<double> heights;  // every option's cost by height, one after another
};

void compositions(int total, int parts, std::vector<int>& cur, std::vector<std::vector<int>>& out) {
  if (parts == 0) {
    if (total == 0) out.push_back(cur);
    return;
  }
  for (int w = 1; w <= total - (parts - 1); ++w) {
    cur.push_back(w);
    compositions(total - w, parts - 1, cur, out);
    cur.pop_back();
  }
}

// The ways of cutting `total` columns into `parts` groups, with `blank` white
// columns (none, or 2 and more) at the right as a last part; worked out once
// per thread, as every band of every page asks the same few.
const std::vector<std::vector<int>>& widths_of(int total, int parts, bool blank) {
  thread_local std::map<std::tuple<int, int, bool>, std::vector<std::vector<int>>> known;
  auto key = std::make_tuple(total, parts, blank);
  auto it = known.find(key);
  if (it != known.end()) return it->second;
  std::vector<std::vector<int>> widths;
  std::vector<int> cur;
  compositions(total, parts, cur, widths);
  if (blank)
    for (int w = 2; w < total; ++w) {  // the white takes w columns at the right
      std::vector<std::vector<int>> part;
      compositions(total - w, parts, cur, part);
      for (auto& ws : part) ws.push_back(w), widths.push_back(ws);
    }
  return known.emplace(key, std::move(widths)).first->second;
}

// White in column-lines when the band stands `h` lines tall (text groups cannot stretch).
double band_white(const Option& o, int h) {
  double w = 0;
  for (int k = 0; k < o.groups; ++k) {
    if (o.blank(k)) {  // white at the page's foot beside the last modules
      w += kBlankCost * h * o.width[k];
      continue;
    }
    const int cols = o.width[k], modules = o.modules(k);
    int room = o.group_hi[k] >= kFree ? h : std::min(h, o.group_hi[k] + modules);
    w += static_cast<double>(h - std::max(room, o.group_lo[k])) * cols;
    // More than three blank lines under a module is a hole a reader sees: dear.
    int gap = o.group_hi[k] >= kFree ? 0 : h - o.group_hi[k];
    int per_module = (gap + modules - 1) / modules;
    if (per_module > 3) w += 40.0 * (per_module - 3) * cols;
  }
  return std::max(0.0, w);
}

}  // namespace

struct BandSearch::Search {
  Desk& d;
  const std::vector<Item>& items;
  int avail = 0;
  int max_cols = 6;  // no module wider (more only for a story too long for six columns)
  std::vector<Bounds> bounds;  // item × kStride + cols
  std::map<std::pair<int, int>, BandSet> sets;  // bands of items [i, j), built once for every width limit

  const Bounds& at(int i, int cols) {
    static constexpr size_t kStride = 65;  // columns 0 to 64, more than any layout has
    size_t key = static_cast<size_t>(i) * kStride + static_cast<size_t>(std::min(cols, 64));
    if (bounds.size() < items.size() * kStride) bounds.resize(items.size() * kStride);
    if (bounds[key].known) return bounds[key];
    const Item& x = items[static_cast<size_t>(i)];
    Bounds b;
    bool brief = x.kind == Item::Text && d.fit.characters(x.id) < 150;
    // A text module is two to six columns wide, one only for a brief; a photo at
    // least two.
    int least = brief ? 1 : 2;
    b.ok = cols <= max_cols && cols >= least && (cols <= 6 || too_long_for_six(i));
    if (b.ok) {
      Module m{i, 0, cols, 0, 1};
      Demand dm = demand_of(d, x, m, false, avail);
      if (dm.kind == Demand::Text) {
        b.lo = b.hi = dm.need;
        b.depth = dm.need - 1 - d.fit.headline_lines(x.id, style_for(d, x, cols), cols);
        if (x.kind == Item::JumpRest) b.depth = dm.need;
      } else {
        b.lo = x.kind == Item::JumpFirst ? dm.target : dm.lo;  // the page's share, decided before the search
        b.hi = std::min(dm.hi, avail);
        b.depth = 20;
        if (x.kind == Item::JumpFirst && x.carry > 0)
          b.depth = dm.lo - 1 - d.fit.headline_lines(x.id, style_for(d, x, cols), cols);
      }
    }
    b.known = true;
    return bounds[key] = b;
  }

  // A story that six columns of the page cannot hold may take more, up to the
  // page's width (a full-page feature, 整版), rather than be refused.
  bool too_long_for_six(int i) {
    const Item& x = items[static_cast<size_t>(i)];
    if (x.kind != Item::Text) return false;
    return demand_of(d, x, Module{i, 0, 6, 0, 1}, false, avail).need > avail + 1;
  }

  // The cost of a module `cols` wide (explained in docs/makeup.md); importance
  // is charged in band order, by the search.
  double shape_cost(int i, int cols) {
    const Bounds& b = at(i, cols);
    const Item& x = items[static_cast<size_t>(i)];
    double c = 0;
    if (x.kind == Item::Text || x.kind == Item::JumpRest) {
      if (b.depth < 8) c += 6.0 * (8 - b.depth) * cols;   // a shallow strip across many columns
      if (b.depth > 45) c += 1.0 * (b.depth - 45) * cols;  // a tall narrow column of grey
    }
    return c;
  }

  void band_widths(const Stacks& stacks, int columns, double extra, BandSet& out, bool blank);
  void band_options(int i, int j, int columns, BandSet& out);
  const BandSet& bands_of(int i, int j, int columns);
  BandPlan search_bands(int columns, int widest, int H);
};

// A band holding `stacks` side by side: every width the columns allow. With
// `blank`, the band's last columns may stay white (only the page's last band,
// when the copy is short of the page).
void BandSearch::Search::band_widths(const Stacks& stacks, int columns, double extra, BandSet& out, bool blank) {
  const int g = static_cast<int>(stacks.size());
  // Each stack at each width, summed once: whether every module may take it,
  // its least and most height, its shape cost.
  struct AtWidth {
    bool ok = true;
    int lo = 0, hi = 0;
    double cost = 0;
  };
  std::vector<AtWidth> table(static_cast<size_t>(g) * (columns + 1));
  for (int k = 0; k < g; ++k)
    for (int w = 1; w <= columns; ++w) {
      AtWidth& t = table[static_cast<size_t>(k) * (columns + 1) + w];
      for (int it : stacks[k]) {
        const Bounds& b = at(it, w);
        if (!b.ok) {
          t.ok = false;
          break;
        }
        t.lo += b.lo;
        t.hi = t.hi >= kFree || b.hi >= kFree ? kFree : t.hi + b.hi;
        t.cost += shape_cost(it, w) + (stacks[k].size() > 1 ? 2 : 0);
      }
    }
  for (const auto& ws : widths_of(columns, g, blank)) {
    bool fits = true;
    for (int k = 0; k < g && fits; ++k) fits = table[static_cast<size_t>(k) * (columns + 1) + ws[k]].ok;
    if (!fits) continue;
    Option o;
    o.stacks = &stacks;
    o.groups = static_cast<int>(ws.size());
    o.cost = extra;
    for (int k = 0; k < g; ++k) {
      const AtWidth& t = table[static_cast<size_t>(k) * (columns + 1) + ws[k]];
      o.cost += t.cost;
      o.width[k] = ws[k];
      o.group_lo[k] = t.lo;
      o.group_hi[k] = t.hi;
      o.lo = std::max(o.lo, t.lo);
      o.widest = std::max(o.widest, ws[k]);
    }
    if (o.groups > g) o.width[g] = ws[g];  // the white columns: a group with no module
    // More important items (earlier) no narrower than later ones in the band.
    for (int a = 0; a < g; ++a)
      for (int b = a + 1; b < g; ++b)
        if (ws[a] < ws[b]) o.cost += 20.0 * (ws[b] - ws[a]);
    o.first = static_cast<uint32_t>(out.heights.size());
    double white = band_white(o, o.lo);
    for (int bh = o.lo; bh <= o.lo + 60; ++bh) {
      out.heights.push_back(o.cost + white);
      const double next = band_white(o, bh + 1);
      if (next > white + 8) break;
      white = next;
    }
    o.count = static_cast<uint32_t>(out.heights.size()) - o.first;
    out.options.push_back(o);
  }
}

// Every band holding items [i, j): the items in order cut into stacks (up to four,
// three deep), and, for bands of four or more, the items dealt into two stacks in
// any way that keeps each stack in order (four deep) — as an editor sets a lead
// with the stories under it beside a column of shorter pieces.
void BandSearch::Search::band_options(int i, int j, int columns, BandSet& out) {
  const int m = j - i;
  const bool blank = j == static_cast<int>(items.size());  // the last band may leave columns white
  if (m <= kRunBand)
    for (int mask = 0; mask < (1 << (m - 1)); ++mask) {
      Stacks stacks(1);
      for (int k = 0; k < m; ++k) {
        if (k > 0 && (mask >> (k - 1) & 1)) stacks.emplace_back();
        stacks.back().push_back(i + k);
      }
      bool deep = false;
      for (auto& st : stacks) deep = deep || st.size() > 3;
      if (deep || stacks.size() > 4) continue;
      out.stacks.push_back(std::move(stacks));
      band_widths(out.stacks.back(), columns, 0, out, blank);
    }
  if (m < 4) return;
  for (int mask = 1; mask < (1 << (m - 1)); ++mask) {  // bit k-1: item i+k in the second stack
    Stacks stacks(2);
    stacks[0].push_back(i);
    for (int k = 1; k < m; ++k) stacks[mask >> (k - 1) & 1].push_back(i + k);
    bool run = mask + (mask & -mask) == 1 << (m - 1);  // the second stack is a tail of the items
    if ((run && m <= kRunBand && stacks[0].size() <= 3 && stacks[1].size() <= 3) || stacks[0].size() > 4 ||
        stacks[1].size() > 4)
      continue;
    out.stacks.push_back(std::move(stacks));
    band_widths(out.stacks.back(), columns, 2, out, blank);  // a little dearer than reading straight down
  }
}

const BandSet& BandSearch::Search::bands_of(int i, int j, int columns) {
  auto key = std::make_pair(i, j);
  auto it = sets.find(key);
  if (it == sets.end()) {
    it = sets.emplace(key, BandSet{}).first;
    band_options(i, j, columns, it->second);
  }
  return it->second;
}

// The best bands with no group wider than `widest` columns, `H` lines tall at most.
BandPlan BandSearch::Search::search_bands(int columns, int widest, int H) {
  const int n = static_cast<int>(items.size());
  const double inf = 1e18;
  const size_t W = static_cast<size_t>(H) + 1;
  // best[i][h]: items [0, i) set in bands `h` lines tall in all; from: the last band and its height.
  std::vector<double> best((n + 1) * W, inf);
  std::vector<std::pair<const Option*, int>> from((n + 1) * W);
  std::vector<int> from_i((n + 1) * W, -1);
  best[0] = 0;
  std::vector<int> reach;
  for (int i = 0; i < n; ++i) {
    reach.clear();
    for (int h = 0; h <= H; ++h)
      if (best[i * W + h] < inf) reach.push_back(h);
    for (int j = i + 1; j <= std::min(n, i + kDealBand); ++j) {
      const BandSet& set = bands_of(i, j, columns);
      for (const Option& o : set.options) {
        if (o.widest > widest) continue;
        const int heights = static_cast<int>(o.count);
        const double* at_height = set.heights.data() + o.first;
        for (int h : reach) {
          const double base = best[i * W + h];
          for (int k = 0; k < heights && h + o.lo + k <= H; ++k) {
            const double c = base + at_height[k];
            const size_t to = j * W + static_cast<size_t>(h + o.lo + k);
            if (c < best[to]) {
              best[to] = c;
              from[to] = {&o, o.lo + k};
              from_i[to] = i;
            }
          }
        }
      }
    }
  }
  BandPlan p;
  int pick = -1;
  double pick_cost = inf;
  for (int h = 0; h <= H; ++h) {
    if (best[n * W + h] >= inf) continue;
    // The page is filled to its foot (less one separator line): white or overset.
    double c = best[n * W + h] + (h <= avail + 1 ? (avail + 1 - h) * 8.0 : 1e6 + (h - avail) * 1e3);
    if (c < pick_cost) pick_cost = c, pick = h;
  }
  if (pick < 0) return p;
  p.cost = pick_cost;
  p.used = pick;
  for (int j = n, h = pick; j > 0;) {
    auto [o, bh] = from[j * W + h];
    Band b;
    b.height = bh;
    for (int k = 0; k < o->groups; ++k)
      b.groups.push_back(Group{o->width[k], o->blank(k) ? std::vector<int>{} : (*o->stacks)[k]});
    p.bands.insert(p.bands.begin(), std::move(b));
    int i = from_i[j * W + h];
    h -= bh;
    j = i;
  }
  return p;
}

BandSearch::BandSearch(Desk& d, const std::vector<Item>& items, int avail, int max_cols)
    : s_(new Search{d, items, avail, max_cols, {}, {}}) {}

BandSearch::~BandSearch() = default;

bool BandSearch::too_long_for_six(int item) {
  return s_->too_long_for_six(item);
}

BandPlan BandSearch::best(int columns, int widest) {
  Search& s = *s_;
  BandPlan p = s.search_bands(columns, widest, s.avail + 40);
  if (!p.bands.empty() || s.d.trying) return p;
  long area = 0, tallest = 0;
  for (int i = 0; i < static_cast<int>(s.items.size()); ++i) {
    long least = -1;
    for (int w = 1; w <= std::min(6, widest); ++w)
      if (s.at(i, w).ok && (least < 0 || w * s.at(i, w).lo < least)) least = w * s.at(i, w).lo;
    for (int w = 1; w <= std::min(6, widest); ++w)
      if (s.at(i, w).ok) tallest = std::max<long>(tallest, s.at(i, w).lo);
    area += std::max(0L, least);
  }
  int H = static_cast<int>(std::max<long>(area / columns, s.avail) + 2 * tallest + 40);
  for (int tries = 0; p.bands.empty() && tries < 2; ++tries, H *= 2) p = s.search_bands(columns, widest, H);
  return p;
}

}  // namespace paiban::plan
