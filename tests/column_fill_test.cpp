// The column filler (makeup/flow.cpp): a subhead never ends a column nor keeps
// only one line of its text with it; no paragraph leaves its first line alone
// at a column foot (orphan) or its last line alone at a column head (widow)
// while another place to end the column exists.
#include <gtest/gtest.h>

#include <memory>

#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

struct Copy {
  std::vector<std::shared_ptr<SetText>> texts;
  std::vector<Slot> slots;
  // A paragraph of `lines` lines (a subhead when `subhead`).
  Copy& para(int lines, bool subhead = false) {
    auto t = std::make_shared<SetText>();
    t->para.lines.resize(static_cast<size_t>(lines));
    texts.push_back(t);
    for (int k = 0; k < lines; ++k)
      slots.push_back(Slot{Slot::Text, 1, t.get(), k, static_cast<int>(texts.size()), subhead, nullptr, nullptr});
    return *this;
  }
  // Lines per column of a fill, and which paragraph line starts each column.
  std::vector<int> heights(const Fill& f) const {
    std::vector<int> h;
    for (const auto& col : f.columns) h.push_back(static_cast<int>(col.size()));
    return h;
  }
};

Fill pour(const Copy& c, std::vector<int> caps, int reserve = 0, bool jumps = false) {
  std::vector<int> tops(caps.size(), 0);
  return fill_columns(c.slots, 0, caps, tops, reserve, false, jumps);
}

Fill balance(const Copy& c, std::vector<int> caps) {
  std::vector<int> tops(caps.size(), 0);
  return fill_columns(c.slots, 0, caps, tops, 0, true, false);
}

// The copyfitter asks fill_reach, not fill_columns, how far a last frame part
// holds the text: the two must agree on every copy, width and height, or the
// planner would promise a fit that makeup oversets.
TEST(ColumnFill, ReachIsWhereTheFillStops) {
  unsigned seed = 12345;
  auto next = [&](int n) {
    seed = seed * 1103515245u + 12345u;
    return static_cast<int>((seed >> 16) % static_cast<unsigned>(n));
  };
  int tried = 0;
  for (int copy = 0; copy < 60; ++copy) {
    Copy c;
    for (int p = 0, paras = 2 + next(12); p < paras; ++p) {
      if (p > 0 && next(4) == 0) c.slots.push_back(Slot{Slot::Blank, 1, nullptr, 0, 0, false, nullptr, nullptr});
      if (next(5) == 0) c.para(1, true);
      c.para(1 + next(9));
    }
    for (int cols = 1; cols <= 4; ++cols)
      for (int cap = 2; cap <= 16; ++cap)
        for (int reserve = 0; reserve <= 1; ++reserve)
          for (bool bal : {false, true}) {
            std::vector<int> caps(static_cast<size_t>(cols), cap), tops(caps.size(), 0);
            caps[0] = std::max(2, cap - next(3));  // a column under a headline is shorter
            Fill f = fill_columns(c.slots, 0, caps, tops, reserve, bal, false);
            ASSERT_EQ(fill_reach(c.slots, 0, caps, reserve), f.next)
                << "copy " << copy << " cols " << cols << " cap " << cap << " reserve " << reserve << " balance " << bal;
            ++tried;
          }
  }
  EXPECT_EQ(tried, 60 * 4 * 15 * 2 * 2);
}

TEST(ColumnFill, NoOrphanAtAColumnFoot) {
  Copy c;
  c.para(3).para(3);
  Fill f = pour(c, {4, 4});
  EXPECT_EQ(c.heights(f), (std::vector<int>{3, 3})) << "the second paragraph's first line goes over with it";
  EXPECT_EQ(f.next, 6);
}

TEST(ColumnFill, NoWidowAtAColumnHead) {
  Copy c;
  c.para(5);
  Fill f = pour(c, {4, 4});
  EXPECT_EQ(c.heights(f), (std::vector<int>{3, 2})) << "two lines go over, not the last alone";
}

TEST(ColumnFill, SubheadKeepsTwoLinesOfItsText) {
  Copy c;
  c.para(2).para(1, true).para(3);
  Fill f = pour(c, {4, 4});
  EXPECT_EQ(c.heights(f), (std::vector<int>{2, 4})) << "subhead and its paragraph start the next column";
}

TEST(ColumnFill, FullColumnsWithoutRoomKeepTheirLines) {
  // No room to give a line away: the filler does not overset to avoid a widow.
  Copy c;
  c.para(5);
  Fill f = pour(c, {4, 1});
  EXPECT_EQ(f.next, 5);
  EXPECT_EQ(c.heights(f), (std::vector<int>{4, 1}));
}

TEST(ColumnFill, AJumpingFrameGivesItsLonelyLineToTheNextFrame) {
  // The frame is full and the text goes on: the first line of the second
  // paragraph goes with it rather than stay alone at the foot.
  Copy c;
  c.para(3).para(3);
  Fill f = pour(c, {4}, 0, true);
  EXPECT_EQ(c.heights(f), (std::vector<int>{3}));
  EXPECT_EQ(f.next, 3);
  Fill g = pour(c, {4}, 0, false);
  EXPECT_EQ(g.next, 4) << "a frame where the text ends keeps what it can hold";
  Copy d;
  d.para(1).para(4);
  EXPECT_EQ(pour(d, {4}, 0, true).next, 3) << "two lines go over, not the last alone";
}

TEST(ColumnFill, ASubheadGoesOverWithItsTextInAJumpingFrame) {
  // Filled greedily the first column ends at [subhead, first line]: the subhead
  // and its line go over, two lines of white are left.
  Copy c;
  c.para(12).para(1, true).para(4).para(20);
  Fill f = pour(c, {14, 14}, 0, true);
  Lonely lonely = lonely_lines(f, c.slots);
  EXPECT_EQ(lonely.total(), 0) << "widows " << lonely.widows << " orphans " << lonely.orphans;
  EXPECT_EQ(c.heights(f), (std::vector<int>{12, 14}));
}

TEST(ColumnFill, BalancedColumnsAvoidAWidowWhenALineOfWhiteAllowsIt) {
  // 2 + 4 + 4 lines in two columns: the most even cut (5 | 5) leaves the second
  // paragraph's last line alone at the head of column 2; 6 | 4 is taken instead.
  Copy c;
  c.para(2).para(4).para(4);
  Fill f = balance(c, {6, 6});
  EXPECT_EQ(c.heights(f), (std::vector<int>{6, 4}));
  EXPECT_EQ(f.next, 10);
}

TEST(ColumnFill, LonelyLinesAreCounted) {
  // The counter the report uses: one widow, one orphan, one subhead at a foot.
  Copy c;
  c.para(3).para(1, true).para(3);
  Fill f;
  f.columns = {{{0, 0}}, {{1, 0}, {2, 1}, {3, 2}}, {{4, 0}, {5, 1}}, {{6, 0}}};
  f.next = 7;
  Lonely l = lonely_lines(f, c.slots);
  EXPECT_EQ(l.orphans, 1);   // column 0: the first paragraph's first line alone
  EXPECT_EQ(l.subheads, 1);  // column 1 ends at the subhead
  EXPECT_EQ(l.widows, 1);    // column 3: the last paragraph's last line alone
}

}  // namespace
}  // namespace paiban::makeup
