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

Fill pour(const Copy& c, std::vector<int> caps, int reserve = 0) {
  std::vector<int> tops(caps.size(), 0);
  return fill_columns(c.slots, 0, caps, tops, reserve, false);
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

}  // namespace
}  // namespace paiban::makeup
