// Internal to plan/: heights on a page as a system of difference constraints.
// Every module is a span between two horizontal cuts (grid row boundaries);
// its height must lie in [lo, hi]. Such systems are solved exactly by shortest
// paths (Bellman–Ford), and their integer solutions form a lattice, so the
// planner can ask for the least white, then for a jump or photo height nearest
// its target, and stay exact.
#pragma once

#include <climits>
#include <optional>
#include <string>
#include <vector>

namespace paiban::plan {

constexpr int kFree = INT_MAX / 4;  // no upper bound

struct Span {
  int top = 0, bottom = 0;  // cut indices
  int lo = 1, hi = kFree;   // lines between them
};

// Cut positions (cut 0 at line 0, cut `last` at line `total`), every span
// within its bounds, each cut as high on the page as the others allow; none
// when no such positions exist.
std::optional<std::vector<int>> solve(int cuts, const std::vector<Span>& spans, int last, int total);

// Smallest total height the spans need (the foot cut left free).
int least_height(int cuts, const std::vector<Span>& spans, int last);

// What a module asks of its span. Text: exactly `need` lines, and as little more
// as the page allows. Flexible (a photo, the first part of a jump): anything in
// [lo, hi], as near `target` as the others allow. Fixed: the masthead.
struct Demand {
  enum Kind { Text, Flexible, Fixed } kind = Text;
  int top = 0, bottom = 0;
  int need = 1;             // Text, Fixed
  int lo = 1, hi = kFree;   // Flexible
  int target = -1;          // Flexible: preferred height (-1: none)
};

struct Fitted {
  std::vector<int> cuts;  // positions
  int white = 0;          // largest white under a text module, lines
  bool fits = false;      // every text module got at least its need
  int over = 0;           // when it does not: lines the copy is too long for the page
  int foot = 0;           // lines left white at the foot of the page (the copy is short of it)
};

// The least white first, then each flexible module nearest its target in order;
// when the copy does not fit, text needs are relaxed (cut to fit) and `over` says by how much.
Fitted fit_heights(int cuts, const std::vector<Demand>& demands, int last, int total);

}  // namespace paiban::plan
