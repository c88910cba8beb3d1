// The layout file's options for the line breaker: hanging punctuation and the
// punctuation style (mainland 标点挤压 or Taiwan full-em marks).
#include <gtest/gtest.h>

#include "fonts/fonts.h"
#include "lines/lines.h"
#include "shape/shape.h"
#include "support.h"
#include "text/text.h"

namespace paiban {
namespace {

constexpr double kEm = 10;

const Face& body() {
  return test::project_fonts().face("body");
}

struct Set {
  Shaped shaped;
  SetParagraph para;
  std::string line(size_t i) const {
    const Line& l = para.lines.at(i);
    return to_utf8(shaped.text.substr(l.text_begin, l.text_end - l.text_begin));
  }
};

Set set(const std::string& utf8, double measure_em, bool hanging, bool compress) {
  Set s;
  std::u32string t = to_u32(utf8);
  const uint32_t n = static_cast<uint32_t>(t.size());
  s.shaped = shape(std::move(t), {StyleRange{n, TextStyle{&body(), kEm}}});
  LineSettings ls;
  ls.measure = measure_em * kEm;
  ls.hanging = hanging;
  ls.compress_punctuation = compress;
  s.para = break_lines(s.shaped, ls);
  return s;
}

// Ten ideographs and a comma at a ten-em measure: without hanging the comma
// cannot start the next line, so the line must give something up; with hanging
// the comma stays on the line, outside the measure.
TEST(LineBreakOptions, HangingCommaStaysOnTheLineOutsideTheMeasure) {
  const std::string text = "一二三四五六七八九十，甲乙丙丁戊己庚辛壬癸";
  Set hung = set(text, 10, true, true);
  ASSERT_GE(hung.para.lines.size(), 2u);
  EXPECT_EQ(hung.line(0), "一二三四五六七八九十，");
  EXPECT_TRUE(hung.para.problems.empty());
  // The comma's pen position is at the measure: it hangs.
  const Line& l = hung.para.lines[0];
  EXPECT_NEAR(l.glyphs.back().x, 10 * kEm, 0.01);

  Set plain = set(text, 10, false, true);
  EXPECT_NE(plain.line(0), "一二三四五六七八九十，");
  for (const Line& x : plain.para.lines) EXPECT_LE(x.width, 10 * kEm + 0.01);
}

// A paragraph's last line half an em or less short of the measure would read
// as a badly justified line: it is set full. A line a whole em short stays a
// paragraph end, flush left at its natural width.
TEST(LineBreakOptions, LastLineWithinHalfAnEmIsSetFull) {
  const std::string ten = "一二三四五六七八九十";
  Set nearly = set(ten + ten, 10.4, false, true);  // the last line is 0.4 em short
  ASSERT_EQ(nearly.para.lines.size(), 2u);
  EXPECT_NEAR(nearly.para.lines[1].width, 10.4 * kEm, 0.01);
  EXPECT_NEAR(nearly.para.lines[1].glyphs.back().x + kEm, 10.4 * kEm, 0.01);

  Set short_last = set(ten + "甲乙丙丁戊己庚辛壬", 10.4, false, true);  // 1.4 em short
  ASSERT_EQ(short_last.para.lines.size(), 2u);
  EXPECT_NEAR(short_last.para.lines[1].width, 9 * kEm, 0.01);
}

// Taiwan style: marks keep their full em, so "。”" takes two ems, not one and a half.
TEST(LineBreakOptions, TaiwanStyleKeepsEveryMarkFullWidth) {
  auto pen_of_last = [](const Set& s) { return s.para.lines[0].glyphs.back().x; };
  Set mainland = set("他说：“好。”", 20, false, true);
  Set taiwan = set("他说：“好。”", 20, false, false);
  // 他 说 ： “ 好 。 ” — the closing quote's pen position.
  EXPECT_NEAR(pen_of_last(taiwan), 6 * kEm, 0.01);
  EXPECT_LT(pen_of_last(mainland), 6 * kEm - 0.4 * kEm);
}

}  // namespace
}  // namespace paiban
