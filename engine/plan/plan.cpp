// The issue made up: hand-drawn pages kept, grids without rows fitted (level 1),
// pages with only their articles drawn (level 2), articles no page names
// distributed over the pages (level 3). Pages are planned in order, so a jumped
// story's continuation knows where its text takes up.
#include "plan/plan.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "plan/page.h"
#include "plan/share.h"

namespace paiban {

bool PlannedIssue::ok() const {
  return std::none_of(notices.begin(), notices.end(), [](const Notice& n) { return n.level == Notice::Error; });
}

namespace plan {
namespace {

// Level 1: the editor's grid, row heights chosen so that the copy fits.
MadePage fit_rows(Desk& d, const PagePlan& p, const std::map<std::string, std::vector<int>>& pages_of,
                  std::map<std::string, int>& next_slot) {
  std::vector<Item> items;
  Skeleton sk;
  sk.cuts = static_cast<int>(p.grid.size()) + 1;
  sk.last = static_cast<int>(p.grid.size());
  sk.columns = static_cast<int>(p.grid[0].size());
  std::map<std::string, int> seen;
  for (const Area& a : p.areas) {
    Item it;
    it.id = a.module;
    if (a.module == "@masthead") {
      it.kind = Item::Masthead;
    } else {
      const Article& art = d.issue.articles.at(a.module);
      it.priority = art.priority;
      it.lead = art.priority == 1;
      const std::vector<int>& on = pages_of.at(a.module);
      bool first = on.front() == p.number && !seen.count(a.module);
      bool last = on.back() == p.number;
      it.from = first ? 0 : next_slot[a.module];
      it.kind = d.fit.photo(a.module) ? Item::Photo : !last ? Item::JumpFirst : first ? Item::Text : Item::JumpRest;
      // A jumped story keeps what the editor's drawing gives it with rows shared equally.
      int rows = static_cast<int>(p.grid.size());
      it.share = (a.row + a.rows) * d.layout.lines / rows - a.row * d.layout.lines / rows;
      seen[a.module] = 1;
    }
    sk.modules.push_back(Module{static_cast<int>(items.size()), a.col, a.cols, a.row, a.row + a.rows, a.letter});
    items.push_back(it);
  }
  return realise(d, items, sk, p, "rows fitted to the copy; ");
}

// A page set as drawn: where its jumped stories stop, for the page that takes them up.
void follow_jumps(Desk& d, const PagePlan& p, const std::map<std::string, std::vector<int>>& pages_of,
                  std::map<std::string, int>& next_slot) {
  std::vector<int> tops{0};
  for (int r : p.row_lines) tops.push_back(tops.back() + r);
  for (const Area& a : p.areas) {
    if (a.module[0] == '@' || d.fit.photo(a.module) || pages_of.at(a.module).back() == p.number) continue;
    int lines = tops[a.row + a.rows] - tops[a.row] - (tops[a.row + a.rows] < d.layout.lines ? 1 : 0);
    Item it;
    it.id = a.module;
    it.lead = d.issue.articles.at(a.module).priority == 1;
    int from = next_slot[a.module];
    next_slot[a.module] = d.fit.flow(a.module, style_for(d, it, a.cols), from, a.cols, lines, false);
  }
}


}  // namespace
}  // namespace plan

namespace plan {
namespace {

// A story set on a page before a more important one costs as much as this many
// blank lines (moves in level 3 weigh white against the order of importance).
constexpr int kOrderCost = 3;

// The pages of one run of the planner: which articles each lists, where a jumped
// story takes up on its next page.
struct Pager {
  Desk& d;
  Issue& is;
  std::vector<std::vector<std::string>> lists;
  std::map<std::string, std::vector<int>> pages_of;  // in page order (a story on two pages jumps)
  std::map<std::string, int> next_slot;
  std::map<int, MadePage> made_first;  // continuation pages made up before the page they continue
  std::map<std::pair<int, std::vector<std::string>>, int> tried;  // (page, list) → badness
  int made = 0;                                                   // pages made up to try a list

