// Internal to plan/: level 2's search over a page's band structures — the page
// as horizontal bands, each cut into column groups, each group a stack of
// modules (see docs/makeup.md for the rules and costs).
#pragma once

#include <memory>
#include <vector>

#include "plan/page.h"

namespace paiban::plan {

struct Group {
  int cols = 0;
  std::vector<int> items;  // indices into the searched items, top to bottom; none: white columns
};
struct Band {
  std::vector<Group> groups;
  int height = 0;
};
struct BandPlan {
  std::vector<Band> bands;
  double cost = 1e18;
  int used = 0;  // lines the bands take in all
};

// Items in order of importance, `avail` lines under whatever stands above them.
class BandSearch {
 public:
  BandSearch(Desk& d, const std::vector<Item>& items, int avail, int max_cols);
  ~BandSearch();
  BandSearch(const BandSearch&) = delete;
  BandSearch& operator=(const BandSearch&) = delete;

  // A story six columns of the page cannot hold (it may take up to the page's width).
  bool too_long_for_six(int item);
  // The best bands on `columns` columns, no group wider than `widest`: first within
  // 40 lines over the page; when none is found there, with room for the column-lines
  // the items need at least (to say how far over it runs). No bands: nothing fits.
  BandPlan best(int columns, int widest);

 private:
  struct Search;
  std::unique_ptr<Search> s_;
};

}  // namespace paiban::plan
