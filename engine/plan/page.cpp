// One page: demands of its modules, heights solved, grid drawn; and the search
// over band structures (level 2) — see docs/makeup.md for the rules and costs.
#include "plan/page.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace paiban::plan {

std::string style_for(const Desk& d, const Item& it, int cols) {
  const Article& a = d.issue.articles.at(it.id);
  if (a.headline_named) return a.headline;
  if (it.lead) return "lead";
  return cols >= 3 ? "major" : "minor";
}

namespace {

// A photo: its natural height at the width, within sensible crops (3:4 to 4:3 of it).
Demand photo_demand(Desk& d, const Item& it, int cols, int sep) {
  const Layout& L = d.layout;
  int cap = d.fit.caption_lines(it.id, cols);
  if (!d.issue.articles.at(it.id).title.empty()) cap += d.fit.headline_lines(it.id, style_for(d, it, cols), cols);
  double natural = L.span_width(cols) / d.fit.aspect(it.id) / L.leading;
  Demand x;
  x.kind = Demand::Flexible;
  x.lo = cap + std::max(3, static_cast<int>(std::floor(natural * 0.6))) + sep;
  x.hi = cap + static_cast<int>(std::ceil(natural * 1.6)) + sep;
  x.target = cap + static_cast<int>(std::lround(natural)) + sep;
  return x;
}

}  // namespace

int lines_to_carry(Desk& d, const Item& it, int cols, int slot) {
  std::string style = style_for(d, it, cols);
  int lo = 1, hi = std::max(2, d.fit.frame_lines(it.id, style, cols, 0) + 2);
  while (lo < hi) {  // the body stops later in a taller frame
    int mid = (lo + hi) / 2;
    if (d.fit.flow(it.id, style, 0, cols, mid, false) >= slot) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

Demand demand_of(Desk& d, const Item& it, const Module& m, bool on_foot, int avail) {
  int sep = on_foot ? 0 : 1;
  Demand x;
  switch (it.kind) {
    case Item::Masthead:
      x.kind = Demand::Flexible;
      x.lo = d.layout.masthead.lines - 2;  // the layout's block, a little shorter or taller to fit the band
      x.hi = d.layout.masthead.lines + 6;
      x.target = d.layout.masthead.lines;
      break;
    case Item::Photo:
      x = photo_demand(d, it, m.cols, sep);
      break;
    case Item::JumpFirst:
      if (it.carry > 0) {  // decided with the continuation's page in view; `shift` lines more
        x.kind = Demand::Flexible;  // only shorten the continuation, which takes the slack of its page
        x.lo = x.target = lines_to_carry(d, it, m.cols, it.carry) + sep;
        x.hi = x.lo + it.shift;
        break;
      }
      // Otherwise the lead that jumps keeps a set share of its page, decided by the page
      // alone, so that a change elsewhere on the page does not move text to the next page.
      x.kind = Demand::Flexible;
      x.lo = d.fit.headline_lines(it.id, style_for(d, it, m.cols), m.cols) + 6 + sep;
      x.target = std::max(x.lo, it.share > 0 ? it.share : static_cast<int>(avail * 0.6));
      break;
    case Item::JumpRest:
      if (it.open) {  // as short as the page allows; the first part carries the rest
        x.kind = Demand::Flexible;
        x.lo = d.fit.frame_lines(it.id, style_for(d, it, m.cols), m.cols, std::max(1, d.fit.slots(it.id) - 1)) + 3 + sep;
        x.hi = d.fit.frame_lines(it.id, style_for(d, it, m.cols), m.cols, 1) + sep;
        x.target = x.lo;
        break;
      }
      [[fallthrough]];
    case Item::Text:
      x.need = d.fit.frame_lines(it.id, style_for(d, it, m.cols), m.cols, it.from) + sep;
      break;
  }
  x.top = m.top;
  x.bottom = m.bottom;
  return x;
}

namespace {

const char kLetters[] = "ABCDEFGHIJKLNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::string rule_of(const Item& it, const Module& m, int lines, bool lead_on_one) {
  std::string s = std::to_string(m.cols) + " columns × " + std::to_string(lines) + " lines: ";
  if (it.kind == Item::Masthead) return s + "报头 at the top of page 1";
  if (it.kind == Item::Photo) return s + "photo; its height takes up the slack (crop within 0.6 to 1.6 of its natural height)";
  if (it.kind == Item::JumpFirst)
    return s + "lead too long for its page: jumps (下转), " +
           (it.carry ? std::string("keeps what its continuation's page cannot hold") : "keeps about 60% of the page");
  if (it.kind == Item::JumpRest) return s + "continuation (上接) of a jumped story";
  if (lead_on_one) return s + "lead story: top of the page, widest";
  return s + (it.priority ? "priority " + std::to_string(it.priority) : std::string("no priority")) +
         ", in order of importance: higher and wider first";
}

}  // namespace

namespace {

// Copy short of its page: every module its own height (photos and the masthead
// at their natural size), the modules as tall as they can stand with at most one
// blank line under a story, and the rest of the page white at its foot — a hole
// the editor sees at once and the report names, rather than one under every story.
Fitted fit_short(Desk& d, const std::vector<Item>& items, const Skeleton& s) {
  std::vector<Demand> demands;
  for (const Module& m : s.modules) {
    Demand x = demand_of(d, items[m.item], m, false, d.layout.lines);  // nothing stands on the foot
    Item::Kind k = items[m.item].kind;
    if (x.kind == Demand::Flexible && x.target >= 0 && (k == Item::Photo || k == Item::Masthead)) x.hi = x.target;
    demands.push_back(x);
  }
  auto fit_at = [&](int total) { return fit_heights(s.cuts, demands, s.last, total); };
  int lo = 1, hi = d.layout.lines;  // the least height that holds the copy
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (fit_at(mid).over == 0) hi = mid;
    else lo = mid + 1;
  }
  for (int top = d.layout.lines; lo < top;) {  // then the tallest with no more than a line of white
    int mid = (lo + top + 1) / 2;
    Fitted f = fit_at(mid);
    if (f.fits && f.white <= 1) lo = mid;
    else top = mid - 1;
  }
  Fitted f = fit_at(lo);
  f.foot = d.layout.lines - lo;
  return f;
}

}  // namespace

