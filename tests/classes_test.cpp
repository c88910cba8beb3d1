// Tests of engine/text: the character classes of Chinese layout (W3C clreq
// Appendix A), the 禁则 levels built on them (clreq §3.1.4) and the copy-desk
// repair fullwidth_punctuation. Every table row is one fact of the rules.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/text.h"

namespace paiban {
namespace {

std::string hex(char32_t c) {
  char buf[16];
  snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// Every code point of `chars` (UTF-8) is of class `want`.
void expect_class(const char* chars, CharClass want) {
  const std::u32string cps = to_u32(chars);
  ASSERT_FALSE(cps.empty());
  for (char32_t c : cps)
    EXPECT_EQ(char_class(c), want) << to_utf8(std::u32string(1, c)) << " " << hex(c) << " is "
                                   << class_name(char_class(c)) << ", want " << class_name(want);
}

// ---------------------------------------------------------------- classes

TEST(Classes, Ideograph) {
  // Han, the ideographic space, kana, full-width letters and digits (set on
  // the em grid like Han).
  expect_class("汉字排版報紙〇", CharClass::Ideograph);
  expect_class("\u3000", CharClass::Ideograph);
  expect_class("あア", CharClass::Ideograph);
  expect_class("ＡＺａｚ０９", CharClass::Ideograph);
  expect_class("\U00020000", CharClass::Ideograph);  // CJK Extension B
}

TEST(Classes, Open) { expect_class("（“‘《〈「『【〔〖［｛〝", CharClass::Open); }

TEST(Classes, Close) { expect_class("）”’》〉」』】〕〗］｝〞", CharClass::Close); }

TEST(Classes, Comma) { expect_class("、，", CharClass::Comma); }

TEST(Classes, FullStop) { expect_class("。．", CharClass::FullStop); }

TEST(Classes, Colon) { expect_class("：；", CharClass::Colon); }

TEST(Classes, Divide) { expect_class("？！‼⁇⁈⁉", CharClass::Divide); }

TEST(Classes, MiddleDot) { expect_class("·・‧", CharClass::MiddleDot); }

TEST(Classes, Dash) { expect_class("—―⸺⸻", CharClass::Dash); }

TEST(Classes, Ellipsis) { expect_class("…⋯", CharClass::Ellipsis); }

TEST(Classes, Connector) { expect_class("～–〜", CharClass::Connector); }

TEST(Classes, Solidus) { expect_class("/／", CharClass::Solidus); }

TEST(Classes, Prefix) { expect_class("¥$£€￥＄￡№", CharClass::Prefix); }

TEST(Classes, Postfix) { expect_class("%％‰℃°′″￠", CharClass::Postfix); }

TEST(Classes, Latin) { expect_class("aZéßΩжabcXYZ", CharClass::Latin); }

TEST(Classes, Digit) { expect_class("0123456789", CharClass::Digit); }

TEST(Classes, Space) { expect_class(" ", CharClass::Space); }

TEST(Classes, NamesAreTheEnumerators) {
  EXPECT_STREQ(class_name(CharClass::Ideograph), "Ideograph");
  EXPECT_STREQ(class_name(CharClass::MiddleDot), "MiddleDot");
  EXPECT_STREQ(class_name(CharClass::Space), "Space");
  EXPECT_STREQ(class_name(CharClass::Other), "Other");
}

// ---------------------------------------------------------------- 禁则

struct KinsokuRow {
  CharClass cls;
  // Indexed by level: Basic, GB, Strict.
  bool no_start[3];
  bool no_end[3];
};

constexpr Kinsoku kLevels[] = {Kinsoku::Basic, Kinsoku::GB, Kinsoku::Strict};
const char* level_name(int i) { return i == 0 ? "Basic" : i == 1 ? "GB" : "Strict"; }

// clreq §3.1.4: Basic forbids pause/stop marks, closing quotes and brackets,
// connectors, interpuncts (and % after a number) at a line start and opening
// quotes and brackets (and a currency sign before a number) at a line end; GB
// adds the solidus at a line end; Strict adds —— and …… at a line start.
const KinsokuRow kKinsoku[] = {
    //                       no line start               no line end
    //                       Basic  GB     Strict        Basic  GB     Strict
    {CharClass::Ideograph, {false, false, false}, {false, false, false}},
    {CharClass::Open, {false, false, false}, {true, true, true}},
    {CharClass::Close, {true, true, true}, {false, false, false}},
    {CharClass::Comma, {true, true, true}, {false, false, false}},
    {CharClass::FullStop, {true, true, true}, {false, false, false}},
    {CharClass::Colon, {true, true, true}, {false, false, false}},
    {CharClass::Divide, {true, true, true}, {false, false, false}},
    {CharClass::MiddleDot, {true, true, true}, {false, false, false}},
    {CharClass::Dash, {false, false, true}, {false, false, false}},
    {CharClass::Ellipsis, {false, false, true}, {false, false, false}},
    {CharClass::Connector, {true, true, true}, {false, false, false}},
    {CharClass::Prefix, {false, false, false}, {true, true, true}},
    {CharClass::Postfix, {true, true, true}, {false, false, false}},
    {CharClass::Latin, {false, false, false}, {false, false, false}},
    {CharClass::Digit, {false, false, false}, {false, false, false}},
    {CharClass::Space, {false, false, false}, {false, false, false}},
};

TEST(Classes, NoLineStartPerLevel) {
  for (const KinsokuRow& r : kKinsoku)
    for (int l = 0; l < 3; ++l)
      EXPECT_EQ(no_line_start(r.cls, kLevels[l]), r.no_start[l]) << class_name(r.cls) << " at " << level_name(l);
}

TEST(Classes, NoLineEndPerLevel) {
  for (const KinsokuRow& r : kKinsoku)
    for (int l = 0; l < 3; ++l)
      EXPECT_EQ(no_line_end(r.cls, kLevels[l]), r.no_end[l]) << class_name(r.cls) << " at " << level_name(l);
}

TEST(Classes, SolidusMayEndALineOnlyInBasic) {
  // The solidus row on its own, since it is the one rule GB adds (the zh-Hans
  // text of clreq also lists it among line starts; the engine does not, so
  // its line-start behaviour is not asserted here).
  EXPECT_FALSE(no_line_end(CharClass::Solidus, Kinsoku::Basic));
  EXPECT_TRUE(no_line_end(CharClass::Solidus, Kinsoku::GB));
  EXPECT_TRUE(no_line_end(CharClass::Solidus, Kinsoku::Strict));
}

TEST(Classes, ConcreteMarksFollowTheirClass) {
  // The rules applied to code points, as the breaker sees them.
  for (Kinsoku k : kLevels) {
    for (char32_t c : to_u32("。，、；：？！”’）》」』】〕％·～"))
      EXPECT_TRUE(no_line_start(char_class(c), k)) << to_utf8(std::u32string(1, c));
    for (char32_t c : to_u32("“‘（《「『【〔￥$"))
      EXPECT_TRUE(no_line_end(char_class(c), k)) << to_utf8(std::u32string(1, c));
    for (char32_t c : to_u32("汉A9“（《"))
      EXPECT_FALSE(no_line_start(char_class(c), k)) << to_utf8(std::u32string(1, c));
    for (char32_t c : to_u32("汉A9。，”）》％"))
      EXPECT_FALSE(no_line_end(char_class(c), k)) << to_utf8(std::u32string(1, c));
  }
}

TEST(Classes, PunctuationAndCjkSets) {
  for (CharClass c : {CharClass::Open, CharClass::Close, CharClass::Comma, CharClass::FullStop, CharClass::Colon,
                      CharClass::Divide, CharClass::MiddleDot})
    EXPECT_TRUE(is_cjk_punct(c)) << class_name(c);
  for (CharClass c : {CharClass::Ideograph, CharClass::Dash, CharClass::Ellipsis, CharClass::Latin, CharClass::Digit,
                      CharClass::Space, CharClass::Postfix})
    EXPECT_FALSE(is_cjk_punct(c)) << class_name(c);
  for (CharClass c : {CharClass::Latin, CharClass::Digit, CharClass::Space}) EXPECT_FALSE(is_cjk_class(c)) << class_name(c);
  for (CharClass c : {CharClass::Ideograph, CharClass::Open, CharClass::Dash, CharClass::Ellipsis})
    EXPECT_TRUE(is_cjk_class(c)) << class_name(c);
}

// ---------------------------------------------------------------- fullwidth_punctuation

struct FullwidthCase {
  const char* in;
  const char* want;
  int changes;
};

void expect_fullwidth(const std::vector<FullwidthCase>& cases) {
  for (const FullwidthCase& c : cases) {
    std::u32string t = to_u32(c.in);
    int n = fullwidth_punctuation(t);
    EXPECT_EQ(to_utf8(t), c.want) << "input: " << c.in;
    EXPECT_EQ(n, c.changes) << "input: " << c.in;
  }
}

TEST(ClassesFullwidth, ChineseContextBecomesFullWidth) {
  expect_fullwidth({
      {"记者 赵娟娟", "记者\u3000赵娟娟", 1},  // a word space between names is one em
      {"他说,好", "他说，好", 1},
      {"新标准(2024版)发布", "新标准（2024版）发布", 2},
      {"他说(见图)", "他说（见图）", 2},
      {"分别是:应县", "分别是：应县", 1},
      {"一是;二是", "一是；二是", 1},
      {"好!", "好！", 1},
      {"真的?", "真的？", 1},
      {"用PDF(便携文档格式)输出", "用PDF（便携文档格式）输出", 2},
  });
}

TEST(ClassesFullwidth, LatinAndNumbersAreUnchanged) {
  expect_fullwidth({
      {"1,000", "1,000", 0},
      {"3.5", "3.5", 0},
      {"a, b", "a, b", 0},
      {"价格1,000元", "价格1,000元", 0},  // thousands comma inside a number next to Han
      {"比分2:1", "比分2:1", 0},
      {"12:30开会", "12:30开会", 0},
      {"事业编制+企业薪酬", "事业编制+企业薪酬", 0},
      {"GB/T 15834", "GB/T 15834", 0},
      {"Hello, world (again)!", "Hello, world (again)!", 0},
      {"有 PDF 文件", "有 PDF 文件", 0},  // spaces next to Latin are word spaces, not U+3000
  });
}

TEST(ClassesFullwidth, IdempotentOnFullWidthText) {
  expect_fullwidth({
      {"记者\u3000赵娟娟", "记者\u3000赵娟娟", 0},
      {"他说：“好，（2024版）。”", "他说：“好，（2024版）。”", 0},
  });
}

TEST(ClassesFullwidth, BracketPairAtTextStartConvertsBothHalves) {
  // A bracket pair at the start of the text converts as a pair: "(2024版)新标准"
  // gives "（2024版）新标准", never a mismatched half-width "(".
  expect_fullwidth({
      {"(2024版)新标准", "（2024版）新标准", 2},
      {"(2024版)", "（2024版）", 2},
  });
}

}  // namespace
}  // namespace paiban
