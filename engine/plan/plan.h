// Automatic page makeup (docs/makeup.md): between the issue model and makeup.
// Pages without a grid get one, grids without rows get row heights fitted to the
// copy, articles no page names are distributed over the pages. The result is
// plain PagePlan values, as a hand-written issue.toml gives; makeup cannot tell.
#pragma once

#include <string>
#include <vector>

#include "diag/diag.h"
#include "makeup/makeup.h"
#include "model/issue.h"

namespace paiban {

// Why a module sits where it does, one line for the editor.
struct PlanNote {
  int page = 0;
  char letter = '.';
  std::string module;
  std::string why;
};

struct PlannedIssue {
  Issue issue;                // every page with its grid, rows and areas
  std::vector<int> automatic;  // pages (1-based) whose grid or rows the planner chose
  std::vector<PlanNote> notes;
  std::vector<Notice> notices;  // copy too long (errors, per page), white (warnings), unplaced files
  bool ok() const;
};

struct PlanOptions {
  bool allow_overset = false;  // when the copy cannot fit, make the plan anyway (makeup marks the overset)
  TextCache* cache = nullptr;
};

PlannedIssue plan_issue(const Issue& issue, const Layout& layout, const FontRegistry& fonts,
                        const PlanOptions& options = {});

// How many pages the copy of an issue whose pages name no articles needs
// (paiban import chooses `[issue] pages` with it).
struct PageCount {
  int pages = 0;                // the count chosen; 0 when no count tried fits
  int estimate = 0;             // pages the copy's area asks for (an even count, at least 2)
  std::vector<int> tried;       // the counts planned, in order
  std::vector<Notice> notices;  // the planner's notices at the last count tried
};

// The fewest pages, an even count, on which the planner places every article
// with no overset: from the estimate up to four pages more (no more pages than
// articles). Deterministic: the same issue gives the same count.
PageCount fit_page_count(const Issue& issue, const Layout& layout, const FontRegistry& fonts);

// One page's plan in the issue format: [[page]], grid, rows, [page.areas].
std::string page_toml(const PagePlan& page);

// issue.toml with every [[page]] table replaced by the planned pages; what comes
// before the first [[page]] is kept byte for byte (comments too).
std::string rewrite_issue_toml(const std::string& original, const PlannedIssue& plan);

}  // namespace paiban