MadePage realise(Desk& d, const std::vector<Item>& items, const Skeleton& s, PagePlan plan, const std::string& how,
                 bool short_ok) {
  const Layout& L = d.layout;
  MadePage out;
  std::vector<Demand> demands;
  for (const Module& m : s.modules) demands.push_back(demand_of(d, items[m.item], m, m.bottom == s.last, L.lines));
  out.fitted = fit_heights(s.cuts, demands, s.last, L.lines);
  bool stretched = out.fitted.fits ? out.fitted.white > 3 : out.fitted.over == 0;  // holes, or too little to fill
  if (short_ok && stretched && !s.modules.empty()) {
    Fitted f = fit_short(d, items, s);
    if (f.fits && !f.cuts.empty()) out.fitted = f;
  }
  if (short_ok && s.modules.empty()) {  // nothing to set: the page stands white
    out.fitted.fits = true;
    out.fitted.foot = L.lines;
    out.fitted.cuts = std::vector<int>(static_cast<size_t>(std::max(1, s.cuts)), 0);
  }
  if (out.fitted.cuts.empty()) {  // more modules than lines: left as drawn, makeup says what fails
    out.plan = std::move(plan);
    return out;
  }
  const std::vector<int>& y = out.fitted.cuts;
  int width = s.columns ? s.columns : L.columns;
  std::set<int> positions(y.begin(), y.end());
  if (out.fitted.foot > 0) positions.insert(L.lines);  // the white row at the foot
  out.foot_white = out.fitted.foot * width;
  for (const Blank& b : s.blanks) out.foot_white += b.cols * (y[s.last] - y[b.top]);
  std::vector<int> rows(positions.begin(), positions.end());  // row tops, and the foot
  auto row_of = [&](int line) { return static_cast<int>(std::lower_bound(rows.begin(), rows.end(), line) - rows.begin()); };
  plan.grid.assign(rows.size() - 1, std::string(static_cast<size_t>(width), '.'));
  plan.row_lines.clear();
  for (size_t r = 0; r + 1 < rows.size(); ++r) plan.row_lines.push_back(rows[r + 1] - rows[r]);
  plan.areas.clear();
  plan.articles.clear();
  std::vector<std::pair<std::pair<int, int>, size_t>> order;  // reading order: first cell, row-major
  for (size_t k = 0; k < s.modules.size(); ++k) order.push_back({{row_of(y[s.modules[k].top]), s.modules[k].col}, k});
  std::sort(order.begin(), order.end());
  int next_letter = 0;
  for (auto& [cell, k] : order) {
    const Module& m = s.modules[k];
    const Item& it = items[m.item];
    Area a;
    a.letter = m.letter ? m.letter : it.kind == Item::Masthead ? 'M' : kLetters[next_letter++];
    a.module = it.kind == Item::Masthead ? "@masthead" : it.id;
    a.col = m.col;
    a.cols = m.cols;
    a.row = row_of(y[m.top]);
    a.rows = row_of(y[m.bottom]) - a.row;
    for (int r = a.row; r < a.row + a.rows; ++r)
      for (int c = a.col; c < a.col + a.cols; ++c) plan.grid[r][c] = a.letter;
    plan.areas.push_back(a);
    int lines = y[m.bottom] - y[m.top];
    out.notes.push_back(PlanNote{plan.number, a.letter, a.module,
                                 how + rule_of(it, m, lines, it.lead && plan.number == 1) +
                                     (it.why.empty() ? "" : "; " + it.why)});
    if (it.kind == Item::JumpFirst) {
      int body = lines - (y[m.bottom] == L.lines ? 0 : 1);
      out.next_slot.push_back({it.id, d.fit.flow(it.id, style_for(d, it, m.cols), it.from, m.cols, body, false)});
    }
    if (it.kind == Item::JumpRest && it.open) out.rooms.push_back({it.id, m.cols, lines - (y[m.bottom] == L.lines ? 0 : 1)});
  }
  out.plan = std::move(plan);
  return out;
}