  std::vector<Item> items_of(const PagePlan& p, int shift) {
    std::vector<Item> items;
    bool masthead = p.number == 1;
    for (const std::string& id : lists[p.number - 1]) masthead = masthead || id == "@masthead";
    if (masthead) {
      Item m;
      m.kind = Item::Masthead;
      m.id = "@masthead";
      items.push_back(m);
    }
    for (const std::string& id : lists[p.number - 1]) {
      if (id == "@masthead") continue;
      const Article& a = is.articles.at(id);
      Item it;
      it.id = id;
      it.priority = a.priority;
      it.lead = is_lead(a) && p.number == pages_of[id].front();
      bool first = pages_of[id].front() == p.number, last = pages_of[id].back() == p.number;
      it.from = first ? 0 : next_slot[id];
      it.kind = d.fit.photo(id) ? Item::Photo : !last ? Item::JumpFirst : first ? Item::Text : Item::JumpRest;
      it.shift = shift;
      items.push_back(it);
    }
    return items;
  }

  // A page listing its articles whose jumped story continues on a later page
  // that lists its articles too: the split between the two is decided with both
  // in view. The continuation's page is made up first, the continuation taking
  // its slack (so that page depends only on its own articles); the first part
  // then carries what that room cannot hold. When the first page cannot do that,
  // the first part keeps a share of its page moved a line at a time from 60 %.
  MadePage with_jump(const PagePlan& p) {
    int q = 0;
    for (const std::string& id : lists[p.number - 1])
      if (id[0] != '@' && pages_of[id].front() == p.number && pages_of[id].size() > 1) q = pages_of[id][1];
    if (q == 0 || !is.pages[static_cast<size_t>(q - 1)].grid.empty()) return make_page(d, items_of(p, 0), p);
    const PagePlan& pq = is.pages[static_cast<size_t>(q - 1)];
    std::vector<Item> on_q = items_of(pq, 0);
    for (Item& it : on_q) it.open = it.kind == Item::JumpRest;
    MadePage mq = make_page(d, on_q, pq);
    if (mq.fitted.fits && mq.rooms.size() == 1) {
      const MadePage::Room& r = mq.rooms[0];
      Item cont;
      cont.id = r.id;
      int slot = first_slot_held(r.id, style_for(d, cont, r.cols), r.cols, r.lines);
      for (int more : {0, 2}) {
        std::vector<Item> on_p = items_of(p, more);
        for (Item& it : on_p)
          if (it.id == r.id) it.carry = slot;
        MadePage m = make_page(d, on_p, p);
        if (m.fitted.fits && m.fitted.white <= 3) {
          made_first[q] = std::move(mq);
          return m;
        }
      }
    }
    auto score = [&](const MadePage& a) {
      std::map<std::string, int> keep = next_slot;
      for (auto& [id, slot] : a.next_slot) next_slot[id] = slot;
      MadePage b = make_page(d, items_of(pq, 0), pq);
      next_slot = keep;
      auto bad = [](const MadePage& m) { return m.fitted.fits ? std::max(0, m.fitted.white - 1) : 1000 + 100 * m.fitted.over; };
      return bad(a) + bad(b);
    };
    MadePage best = make_page(d, items_of(p, 0), p);
    int best_score = score(best);
    for (int step = 1; step <= 12 && best_score > 0; ++step)
      for (int shift : {step, -step}) {
        MadePage m = make_page(d, items_of(p, shift), p);
        int sc = score(m);
        if (sc < best_score) best = std::move(m), best_score = sc;
        if (best_score == 0) break;
      }
    return best;
  }

