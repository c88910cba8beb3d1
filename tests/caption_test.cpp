// A photo's caption and its credit (makeup/caption.cpp): the credit stands
// flush right, as a signature does, on the caption's last line when an em of
// white fits before it, else on a line of its own; no caption line is spread
// to make room for it.
#include <gtest/gtest.h>

#include "makeup/blocks.h"
#include "style/layout.h"
#include "support.h"

namespace paiban::makeup {

// 52 characters, 47 of them ideographs.
const std::string kRiver =
    "随着七里河生态环境综合治理二期工程项目的全面推进，备受市民关注的绿化景观公园已显现雏形，即将掀开神秘面纱。";

struct Desk {
  Issue issue;
  Layout layout = load_layout(PAIBAN_SOURCE_DIR "/layouts/broadsheet.toml");
  Edition edition;
  Context ctx{issue, layout, test::project_fonts(), edition};
  double em() const { return layout.style("caption").size; }

  Caption caption(const std::string& text, double width_em) {
    Article a;
    a.id = "photo";
    a.credit = "赵福胜 摄";
    Block b;
    b.kind = BlockKind::Image;
    b.spans.push_back(Span{text});
    a.blocks.push_back(b);
    return set_caption(ctx, a, width_em * em());
  }
};

double end_of(const SetText& t) {
  return t.para.lines.back().width;
}

TEST(Caption, ShortCaptionHasItsCreditFlushRightOnTheSameLine) {
  Desk d;
  const double w = 30 * d.em();
  Caption c = d.caption("七里河绿化景观公园已显现雏形。", 30);
  ASSERT_EQ(c.lines, 1);
  ASSERT_TRUE(c.credit);
  EXPECT_NEAR(c.credit_x + end_of(*c.credit), w, 0.01);
  EXPECT_GE(c.fill_count, 9);  // ideographic spaces from the text up to the credit
  EXPECT_LE(c.fill_x + c.fill_count * d.em(), c.credit_x + 0.5 * d.em() + 0.01);
}

TEST(Caption, CaptionWithNoRoomLeftGivesTheCreditALineOfItsOwn) {
  Desk d;
  const double w = 27 * d.em();
  // at 27 em: two full-looking lines (27 and 25.5 em), no room for the credit
  Caption c = d.caption(kRiver, 27);
  ASSERT_TRUE(c.credit);
  ASSERT_EQ(c.text->para.lines.size(), 2u);
  EXPECT_EQ(c.lines, 3);
  EXPECT_EQ(c.fill_count, 0);
  for (const Line& l : c.text->para.lines) EXPECT_LE(l.ratio, 0.5) << "a caption line spread for the credit";
  // the credit's own line is set flush right by its style
  EXPECT_NEAR(c.credit->para.lines[0].glyphs.back().x + d.em(), w, 0.01);
}

TEST(Caption, OneLineCaptionWithNoRoomGivesTheCreditALineOfItsOwn) {
  Desk d;
  Caption c = d.caption(kRiver, 55);  // one line of 50 em: no room for a 6.5-em credit
  ASSERT_EQ(c.text->para.lines.size(), 1u);
  ASSERT_TRUE(c.credit);
  EXPECT_EQ(c.lines, 2);
  EXPECT_EQ(c.fill_count, 0);
  EXPECT_EQ(to_utf8(c.credit->shaped.text), "赵福胜　摄");  // a signature needs no brackets
  EXPECT_NEAR(c.credit->para.lines[0].glyphs.back().x + d.em(), 55 * d.em(), 0.01);
}

// No caption text, or a credit wider than the picture: the credit still stands
// on a line of its own, every character set, and nothing breaks.
TEST(Caption, CreditAloneOrTooLongStillSetsEveryCharacter) {
  Desk d;
  Caption bare = d.caption("", 20);
  ASSERT_TRUE(bare.credit);
  EXPECT_EQ(bare.fill_count, 0);
  EXPECT_GE(bare.lines, 1);
  Article a;
  a.id = "photo";
  a.credit = "新华社记者　欧阳某某　张三丰　李四光　王五六　赵七八　钱九十　孙十一　周十二　吴十三　郑十四　摄";
  Block b;
  b.kind = BlockKind::Image;
  b.spans.push_back(Span{"一张图片。"});
  a.blocks.push_back(b);
  Caption c = set_caption(d.ctx, a, 10 * d.em());
  ASSERT_TRUE(c.credit);
  EXPECT_EQ(c.fill_count, 0);
  // every character but the spaces a line break takes is on a line, and every line is counted
  auto visible = [](const std::u32string& t, uint32_t b, uint32_t e) {
    size_t n = 0;
    for (uint32_t i = b; i < e; ++i) n += t[i] != U'\u3000' && t[i] != U' ';
    return n;
  };
  const std::u32string& t = c.credit->shaped.text;
  size_t set = 0;
  for (const Line& l : c.credit->para.lines) set += visible(t, l.text_begin, l.text_end);
  EXPECT_EQ(set, visible(t, 0, static_cast<uint32_t>(t.size())));
  ASSERT_GT(c.credit->para.lines.size(), 1u);
  EXPECT_EQ(c.credit_own_lines, static_cast<int>(c.credit->para.lines.size()));
  EXPECT_EQ(c.lines, static_cast<int>(c.text->para.lines.size() + c.credit->para.lines.size()));
}

}  // namespace paiban::makeup