// ---------------------------------------------------------------------------
// Level 2: the page as horizontal bands, each cut into column groups, each group
// a stack of modules; articles in order of importance, band by band, left to
// right, top to bottom. A dynamic programme over (articles placed, lines used)
// picks the bands with the least cost; heights are then solved exactly.

namespace {

struct Group {
  int cols = 0;
  std::vector<int> items;
};
struct Band {
  std::vector<Group> groups;
  int height = 0;
};

struct Bounds {
  int lo = 0, hi = 0;     // the height the module asks: least, most
  int depth = 0;          // text: body lines per column
  bool ok = false;
  bool known = false;
};

struct Search {
  Desk& d;
  const std::vector<Item>& items;
  int avail = 0;
  int max_cols = 6;  // no module wider (more only for a story too long for six columns)
  std::vector<Bounds> bounds;  // item × kStride + cols
  std::map<std::pair<int, int>, std::vector<struct Option>> options;  // bands of items [i, j)

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
        if (x.kind == Item::JumpFirst && x.carry > 0) b.depth = dm.lo - 1 - d.fit.headline_lines(x.id, style_for(d, x, cols), cols);
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

  // The cost of a module `cols` wide (explained in docs/makeup.md).
  double shape_cost(int i, int cols) {
    Bounds b = at(i, cols);
    const Item& x = items[static_cast<size_t>(i)];
    double c = 0;
    if (x.kind == Item::Text || x.kind == Item::JumpRest) {
      if (b.depth < 8) c += 6.0 * (8 - b.depth) * cols;        // a shallow strip across many columns
      if (b.depth > 45) c += 1.0 * (b.depth - 45) * cols;       // a tall narrow column of grey
    }
    c += 12.0 * i * cols / 8.0 * 0;  // (importance is charged in band order, below)
    return c;
  }
};

constexpr int kRunBand = 6;   // items in a band cut in order into stacks
constexpr double kBlankCost = 2.0;  // a column-line left white beside the last modules (the foot's white costs 1)
constexpr int kDealBand = 7;  // items in a band dealt into two stacks

struct Option {
  Band band;
  int lo = 0, hi = 0;   // heights the band may take without white beyond one line a module
  int widest = 0;       // columns of its widest group
  double cost = 0;
  std::vector<double> at_height;  // cost at heights lo, lo + 1, ... (only stretchy bands go on growing)
  std::vector<int> group_lo, group_hi;
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

double band_white(const Option& o, int h);

// A band holding `stacks` side by side: every width the columns allow. With
// `blank`, the band's last columns may stay white (only the page's last band,
// when the copy is short of the page).
void band_widths(Search& s, const std::vector<std::vector<int>>& stacks, int columns, double extra,
                 std::vector<Option>& out, bool blank) {
  int g = static_cast<int>(stacks.size());
  for (const auto& ws : widths_of(columns, g, blank)) {
    bool fits = true;
    for (int k = 0; k < g && fits; ++k)
      for (int it : stacks[k]) fits = fits && s.at(it, ws[k]).ok;
    if (!fits) continue;
    Option o;
    o.cost = extra;
    bool ok = true;
    int lo = 0;
    for (int k = 0; k < g && ok; ++k) {
      int glo = 0, ghi = 0;
      for (int it : stacks[k]) {
        Bounds b = s.at(it, ws[k]);
        ok = ok && b.ok;
        glo += b.lo;
        ghi = ghi >= kFree || b.hi >= kFree ? kFree : ghi + b.hi;
        o.cost += s.shape_cost(it, ws[k]) + (stacks[k].size() > 1 ? 2 : 0);
      }
      o.group_lo.push_back(glo);
      o.group_hi.push_back(ghi);
      lo = std::max(lo, glo);
      o.band.groups.push_back(Group{ws[k], stacks[k]});
      o.widest = std::max(o.widest, ws[k]);
    }
    if (!ok) continue;
    if (static_cast<int>(ws.size()) > g) {  // the white columns: a group with no module
      o.band.groups.push_back(Group{ws[g], {}});
      o.group_lo.push_back(0);
      o.group_hi.push_back(0);
    }
    // More important items (earlier) no narrower than later ones in the band.
    for (int a = 0; a < g; ++a)
      for (int b = a + 1; b < g; ++b)
        if (ws[a] < ws[b]) o.cost += 20.0 * (ws[b] - ws[a]);
    o.lo = lo;
    for (int bh = o.lo; bh <= o.lo + 60; ++bh) {
      o.at_height.push_back(o.cost + band_white(o, bh));
      if (band_white(o, bh + 1) > band_white(o, bh) + 8) break;
    }
    out.push_back(std::move(o));
  }
}

// Every band holding items [i, j): the items in order cut into stacks (up to four,
// three deep), and, for bands of four or more, the items dealt into two stacks in
// any way that keeps each stack in order (four deep) — as an editor sets a lead
// with the stories under it beside a column of shorter pieces.
std::vector<Option> band_options(Search& s, int i, int j, int columns) {
  std::vector<Option> out;
  int m = j - i;
  bool blank = j == static_cast<int>(s.items.size());  // the last band may leave columns white
  if (m <= kRunBand)
    for (int mask = 0; mask < (1 << (m - 1)); ++mask) {
      std::vector<std::vector<int>> stacks(1);
      for (int k = 0; k < m; ++k) {
        if (k > 0 && (mask >> (k - 1) & 1)) stacks.emplace_back();
        stacks.back().push_back(i + k);
      }
      bool deep = false;
      for (auto& st : stacks) deep = deep || st.size() > 3;
      if (!deep && stacks.size() <= 4) band_widths(s, stacks, columns, 0, out, blank);
    }
  if (m < 4) return out;
  for (int mask = 1; mask < (1 << (m - 1)); ++mask) {  // bit k-1: item i+k in the second stack
    std::vector<std::vector<int>> stacks(2);
    stacks[0].push_back(i);
    for (int k = 1; k < m; ++k) stacks[mask >> (k - 1) & 1].push_back(i + k);
    bool run = mask + (mask & -mask) == 1 << (m - 1);  // the second stack is a tail of the items
    if ((run && m <= kRunBand && stacks[0].size() <= 3 && stacks[1].size() <= 3) || stacks[0].size() > 4 ||
        stacks[1].size() > 4)
      continue;
    band_widths(s, stacks, columns, 2, out, blank);  // a little dearer than reading straight down
  }
  return out;
}

// White in column-lines when the band stands `h` lines tall (text groups cannot stretch).
double band_white(const Option& o, int h) {
  double w = 0;
  for (size_t k = 0; k < o.band.groups.size(); ++k) {
    if (o.band.groups[k].items.empty()) {  // white at the page's foot beside the last modules
      w += kBlankCost * h * o.band.groups[k].cols;
      continue;
    }
    int room = o.group_hi[k] >= kFree ? h : std::min(h, o.group_hi[k] + static_cast<int>(o.band.groups[k].items.size()));
    int cols = o.band.groups[k].cols, modules = static_cast<int>(o.band.groups[k].items.size());
    w += static_cast<double>(h - std::max(room, o.group_lo[k])) * cols;
    // More than three blank lines under a module is a hole a reader sees: dear.
    int gap = o.group_hi[k] >= kFree ? 0 : h - o.group_hi[k];
    int per_module = (gap + modules - 1) / modules;
    if (per_module > 3) w += 40.0 * (per_module - 3) * cols;
  }
  return std::max(0.0, w);
}

struct Plan2 {
  std::vector<Band> bands;
  double cost = 1e18;
  int used = 0;
};

// The bands of items [i, j), built once for every width limit tried.
const std::vector<Option>& bands_of(Search& s, int i, int j, int columns) {
  auto key = std::make_pair(i, j);
  auto it = s.options.find(key);
  if (it == s.options.end()) it = s.options.emplace(key, band_options(s, i, j, columns)).first;
  return it->second;
}

// The best bands with no group wider than `widest` columns, `H` lines tall at most.
Plan2 search_bands(Search& s, int columns, int avail, int widest, int H) {
  const int n = static_cast<int>(s.items.size());
  const double inf = 1e18;
  // best[i][h]: items [0, i) set in bands `h` lines tall in all; from: the last band and its height.
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(H + 1, inf));
  std::vector<std::vector<std::pair<const Option*, int>>> from(n + 1, std::vector<std::pair<const Option*, int>>(H + 1));
  std::vector<std::vector<int>> from_i(n + 1, std::vector<int>(H + 1, -1));
  best[0][0] = 0;
  std::vector<int> reach;
  for (int i = 0; i < n; ++i) {
    reach.clear();
    for (int h = 0; h <= H; ++h)
      if (best[i][h] < inf) reach.push_back(h);
    for (int j = i + 1; j <= std::min(n, i + kDealBand); ++j)
      for (const Option& o : bands_of(s, i, j, columns)) {
        if (o.widest > widest) continue;
        const int heights = static_cast<int>(o.at_height.size());
        for (int h : reach) {
          const double base = best[i][h];
          for (int k = 0; k < heights && h + o.lo + k <= H; ++k) {
            double c = base + o.at_height[static_cast<size_t>(k)];
            int to = h + o.lo + k;
            if (c < best[j][to]) {
              best[j][to] = c;
              from[j][to] = {&o, o.lo + k};
              from_i[j][to] = i;
            }
          }
        }
      }
  }
  Plan2 p;
  int pick = -1;
  double pick_cost = inf;
  for (int h = 0; h <= H; ++h) {
    if (best[n][h] >= inf) continue;
    // The page is filled to its foot (less one separator line): white or overset.
    double c = best[n][h] + (h <= avail + 1 ? (avail + 1 - h) * 8.0 : 1e6 + (h - avail) * 1e3);
    if (c < pick_cost) pick_cost = c, pick = h;
  }
  if (pick < 0) return p;
  p.cost = pick_cost;
  p.used = pick;
  for (int j = n, h = pick; j > 0;) {
    auto [o, bh] = from[j][h];
    Band b = o->band;
    b.height = bh;
    p.bands.insert(p.bands.begin(), b);
    int i = from_i[j][h];
    h -= bh;
    j = i;
  }
  return p;
}

// The best bands: first within 40 lines over the page; when none is found there,
// with room for the column-lines the items need at least (to say how far over it runs).
Plan2 search_bands(Search& s, int columns, int avail, int widest) {
  Plan2 p = search_bands(s, columns, avail, widest, avail + 40);
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
  int H = static_cast<int>(std::max<long>(area / columns, avail) + 2 * tallest + 40);
  for (int tries = 0; p.bands.empty() && tries < 2; ++tries, H *= 2) p = search_bands(s, columns, avail, widest, H);
  return p;
}

}  // namespace