  // How badly page `p` comes out with its present list: a page over is worse
  // than any white; more than three blank lines under a module (a hole a reader
  // sees) count per line.
  int badness(int p) {
    auto key = std::make_pair(p, lists[p - 1]);
    auto it = tried.find(key);
    if (it != tried.end()) return it->second;
    const PagePlan& pp = is.pages[static_cast<size_t>(p - 1)];
    d.trying = true;
    MadePage m = make_page(d, items_of(pp, 0), pp);
    d.trying = false;
    ++made;
    // White at the foot is the last page's to keep (the copy runs out there); on any
    // other page it is a hole, and an empty page is worse than any.
    int foot = p == static_cast<int>(is.pages.size()) ? 0 : (m.foot_white + d.layout.columns - 1) / d.layout.columns;
    if (m.plan.areas.empty() || (m.plan.areas.size() == 1 && m.plan.areas[0].module == "@masthead")) foot = 500;
    return tried[key] = m.fitted.fits ? std::max(0, m.fitted.white - 3) + foot : 1000 + 100 * m.fitted.over;
  }

  // --- Level 3 rebalancing ---------------------------------------------------

  const std::map<std::string, int>* rank = nullptr;  // order of importance, while rebalancing

  // A story onto page p, in its order of importance there; off page p.
  void put(int p, const std::string& id) {
    auto& l = lists[p - 1];
    auto at = std::find_if(l.begin(), l.end(), [&](const std::string& x) { return rank->count(x) && rank->at(x) > rank->at(id); });
    l.insert(at, id);
    pages_of[id] = {p};
  }
  void take(int p, const std::string& id) {
    auto& l = lists[p - 1];
    l.erase(std::find(l.begin(), l.end(), id));
  }

  // Stories out of their order of importance that moving `a` from page p to page
  // q makes (less the ones it mends), with `a` already on q: it passes every
  // story on the pages between, and those of p and q on their sides. Only a
  // difference of priority counts: stories the editor ranked alike (or not at
  // all) may change places; their file order only breaks ties.
  int inversions(const std::string& a, int p, int q) {
    auto weight = [&](const std::string& id) {
      int pr = is.articles.at(id).priority;
      return pr > 0 ? pr : std::numeric_limits<int>::max();
    };
    int n = 0;
    const bool later = q > p;
    const int wa = weight(a);
    for (int r = std::min(p, q); r <= std::max(p, q); ++r)
      for (const std::string& x : lists[r - 1]) {
        if (x == a || !rank->count(x)) continue;
        const int wx = weight(x);
        if (r != q) n += (later ? wx > wa : wx < wa) ? 1 : 0;  // now on the wrong side
        if (r != p) n -= (later ? wa > wx : wa < wx) ? 1 : 0;  // was on the wrong side
      }
    return n;
  }

  // The page's room less what its stories take, in column-lines (estimated).
  long spare(int p) {
    long load = 0;
    for (const std::string& id : lists[p - 1])
      if (id[0] != '@') load += area_of(d, id);
    return static_cast<long>(d.layout.columns) * (d.layout.lines - (p == 1 ? d.layout.masthead.lines : 0)) - load;
  }

  // Story `a` from page p to q and, in a trade, `b` from q to p.
  struct Move {
    int p = 0, q = 0;
    std::string a, b;
    int gain = 0;
  };
  void apply(const Move& m) {
    if (!m.a.empty()) take(m.p, m.a), put(m.q, m.a);
    if (!m.b.empty()) take(m.q, m.b), put(m.p, m.b);
  }
  void undo(const Move& m) {
    if (!m.b.empty()) take(m.p, m.b), put(m.q, m.b);
    if (!m.a.empty()) take(m.q, m.a), put(m.p, m.a);
  }
  // What the move gains the two pages, less its order cost; the pages as they were after.
  int gain_of(const Move& m) {
    int before = badness(m.p) + badness(m.q);
    apply(m);
    int order = (m.a.empty() ? 0 : inversions(m.a, m.p, m.q)) + (m.b.empty() ? 0 : inversions(m.b, m.q, m.p));
    int g = before - badness(m.p) - badness(m.q) - kOrderCost * order;
    undo(m);
    return g;
  }

