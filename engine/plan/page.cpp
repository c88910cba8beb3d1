// One page: demands of its modules, heights solved, grid drawn; level 2 takes its
// modules from the band search (plan/bands.cpp).
#include "plan/page.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>

#include "plan/bands.h"

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
  BandPlan best;
  BandSearch s(d, rest, avail, L.columns);
  int widest = 6;
  for (int k = 0; k < static_cast<int>(rest.size()) && widest == 6; ++k)
    if (L.columns > 6 && s.too_long_for_six(k)) widest = L.columns - col0;
  // A narrower limit costs at least 10 a column, so stop once that cannot pay.
  for (int w = widest; w >= 3 && best.cost > 10.0 * (6 - w); --w) {
    BandPlan p = s.best(L.columns - col0, w);
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