MadePage make_page(Desk& d, const std::vector<Item>& all, PagePlan plan) {
  const Layout& L = d.layout;
  std::vector<Item> items;
  int masthead = -1;
  for (const Item& it : all) {
    if (it.kind == Item::Masthead) masthead = static_cast<int>(items.size());
    items.push_back(it);
  }
  Skeleton sk;
  sk.cuts = 1;
  int top_cut = 0, avail = L.lines, col0 = 0;
  std::vector<int> body;  // indices of items the band search places
  for (int k = 0; k < static_cast<int>(items.size()); ++k)
    if (k != masthead) body.push_back(k);
  if (masthead >= 0) {
    // 报头 across the top; 报眼 beside it: the shortest text on the page that fits two columns.
    int ear = -1, ear_need = 0;
    for (int k : body) {
      const Item& it = items[k];
      if (it.kind != Item::Text || it.lead) continue;
      int need = demand_of(d, it, Module{k, 0, 2, 0, 1}, false, L.lines).need;
      if (need <= L.masthead.lines + 2 && need > ear_need) ear = k, ear_need = need;
    }
    sk.cuts = 2;
    int mast_cols = ear >= 0 ? L.columns - 2 : L.columns;
    sk.modules.push_back(Module{masthead, 0, mast_cols, 0, 1});
    if (ear >= 0) {
      sk.modules.push_back(Module{ear, mast_cols, 2, 0, 1});
      items[ear].why = "报眼: a short piece beside the masthead";
      body.erase(std::find(body.begin(), body.end(), ear));
    }
    top_cut = 1;
    avail -= std::max(L.masthead.lines, ear_need);
  }
  std::vector<Item> rest;
  for (int k : body) {
    if (items[k].kind == Item::JumpFirst && items[k].share == 0) items[k].share = avail * 6 / 10 + items[k].shift;
    rest.push_back(items[k]);
  }
  // The first article is the widest: try its widths from six columns down (from
  // the page's width when a story is too long for six).
  Plan2 best;
  Search s{d, rest, avail, L.columns, {}, {}};
  int widest = 6;
  for (int k = 0; k < static_cast<int>(rest.size()) && widest == 6; ++k)
    if (L.columns > 6 && s.too_long_for_six(k)) widest = L.columns - col0;
  // A narrower limit costs at least 10 a column, so stop once that cannot pay.
  for (int w = widest; w >= 3 && best.cost > 10.0 * (6 - w); --w) {
    Plan2 p = search_bands(s, L.columns - col0, avail, w);
    if (!p.bands.empty()) p.cost += 10.0 * (6 - w);
    if (!p.bands.empty() && p.cost < best.cost) best = p;
  }
  for (const Band& b : best.bands) {
    int band_top = top_cut, band_bottom = sk.cuts++;
    int col = col0;
    for (const Group& g : b.groups) {
      if (g.items.empty()) {  // white to the page's foot
        sk.blanks.push_back(Blank{col, g.cols, band_top});
        col += g.cols;
        continue;
      }
      int above = band_top;
      for (size_t k = 0; k < g.items.size(); ++k) {
        int below = k + 1 == g.items.size() ? band_bottom : sk.cuts++;
        sk.modules.push_back(Module{body[static_cast<size_t>(g.items[k])], col, g.cols, above, below});
        above = below;
      }
      col += g.cols;
    }
    top_cut = band_bottom;
  }
  sk.last = top_cut;
  if (best.bands.empty() && !rest.empty()) {  // no arrangement at all: far too much copy
    MadePage none;
    none.plan = std::move(plan);
    none.fitted.over = std::max(41, best.used - avail);
    return none;
  }
  return realise(d, items, sk, std::move(plan), "", true);
}

}  // namespace paiban::plan
