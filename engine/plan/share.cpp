// Level 3's first share-out: the articles no page names, in order of
// importance, filled into the pages in order, each to about its room.
#include "plan/share.h"

#include <algorithm>

namespace paiban::plan {

// The order of importance: priority (1 first; none after every given one), then file name.
std::vector<std::string> by_priority(const Issue& is, const std::set<std::string>& ids) {
  std::vector<std::string> v(ids.begin(), ids.end());  // name order
  std::stable_sort(v.begin(), v.end(), [&](const std::string& a, const std::string& b) {
    int pa = is.articles.at(a).priority, pb = is.articles.at(b).priority;
    return (pa ? pa : 1000) < (pb ? pb : 1000);
  });
  return v;
}

bool is_lead(const Article& a) { return a.priority == 1 || (a.headline_named && a.headline == "lead"); }

// Roughly the column-lines an article takes at its best width, to share articles out over pages.
int area_of(Desk& d, const std::string& id) {
  if (d.fit.photo(id)) return 3 * (d.fit.caption_lines(id, 3) + 24);
  int best = 1 << 30;
  for (int w = 2; w <= 6; ++w) {
    Item it;
    it.id = id;
    best = std::min(best, w * (d.fit.frame_lines(id, style_for(d, it, w), w) + 1));
  }
  return best;
}

// Level 3: the articles no page names, shared out over the pages that take more.
void distribute(Desk& d, Issue& is, std::vector<std::vector<std::string>>& lists, double bonus) {
  std::set<std::string> named;
  for (const PagePlan& p : is.pages) {
    for (const Area& a : p.areas) named.insert(a.module);
    for (const std::string& id : p.articles) named.insert(id);
  }
  for (const std::string& id : is.unplaced) named.insert(id);
  std::set<std::string> rest;
  for (const auto& [id, a] : is.articles)
    if (!named.count(id)) rest.insert(id);
  std::vector<int> open;  // pages that take articles
  for (const PagePlan& p : is.pages)
    if (!placed_by_grid(p)) open.push_back(p.number);
  if (open.empty() || rest.empty()) return;
  const Layout& L = d.layout;
  std::vector<long> load(is.pages.size() + 1, 0), room(is.pages.size() + 1, 0);
  for (int p : open) {
    room[p] = static_cast<long>(L.columns) * (L.lines - (p == 1 ? L.masthead.lines : 0));
    for (const std::string& id : lists[p - 1]) load[p] += area_of(d, id);
  }
  std::vector<std::string> order = by_priority(d.issue, rest);
  // Pages are filled in order, each to about its room: copy short of the issue
  // leaves its white on the last page, where the paper runs out, not a little
  // on every page. (`bonus` moves the mark when the first share-out does not fit.)
  const double share = 1.0;
  auto put = [&](int p, const std::string& id) {
    lists[p - 1].push_back(id);
    load[p] += area_of(d, id);
  };
  auto is_open = [&](int p) { return std::find(open.begin(), open.end(), p) != open.end(); };
  std::vector<std::string> left;
  for (const std::string& id : order) {
    const Article& a = d.issue.articles.at(id);
    if (a.page > 0 && is_open(a.page)) put(a.page, id);
    else if (is_lead(a) && is_open(1) && load[1] == 0) put(1, id);
    else left.push_back(id);
  }
  size_t at = 0;
  for (size_t k = 0; k < left.size(); ++k) {
    const std::string& id = left[k];
    const Article& a = d.issue.articles.at(id);
    int target = 0;
    for (const PagePlan& p : is.pages)
      if (!a.section.empty() && p.section == a.section && is_open(p.number)) target = p.number;
    if (!target) {
      // Move on when the page is full, or when the articles left are only enough
      // to give every later page one.
      while (at + 1 < open.size() && (load[open[at]] + area_of(d, id) > room[open[at]] * (share + bonus) ||
                                      (load[open[at]] > 0 && left.size() - k <= open.size() - 1 - at)))
        ++at;
      target = open[at];
    }
    put(target, id);
  }
  // The lead comes first on its page.
  for (auto& l : lists)
    std::stable_sort(l.begin(), l.end(), [&](const std::string& x, const std::string& y) {
      return is_lead(d.issue.articles.at(x)) > is_lead(d.issue.articles.at(y));
    });
}


}  // namespace paiban::plan
