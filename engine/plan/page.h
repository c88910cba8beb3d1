// Internal to plan/: one page made up from its items.
#pragma once

#include <string>
#include <vector>

#include "plan/plan.h"
#include "plan/solve.h"
#include "style/layout.h"

namespace paiban::plan {

// An article (or part of one) to set on a page, most important first.
struct Item {
  enum Kind { Text, Photo, JumpFirst, JumpRest, Masthead } kind = Text;
  std::string id;
  int from = 0;      // JumpRest: first body slot
  int priority = 0;  // front matter (0: none)
  bool lead = false;  // the issue's lead story
  int share = 0;      // JumpFirst: lines it keeps on its page (0: 60 % of the page under the masthead)
  int shift = 0;      // JumpFirst: lines more (or fewer) than that, to fit the continuation's page
  int carry = 0;      // JumpFirst: when set, it holds the body up to this slot (what the continuation's
                      // page cannot hold) and at most `shift` lines more, instead of a share of its page
  bool open = false;  // JumpRest: where it takes up is not known yet; it takes the slack of its page
  std::string why;   // how it came to this page
};

// A module on the page skeleton: columns, and the cuts above and below it.
struct Module {
  int item = 0;
  int col = 0, cols = 0;
  int top = 0, bottom = 0;
  char letter = 0;  // the editor's letter (level 1); 0: the planner names it
};

// Columns left white beside the last modules when the copy is short of the page.
struct Blank {
  int col = 0, cols = 0;
  int top = 0;  // cut; the white runs from it to the page's foot
};

struct Skeleton {
  int cuts = 2;  // cut 0 is the top of the type area, cut `last` its foot
  int last = 1;
  int columns = 0;  // grid width (0: the layout's)
  std::vector<Module> modules;
  std::vector<Blank> blanks;
};

struct Desk {
  const Issue& issue;
  const Layout& layout;
  Copyfitter& fit;
  bool trying = false;  // only trying a list (level 3): a page more than 40 lines over is not measured further
};

// The headline style of an article in a module `cols` wide: its own if it names
// one, else lead for the lead story, major from three columns, minor below.
std::string style_for(const Desk& d, const Item& it, int cols);

// What the module asks of its height (separator line included unless it stands on the foot).
Demand demand_of(Desk& d, const Item& it, const Module& m, bool on_foot, int avail);

struct MadePage {
  PagePlan plan;
  std::vector<PlanNote> notes;
  Fitted fitted;
  std::vector<std::pair<std::string, int>> next_slot;  // jumped articles: where the next page takes up
  struct Room {
    std::string id;
    int cols = 0, lines = 0;  // an open continuation's frame, separator line excluded
  };
  std::vector<Room> rooms;
  int foot_white = 0;  // column-lines left white at the page's foot (the copy is short of it)
};

// Lines a frame `cols` wide (not the last part) needs to hold the body up to `slot`.
int lines_to_carry(Desk& d, const Item& it, int cols, int slot);

// Heights for a skeleton, then the grid, rows and areas of the plan. With `short_ok`,
// copy too short for the page leaves its white at the page's foot (an empty row)
// instead of holes under the stories.
MadePage realise(Desk& d, const std::vector<Item>& items, const Skeleton& s, PagePlan plan, const std::string& how,
                 bool short_ok = false);

// Level 2: chooses the modules for the items.
MadePage make_page(Desk& d, const std::vector<Item>& items, PagePlan plan);

}  // namespace paiban::plan
