// Tests of engine/shape: HarfBuzz shaping with the real Noto CJK faces —
// cluster mapping, em advances, the —— ligature, Latin widths, style ranges.
#include "shape/shape.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "fonts/fonts.h"
#include "support.h"
#include "text/text.h"

namespace paiban {
namespace {

const FontRegistry& fonts() { return test::project_fonts(); }

const Face& body() { return fonts().face("body"); }
const Face& bold() { return fonts().face("body_bold"); }

Shaped shape_in(const std::u32string& text, const Face& face, double size) {
  return shape(text, {StyleRange{static_cast<uint32_t>(text.size()), TextStyle{&face, size}}});
}

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

const std::u32string kMixed = U"排版2024年PDF，“引号”——破折号……";

TEST(Shape, EveryCharacterIsInExactlyOneCluster) {
  const Shaped s = shape_in(kMixed, body(), 9);
  ASSERT_EQ(s.text, kMixed);
  ASSERT_FALSE(s.glyphs.empty());
  // Clusters never go back, start at the first character and stay in the text:
  // so the clusters' first characters split the text into consecutive pieces
  // and each character belongs to exactly one of them.
  EXPECT_EQ(s.glyphs.front().cluster, 0u);
  for (size_t i = 0; i < s.glyphs.size(); ++i) {
    EXPECT_LT(s.glyphs[i].cluster, kMixed.size()) << "glyph " << i;
    if (i > 0) {
      EXPECT_GE(s.glyphs[i].cluster, s.glyphs[i - 1].cluster) << "glyph " << i;
    }
  }
  std::vector<uint32_t> starts;
  for (const ShapedGlyph& g : s.glyphs)
    if (starts.empty() || starts.back() != g.cluster) starts.push_back(g.cluster);
  for (size_t i = 1; i < starts.size(); ++i) EXPECT_GT(starts[i], starts[i - 1]);  // strictly increasing

  // Owner of each character: the last cluster starting at or before it.
  std::vector<int> owner(kMixed.size(), -1);
  for (size_t c = 0; c < starts.size(); ++c) {
    uint32_t end = c + 1 < starts.size() ? starts[c + 1] : static_cast<uint32_t>(kMixed.size());
    for (uint32_t k = starts[c]; k < end; ++k) {
      EXPECT_EQ(owner[k], -1) << "character " << k << " in two clusters";
      owner[k] = static_cast<int>(c);
    }
  }
  for (size_t k = 0; k < kMixed.size(); ++k) EXPECT_NE(owner[k], -1) << "character " << k << " in no cluster";

  // Only the —— pair shares a cluster (the ligature); every other character,
  // …… included, is a cluster of its own.
  const size_t dash = kMixed.find(U"——");
  ASSERT_NE(dash, std::u32string::npos);
  for (size_t k = 0; k < kMixed.size(); ++k) {
    const bool starts_cluster = std::count(starts.begin(), starts.end(), static_cast<uint32_t>(k)) == 1;
    if (k == dash + 1)
      EXPECT_FALSE(starts_cluster) << "the second dash should be inside the ligature's cluster";
    else
      EXPECT_TRUE(starts_cluster) << "character " << k << " (U+" << std::hex << static_cast<uint32_t>(kMixed[k])
                                  << ") does not start a cluster";
  }
}

TEST(Shape, IdeographsAdvanceOneEm) {
  for (double size : {9.0, 10.5, 24.0}) {
    SCOPED_TRACE(size);
    const Shaped s = shape_in(kMixed, body(), size);
    int han = 0;
    for (const ShapedGlyph& g : s.glyphs) {
      if (!is_han(kMixed[g.cluster])) continue;
      ++han;
      EXPECT_DOUBLE_EQ(g.advance, size) << "cluster " << g.cluster;
      EXPECT_DOUBLE_EQ(g.dx, 0);
      EXPECT_DOUBLE_EQ(g.dy, 0);
    }
    EXPECT_EQ(han, 8);  // 排 版 年 引 号 破 折 号
  }
}

TEST(Shape, DashPairIsOneTwoEmGlyph) {
  const double size = 10;
  const Shaped s = shape_in(U"——", body(), size);
  ASSERT_EQ(s.glyphs.size(), 1u) << "—— should ligate (ccmp, script Hani)";
  EXPECT_EQ(s.glyphs[0].cluster, 0u);
  EXPECT_DOUBLE_EQ(s.glyphs[0].advance, 2 * size);
  EXPECT_NE(s.glyphs[0].gid, body().glyph_for(U'—'));

  // The same inside running text.
  const Shaped m = shape_in(kMixed, body(), size);
  const uint32_t dash = static_cast<uint32_t>(kMixed.find(U"——"));
  int at_dash = 0;
  for (const ShapedGlyph& g : m.glyphs) {
    EXPECT_NE(g.cluster, dash + 1);
    if (g.cluster != dash) continue;
    ++at_dash;
    EXPECT_DOUBLE_EQ(g.advance, 2 * size);
    EXPECT_EQ(g.gid, s.glyphs[0].gid);
  }
  EXPECT_EQ(at_dash, 1);
}

TEST(Shape, LatinHasProportionalAdvances) {
  const double size = 10;
  const std::u32string text = U"nnnniiii";
  const Shaped s = shape_in(text, body(), size);
  ASSERT_EQ(s.glyphs.size(), text.size());
  const double n = s.glyphs[0].advance, i = s.glyphs[4].advance;
  EXPECT_GT(i, 0);
  EXPECT_GT(n, 1.5 * i) << "n and i should differ in width";
  EXPECT_LT(n, 0.75 * size) << "Latin is not set full-width";
  EXPECT_LT(i, 0.5 * size) << "Latin is not set full-width";
  for (int k = 1; k < 4; ++k) EXPECT_DOUBLE_EQ(s.glyphs[k].advance, n);
  for (int k = 5; k < 8; ++k) EXPECT_DOUBLE_EQ(s.glyphs[k].advance, i);

  // In the mixed string, P, D and F are proportional too (not one em each).
  const Shaped m = shape_in(kMixed, body(), size);
  const uint32_t p = static_cast<uint32_t>(kMixed.find(U"PDF"));
  double pdf_width = 0;
  for (const ShapedGlyph& g : m.glyphs)
    if (g.cluster >= p && g.cluster < p + 3) {
      EXPECT_LT(g.advance, size);
      EXPECT_GT(g.advance, 0);
      pdf_width += g.advance;
    }
  EXPECT_LT(pdf_width, 3 * size);
  EXPECT_GT(pdf_width, 1.0 * size);
}

TEST(Shape, BoldStyleRangeUsesTheOtherFace) {
  const std::u32string text = U"正文加粗正文";
  ASSERT_NE(&body(), &bold());
  const Shaped s = shape(text, {StyleRange{2, TextStyle{&body(), 10}}, StyleRange{4, TextStyle{&bold(), 10}},
                                StyleRange{6, TextStyle{&body(), 10}}});
  ASSERT_EQ(s.glyphs.size(), text.size());
  ASSERT_FALSE(s.styles.empty());
  for (const ShapedGlyph& g : s.glyphs) {
    SCOPED_TRACE("cluster " + std::to_string(g.cluster));
    ASSERT_LT(g.style, s.styles.size());
    const Face* want = g.cluster >= 2 && g.cluster < 4 ? &bold() : &body();
    EXPECT_EQ(s.styles[g.style].face, want);
    EXPECT_EQ(g.gid, want->glyph_for(text[g.cluster]));
    EXPECT_DOUBLE_EQ(g.advance, 10);
  }
}

TEST(Shape, SizeComesFromTheStyleRange) {
  const std::u32string text = U"大字小字";
  const Shaped s = shape(text, {StyleRange{2, TextStyle{&body(), 24}}, StyleRange{4, TextStyle{&body(), 9}}});
  ASSERT_EQ(s.glyphs.size(), 4u);
  EXPECT_DOUBLE_EQ(s.glyphs[0].advance, 24);
  EXPECT_DOUBLE_EQ(s.glyphs[1].advance, 24);
  EXPECT_DOUBLE_EQ(s.glyphs[2].advance, 9);
  EXPECT_DOUBLE_EQ(s.glyphs[3].advance, 9);
  EXPECT_DOUBLE_EQ(s.styles[s.glyphs[0].style].size, 24);
  EXPECT_DOUBLE_EQ(s.styles[s.glyphs[3].style].size, 9);
}

}  // namespace
}  // namespace paiban
