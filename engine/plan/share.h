// Internal to plan/: level 3's first share-out of articles over the pages, and
// the measures of importance and size it goes by (the rebalancing uses them too).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "plan/page.h"

namespace paiban::plan {

inline bool placed_by_grid(const PagePlan& p) { return !p.grid.empty(); }

// The order of importance: priority (1 first; none after every given one), then file name.
std::vector<std::string> by_priority(const Issue& is, const std::set<std::string>& ids);

// The issue's lead story: priority 1, or a headline named "lead".
bool is_lead(const Article& a);

// Roughly the column-lines an article takes at its best width.
int area_of(Desk& d, const std::string& id);

// The articles no page names added to the pages' lists (`lists[page - 1]`): page
// hints and sections kept, the lead on page 1, the rest filled in order to
// `1 + bonus` of each page's room.
void distribute(Desk& d, Issue& is, std::vector<std::vector<std::string>>& lists, double bonus);

}  // namespace paiban::plan
