// Tests of engine/lines, continued: justification, 孤字, runs longer than the
// line, the text layer, and every rule kept on the sample issue's paragraphs.
#include "linebreak_support.h"

namespace paiban {
namespace {

// ---------------------------------------------------------------- justification

TEST(LineBreak, JustifiedLinesFillTheMeasureAndTheLastIsFlushLeft) {
  const std::vector<std::string> paragraphs = {
      "打开任何一份报纸，标点符号几乎随处可见。它们不发音，却能帮人断句、表情、达意：同样一句话，句末换一个标点，"
      "意思和语气就可能大不相同。",
      "我国现行的标点规范，是国家标准GB/T 15834—2011《标点符号用法》。这一标准于2011年12月30日发布，"
      "2012年6月1日起实施，取代了1995年发布的旧版。",
      "连接号有三种形式：短横线“-”、一字线“—”和浪纹线“～”。浪纹线用于标示数值范围，如“5～10公里”。",
  };
  for (double measure : {12.0, 13.0}) {
    for (const std::string& p : paragraphs) {
      SCOPED_TRACE(p);
      const Options o = at(measure, Kinsoku::Strict, 2);
      Set s = set_paragraph(p, o);
      SCOPED_TRACE(s.dump());
      ASSERT_GE(s.para.lines.size(), 2u);
      expect_well_set(s, o);
      EXPECT_TRUE(s.para.problems.empty());
      for (const Line& l : s.para.lines) EXPECT_LE(l.max_gap_stretch, 0.5);
    }
  }
}

// ---------------------------------------------------------------- 孤字

// clreq §3.4: a last line of one character (or one character and its mark) is
// an orphan. Each input, set greedily, leaves exactly that.
TEST(LineBreak, NoOrphanOnTheLastLine) {
  const std::string han = "汉字排版是一门古老的手艺它讲究每一行都整整齐齐地排满不留空白";  // 30
  auto first = [&](size_t n) { return to_utf8(to_u32(han).substr(0, n)); };
  for (size_t m : {12, 13}) {
    const double measure = static_cast<double>(m);
    const std::vector<std::string> inputs = {
        first(2 * m + 1),                        // m + m + 1
        first(2 * m) + "。",                      // m + m + 1 and its 。
        first(m - 1) + "，" + first(m + 1),       // the orphan behind a comma
    };
    for (const std::string& in : inputs) {
      SCOPED_TRACE(in + " at " + std::to_string(measure));
      Set s = set_paragraph(in, at(measure));
      SCOPED_TRACE(s.dump());
      expect_well_set(s, at(measure));
      const Line& last = s.para.lines.back();
      int letters = 0;
      for (uint32_t i = last.text_begin; i < last.text_end; ++i)
        if (s.text()[i] >= 0x4E00 && s.text()[i] <= 0x9FFF) ++letters;
      EXPECT_GE(letters, 2) << "last line [" << s.line_text(last) << "] is an orphan";
    }
  }
}

// ---------------------------------------------------------------- overlong runs

TEST(LineBreak, OverlongLatinRunIsCutAndReportedNeverDropped) {
  const std::string run40(40, 'a');
  const std::vector<std::pair<std::string, Options>> cases = {
      {run40, at(10)},
      {"报道称" + run40 + "是一个网址", at(10)},
      {"见 " + std::string(25, 'x') + " 和 " + std::string(30, 'y'), at(10)},
      {"https://example.com/" + std::string(30, 'q') + "/index.html", at(13)},
  };
  for (const auto& [input, o] : cases) {
    SCOPED_TRACE(input);
    Set s = set_paragraph(input, o);
    SCOPED_TRACE(s.dump());
    EXPECT_FALSE(s.para.problems.empty()) << "the cut is reported";
    bool cut_reported = false;
    for (const LineProblem& p : s.para.problems)
      if (p.what.find("unbreakable") != std::string::npos) cut_reported = true;
    EXPECT_TRUE(cut_reported);
    // Every character is on exactly one line, in order; only spaces vanish at breaks.
    std::u32string joined;
    uint32_t next = 0;
    for (const Line& l : s.para.lines) {
      while (next < l.text_begin && s.text()[next] == U' ') ++next;
      EXPECT_EQ(l.text_begin, next) << "characters lost or repeated before line [" << s.line_text(l) << "]";
      next = l.text_end;
      joined += s.text().substr(l.text_begin, l.text_end - l.text_begin);
    }
    EXPECT_EQ(next, s.text().size());
    std::u32string no_spaces = s.text();
    no_spaces.erase(std::remove(no_spaces.begin(), no_spaces.end(), U' '), no_spaces.end());
    joined.erase(std::remove(joined.begin(), joined.end(), U' '), joined.end());
    EXPECT_EQ(to_utf8(joined), to_utf8(no_spaces));
    for (const Line& l : s.para.lines) {
      EXPECT_LE(l.width / kEm, o.measure + kTol) << "[" << s.line_text(l) << "]";
      EXPECT_FALSE(l.overfull);
    }
  }
}

TEST(LineBreak, OverlongRunIsCutWhereItsLineEnds) {
  // An overlong run (a URL) is cut where its line ends: the first-line indent
  // and the text before it on its line are counted, so no line runs past the
  // measure and no text is left alone on a stretched line.
  const std::vector<std::pair<std::string, Options>> cases = {
      {"www.shuozhou.gov.cn/xinwen是市政府的网站", at(13, Kinsoku::Strict, 2)},
      {std::string(40, 'a'), at(10, Kinsoku::Strict, 2)},
      {"访问https://www.example.com/news/2024/05/07/index.html了解详情", at(13, Kinsoku::Strict, 2)},
      {"报道称" + std::string(40, 'a') + "是一个网址", at(10)},
  };
  for (const auto& [input, o] : cases) {
    SCOPED_TRACE(input);
    Set s = set_paragraph(input, o);
    SCOPED_TRACE(s.dump());
    for (const Line& l : s.para.lines) {
      EXPECT_LE(l.width / kEm, o.measure + kTol) << "[" << s.line_text(l) << "] is wider than the measure";
      EXPECT_FALSE(l.overfull);
      EXPECT_LE(l.max_gap_stretch, 0.5) << "[" << s.line_text(l) << "] is stretched while the run could fill it";
    }
  }
}

// The text layer: every character but a dropped space is carried by exactly
// one placed glyph, so the PDF's text can be copied out whole. An ideographic
// space (记者　赵娟娟) is drawn in its gap and carries its character.
void expect_text_layer_whole(const Set& s) {
  std::vector<int> carried(s.text().size(), 0);
  for (const Line& l : s.para.lines)
    for (const PlacedGlyph& g : l.glyphs)
      for (uint32_t i = g.text_begin; i < g.text_end; ++i) ++carried[i];
  // A space at a break vanishes with it (the break is the space).
  std::vector<bool> at_break(s.text().size(), false);
  for (size_t li = 1; li < s.para.lines.size(); ++li)
    for (uint32_t i = s.para.lines[li - 1].text_end; i < s.para.lines[li].text_begin; ++i) at_break[i] = true;
  for (size_t i = 0; i < s.text().size(); ++i) {
    const char32_t c = s.text()[i];
    if (c == U' ' || (c == U'\u3000' && at_break[i])) continue;
    EXPECT_EQ(carried[i], 1) << "character " << i << " " << to_utf8(std::u32string(1, c)) << " U+" << std::hex
                             << static_cast<unsigned>(c) << std::dec;
  }
}

TEST(LineBreak, TextLayerCarriesEveryCharacter) {
  for (const char* in : {"记者 赵娟娟报道", "本报讯 记者 赵娟娟 通讯员 李明", "用PDF（便携文档格式）输出，“——”与“……”",
                         "国家标准GB/T 15834—2011《标点符号用法》"}) {
    SCOPED_TRACE(in);
    Set s = set_paragraph(in, at(10, Kinsoku::Strict, 2, true));
    SCOPED_TRACE(s.dump());
    expect_text_layer_whole(s);
  }
}

TEST(LineBreak, TextLayerKeepsIdeographicSpaceAfterACutRun) {
  // After an overlong run is cut, the ideographic space of 记者　赵娟娟 still has
  // its glyph in the text layer (the glyphs of a cut are pushed once).
  for (const std::string& in : {std::string(40, 'a') + "记者 赵娟娟", std::string(40, 'a') + "甲 乙 丙 丁"}) {
    SCOPED_TRACE(in);
    Set s = set_paragraph(in, at(10, Kinsoku::Strict, 0, true));
    SCOPED_TRACE(s.dump());
    expect_text_layer_whole(s);
  }
}

// ---------------------------------------------------------------- the sample issue

TEST(LineBreak, SampleIssueKeepsEveryRule) {
  const Issue issue = load_issue(PAIBAN_SOURCE_DIR "/issues/2024-05-07");
  const Face& bold = fonts().face("body_bold");
  const Options o = at(13, Kinsoku::Strict, 2);
  int paragraphs = 0, lines = 0, stretched = 0, reported = 0;
  double worst_gap = 0;
  std::string worst_line;
  for (const auto& [id, article] : issue.articles) {
    for (size_t bi = 0; bi < article.blocks.size(); ++bi) {
      const Block& b = article.blocks[bi];
      if (b.kind != BlockKind::Paragraph) continue;
      std::u32string text;
      std::vector<StyleRange> styles;
      for (const Span& sp : b.spans) {
        text += to_u32(sp.text);
        styles.push_back({static_cast<uint32_t>(text.size()), TextStyle{sp.bold ? &bold : &body(), kEm}});
      }
      if (text.empty()) continue;
      fullwidth_punctuation(text);
      const std::u32string want = text;
      Set s;
      s.shaped = shape(std::move(text), styles);
      LineSettings ls;
      ls.measure = o.measure * kEm;
      ls.indent = o.indent * kEm;
      ls.kinsoku = o.kinsoku;
      s.para = break_lines(s.shaped, ls);
      ++paragraphs;
      const std::string where = article.file + ":" + std::to_string(b.line);
      SCOPED_TRACE(where);
      ASSERT_FALSE(s.para.lines.empty());

      // Nothing lost, nothing repeated: the lines are the paragraph, less the
      // word spaces that became breaks.
      std::u32string joined;
      uint32_t next = 0;
      for (const Line& l : s.para.lines) {
        std::u32string dropped = want.substr(next, l.text_begin - next);
        EXPECT_TRUE(std::all_of(dropped.begin(), dropped.end(), [](char32_t c) { return c == U' '; }))
            << "dropped at a break: [" << to_utf8(dropped) << "] before [" << s.line_text(l) << "]";
        joined += want.substr(l.text_begin, l.text_end - l.text_begin);
        next = l.text_end;
      }
      std::u32string tail = want.substr(next);
      std::u32string want_no_break_spaces = want, joined_no_spaces = joined;
      std::erase(want_no_break_spaces, U' ');
      std::erase(joined_no_spaces, U' ');
      EXPECT_TRUE(tail.empty()) << "text after the last line: [" << to_utf8(tail) << "]";
      EXPECT_EQ(to_utf8(joined_no_spaces), to_utf8(want_no_break_spaces));

      for (size_t i = 0; i < s.para.lines.size(); ++i) {
        const Line& l = s.para.lines[i];
        ++lines;
        if (l.ratio > 0) ++stretched;
        const std::string lt = "[" + s.line_text(l) + "]";
        bool overfull_reported = false;
        for (const LineProblem& p : s.para.problems)
          if (p.what.find("wider") != std::string::npos && p.at == l.text_begin) overfull_reported = true;
        if (overfull_reported) ++reported;
        if (l.width / kEm > o.measure + kTol) {
          EXPECT_TRUE(overfull_reported) << lt << " is wider than the measure";
        }
        if (!l.last && !overfull_reported) {
          EXPECT_NEAR(l.width / kEm, o.measure, kTol) << lt;
        }
        const char32_t first = want[l.text_begin], last = want[l.text_end - 1];
        // By the rules' list and by the engine's class table alike.
        if (i > 0) {
          EXPECT_FALSE(forbidden_at_start(first, o.kinsoku) || no_line_start(char_class(first), o.kinsoku))
              << lt << " starts with a mark that may not start a line";
        }
        if (!l.last) {
          EXPECT_FALSE(forbidden_at_end(last, o.kinsoku) || no_line_end(char_class(last), o.kinsoku))
              << lt << " ends with a mark that may not end a line";
        }
        EXPECT_LE(l.max_gap_stretch, 0.5) << lt << " has a gap stretched by " << l.max_gap_stretch << " em";
        if (l.max_gap_stretch > worst_gap) {
          worst_gap = l.max_gap_stretch;
          worst_line = where + " " + lt;
        }
      }
    }
  }
  EXPECT_GT(paragraphs, 20);
  printf("[ sample   ] %d paragraphs, %d lines at 13 em; %.1f%% of lines stretched (ratio > 0); "
         "widest gap stretch %.3f em in %s; %d overfull lines reported\n",
         paragraphs, lines, 100.0 * stretched / std::max(1, lines), worst_gap, worst_line.c_str(), reported);
}

}  // namespace
}  // namespace paiban

namespace paiban {
namespace {

// A closing mark before an ideographic space gives its empty half to the space:
// 家门口”　群众 keeps one em of white between ” and 群, not one and a half (#15).
TEST(LineBreak, ClosingMarkBeforeAnIdeographicSpaceKeepsOneEmOfWhite) {
  Set s = set_paragraph("省级专家常驻“家门口”\u3000群众看病", at(20));
  ASSERT_EQ(s.para.lines.size(), 1u);
  const uint32_t close = index_of(s, "”"), next = index_of(s, "群");
  // The mark's ink sits in its left half: its origin to 群 is half an em plus the space.
  EXPECT_NEAR(x_em(s, next) - x_em(s, close), 1.5, 1e-6);
  // Between two ideographs the same space is one em.
  Set t = set_paragraph("家门口\u3000群众", at(20));
  EXPECT_NEAR(x_em(t, index_of(t, "群")) - x_em(t, index_of(t, "口")), 2.0, 1e-6);
}

}  // namespace
}  // namespace paiban