  // The best move for page p: one of its stories to the page before or after; a
  // story from a page up to three away moved in, one about the size of its white
  // (as an editor fills a hole with a piece that fits it); or, when no single
  // move helps, a trade with the page before or after.
  Move best_move(int p, const std::vector<int>& pages, const std::set<std::string>& movable) {
    auto in = [&](int q) { return std::find(pages.begin(), pages.end(), q) != pages.end(); };
    Move best;
    auto consider = [&](Move m) {
      m.gain = gain_of(m);
      if (m.gain > best.gain) best = std::move(m);
    };
    for (int q : {p - 1, p + 1}) {
      if (!in(q)) continue;
      std::vector<std::string> from = lists[p - 1];
      // Of equal moves, the least important article goes to a later page, the most important to an earlier one.
      if (q > p) std::reverse(from.begin(), from.end());
      for (const std::string& a : from)
        if (movable.count(a)) consider(Move{p, q, a, "", 0});
    }
    const long white = spare(p);
    for (int q = p - 3; q <= p + 3 && white > 0; ++q) {
      if (q == p || !in(q)) continue;
      for (const std::string& b : std::vector<std::string>(lists[q - 1]))
        if (movable.count(b) && area_of(d, b) <= white + white / 2) consider(Move{p, q, "", b, 0});
    }
    for (int q : {p - 1, p + 1}) {
      if (!in(q) || best.gain > 0) continue;
      for (const std::string& a : std::vector<std::string>(lists[p - 1]))
        for (const std::string& b : std::vector<std::string>(lists[q - 1]))
          if (movable.count(a) && movable.count(b)) consider(Move{p, q, a, b, 0});
    }
    return best;
  }

  // Level 3, after the first share-out: while a page is over or shows white, the
  // best move for the worst page (an over page before any hole) is made; a page no
  // move helps is left until a neighbour changes. Articles keep their order of
  // importance within a page; the lead, page hints, sections and the editor's own
  // lists stay put. The search stops after about six page makeups a page (counted,
  // not timed, so that every run gives the same pages).
  void rebalance(const std::set<std::string>& movable, const std::map<std::string, int>& order) {
    rank = &order;
    std::vector<int> pages;
    for (const PagePlan& p : is.pages) {
      bool jumps = false;
      for (const std::string& id : lists[p.number - 1]) jumps = jumps || (id[0] != '@' && pages_of[id].size() > 1);
      if (p.grid.empty() && !jumps) pages.push_back(p.number);
    }
    std::set<int> stuck;
    const int budget = made + 4 * static_cast<int>(pages.size()) + 32;
    for (int applied = 0; applied < 2 * static_cast<int>(pages.size()) && made < budget;) {
      int p = 0;  // the worst, the first of equals
      for (int x : pages)
        if (!stuck.count(x) && badness(x) > (p ? badness(p) : 0)) p = x;
      if (p == 0) break;
      Move m = best_move(p, pages, movable);
      if (m.gain <= 0) {
        stuck.insert(p);
        continue;
      }
      apply(m);
      ++applied;
      for (int x = p - 2; x <= p + 2; ++x) stuck.erase(x);
    }
    rank = nullptr;
  }

  // The first body slot from which the rest of the story fits a continuation `cols` × `lines`.
  int first_slot_held(const std::string& id, const std::string& style, int cols, int lines) {
    int lo = 1, hi = d.fit.slots(id);
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (d.fit.frame_lines(id, style, cols, mid) <= lines) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
};

// What the page's fit says to the editor: the lines to cut per article when the
// copy is too long; white under a story and white at the page's foot when it is short.
void report_fit(Desk& d, const MadePage& made, const PagePlan& p, bool allow_overset, PlannedIssue& out) {
  if (!made.fitted.fits) {
    Notice n;
    n.level = allow_overset ? Notice::Warning : Notice::Error;
    n.file = out.issue.file;
    n.line = p.line;
    n.page = p.number;
    n.what = "page " + std::to_string(p.number) + ": the copy is " + std::to_string(made.fitted.over) +
             " lines too long for the page; cut:";
    for (const Area& a : made.plan.areas) {
      if (a.module[0] == '@' || d.fit.photo(a.module)) continue;
      int lines = (made.fitted.over + 1) / 2;
      n.what += " " + a.module + " " + std::to_string(lines) + " lines (≈ " +
                std::to_string(lines * a.cols * d.layout.column_chars) + " characters),";
    }
    n.what.pop_back();
    out.notices.push_back(n);
  } else {
    auto white = [&](const std::string& what) {
      Notice n;
      n.file = out.issue.file;
      n.line = p.line;
      n.page = p.number;
      n.what = "page " + std::to_string(p.number) + ": the copy is short" + what;
      out.notices.push_back(n);
    };
    // Both are said when both stand: white under a story, and white at the page's foot.
    if (made.fitted.white > 1)
      white(": up to " + std::to_string(made.fitted.white) + " blank lines at the foot of a module");
    if (made.foot_white > 0)
      white(" of the page: " + std::to_string(made.foot_white) + " column-lines (" +
            std::to_string((made.foot_white + d.layout.columns - 1) / d.layout.columns) +
            " lines across the page) left white at its foot; add copy or a photo, or take a page out");
  }
}

// Every page in order, each page filled with articles to `1 + bonus` of its room.
PlannedIssue plan_pages(Desk& d, const PlanOptions& opt, double bonus) {
  PlannedIssue out;
  out.issue = d.issue;
  Issue& is = out.issue;
  Pager pg{d, is, std::vector<std::vector<std::string>>(is.pages.size()), {}, {}, {}, {}};
  for (const PagePlan& p : is.pages) pg.lists[p.number - 1] = p.articles;
  distribute(d, is, pg.lists, bonus);
  for (const PagePlan& p : is.pages) {
    for (const Area& a : p.areas)
      if (a.module[0] != '@') pg.pages_of[a.module].push_back(p.number);
    for (const std::string& id : pg.lists[p.number - 1])
      if (id[0] != '@') pg.pages_of[id].push_back(p.number);
  }
  {
    std::set<std::string> movable;
    std::map<std::string, int> rank;
    std::set<std::string> all;
    for (const auto& [id, a] : is.articles) all.insert(id);
    std::vector<std::string> order = by_priority(is, all);
    for (size_t k = 0; k < order.size(); ++k) rank[order[k]] = is_lead(is.articles.at(order[k])) ? -1 : static_cast<int>(k);
    for (const PagePlan& p : is.pages)
      for (const std::string& id : pg.lists[p.number - 1]) {
        const Article& a = is.articles.at(id);
        bool own = std::find(p.articles.begin(), p.articles.end(), id) != p.articles.end();
        bool section = !a.section.empty() && std::any_of(is.pages.begin(), is.pages.end(), [&](const PagePlan& x) {
          return x.section == a.section;
        });
        if (!own && !is_lead(a) && a.page == 0 && !section) movable.insert(id);
      }
    if (!movable.empty()) pg.rebalance(movable, rank);  // pages the editor listed stay as listed
  }
  auto& next_slot = pg.next_slot;
  for (PagePlan& p : is.pages) {
    MadePage made;
    if (placed_by_grid(p) && !p.row_lines.empty()) {
      follow_jumps(d, p, pg.pages_of, next_slot);  // set exactly as drawn
      continue;
    } else if (placed_by_grid(p)) {
      made = fit_rows(d, p, pg.pages_of, next_slot);
    } else if (pg.made_first.count(p.number)) {
      made = std::move(pg.made_first[p.number]);
    } else {
      made = pg.with_jump(p);
    }
    for (auto& [id, slot] : made.next_slot) next_slot[id] = slot;
    report_fit(d, made, p, opt.allow_overset, out);
    out.notes.insert(out.notes.end(), made.notes.begin(), made.notes.end());
    out.automatic.push_back(p.number);
    p = made.plan;
  }
  // Headline styles the articles do not name, from their first module's width (and priority).
  for (auto& [id, a] : is.articles) {
    if (a.headline_named) continue;
    for (const PagePlan& pg : is.pages)
      for (const Area& ar : pg.areas)
        if (ar.module == id && !a.headline_named) {
          Item it;
          it.id = id;
          it.lead = a.priority == 1;
          a.headline = style_for(d, it, ar.cols);
          a.headline_named = true;
        }
    a.headline_named = false;
  }
  return out;
}

}  // namespace
}  // namespace plan

PlannedIssue plan_issue(const Issue& issue, const Layout& layout, const FontRegistry& fonts, const PlanOptions& opt) {
  using namespace plan;
  Copyfitter fit(issue, layout, fonts, opt.cache);
  Desk d{issue, layout, fit};
  // Pages are filled in order; when that leaves a page over, the pages are tried
  // a little emptier and a little fuller in turn.
  PlannedIssue out = plan_pages(d, opt, 0.04);
  for (double bonus : {0.0, -0.06, 0.08, -0.12, 0.14}) {
    if (out.ok() || !std::any_of(issue.pages.begin(), issue.pages.end(), [](const PagePlan& p) { return p.grid.empty(); }))
      break;
    PlannedIssue again = plan_pages(d, opt, bonus);
    if (again.ok()) out = std::move(again);
  }
  // Every article file on a page, or listed as unplaced on purpose.
  std::set<std::string> placed(issue.unplaced.begin(), issue.unplaced.end());
  for (const PagePlan& p : out.issue.pages)
    for (const Area& a : p.areas) placed.insert(a.module);
  for (const auto& [id, a] : issue.articles)
    if (!placed.count(id)) {
      Notice n;
      n.level = Notice::Error;
      n.article = id;
      n.file = a.file;
      n.what = "no page places this article (add it to a page, or list it in [issue] unplaced)";
      out.notices.push_back(n);
    }
  return out;
}

PageCount fit_page_count(const Issue& issue, const Layout& layout, const FontRegistry& fonts) {
  TextCache cache;  // every count sets the same paragraphs
  PageCount out;
  {
    Copyfitter fit(issue, layout, fonts, &cache);
    plan::Desk d{issue, layout, fit};
    long need = static_cast<long>(layout.columns) * layout.masthead.lines;  // the masthead on page 1
    for (const auto& [id, a] : issue.articles) need += plan::area_of(d, id);
    long page = static_cast<long>(layout.columns) * layout.lines;
    out.estimate = static_cast<int>((need + page - 1) / page);
  }
  // A printed paper comes in leaves, two pages each (one sheet folded gives
  // four; a half sheet inserted gives six or ten, as Chinese dailies print):
  // an odd count would leave a blank back page. So only even counts are tried.
  auto even = [](int n) { return std::max(2, n + n % 2); };
  out.estimate = even(out.estimate);
  // Beyond four pages more than the copy's area asks for, or more pages than
  // articles, pages would stand empty: no sensible paper. The estimate itself
  // is always tried.
  int most = std::max(out.estimate, std::min(out.estimate + 4, even(static_cast<int>(issue.articles.size()))));
  for (int n = out.estimate; n <= most; n += 2) {
    Issue is = issue;
    is.pages.clear();
    for (int p = 1; p <= n; ++p) {
      PagePlan plan;
      plan.number = p;
      plan.line = issue.line("pages");
      is.pages.push_back(plan);
    }
    is.page_count = n;
    PlannedIssue planned = plan_issue(is, layout, fonts, PlanOptions{false, &cache});
    out.tried.push_back(n);
    out.notices = planned.notices;
    if (planned.ok()) {
      out.pages = n;
      break;
    }
  }
  return out;
}

}  // namespace paiban
