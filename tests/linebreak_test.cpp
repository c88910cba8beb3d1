// Tests of engine/lines: line breaking and justification of Chinese text as
// the rules (W3C clreq §3.1.4–3.1.7, §3.2, §3.4, §3.5) state them. Every case
// is a string, a measure in ems, a 禁则 level and the lines it must give: the
// text of each line and its set width in ems. Text is set in the real body
// face (Noto Serif CJK SC) at 10 pt, so 1 em = 10 pt.
#include "linebreak_support.h"

namespace paiban {
namespace {

// ---------------------------------------------------------------- the em grid

TEST(LineBreak, PureHanFillsTheMeasureOnTheEmGrid) {
  const std::vector<Case> cases = {
      {"25 ideographs at 10 em", "汉字排版是一门古老的手艺它讲究每一行都整整齐齐地排满", at(10),
       {{"汉字排版是一门古老的", 10}, {"手艺它讲究每一行都整", 10}, {"整齐齐地排满", 6}}},
      {"30 ideographs at 13 em", "报纸正文通常使用小五号书宋字每栏排十三个字行距约为字高的一半", at(13),
       {{"报纸正文通常使用小五号书宋", 13}, {"字每栏排十三个字行距约为字", 13}, {"高的一半", 4}}},
      {"12 ideographs at 12 em: one full line", "每一行都恰好排满十二个字", at(12), {{"每一行都恰好排满十二个字", 12}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    Set s = check(c);
    for (const Line& l : s.para.lines) {
      EXPECT_EQ(l.ratio, 0) << "[" << s.line_text(l) << "] needs neither stretch nor squeeze";
      EXPECT_EQ(l.max_gap_stretch, 0);
      for (const PlacedGlyph& g : l.glyphs) {
        const double x = g.x / kEm;
        EXPECT_NEAR(x, std::round(x), 1e-6) << "glyph of character " << g.text_begin << " is off the em grid";
      }
    }
  }
}

TEST(LineBreak, FirstLineIndentOfTwoEm) {
  const std::vector<Case> cases = {
      {"2-em indent at 10 em", "汉字排版是一门古老的手艺它讲究每一行都整整齐齐地排满", at(10, Kinsoku::Strict, 2),
       {{"汉字排版是一门古", 10}, {"老的手艺它讲究每一行", 10}, {"都整整齐齐地排满", 8}}},
      {"2-em indent, one line", "短段落", at(13, Kinsoku::Strict, 2), {{"短段落", 5}}},
  };
  for (const Case& c : cases) {
    Set s = check(c);
    ASSERT_FALSE(s.para.lines.empty());
    EXPECT_NEAR(s.para.lines[0].glyphs.front().x / kEm, 2, 1e-6) << "first line starts after the indent";
    for (size_t i = 1; i < s.para.lines.size(); ++i)
      EXPECT_NEAR(s.para.lines[i].glyphs.front().x / kEm, 0, 1e-6) << "only the first line is indented";
    for (const Line& l : s.para.lines)
      for (const PlacedGlyph& g : l.glyphs) EXPECT_NEAR(g.x / kEm, std::round(g.x / kEm), 1e-6);
  }
}

// ---------------------------------------------------------------- 禁则

// In each input the ideographs before the mark fill the measure exactly, so a
// greedy breaker would start the next line with the mark. No mark in the line
// can be squeezed, so the character before the mark comes down with it (推出)
// and the line before is spread to the measure.
TEST(LineBreak, NoClosingMarkOrStopAtLineStart) {
  std::vector<Case> cases;
  for (const char* mark : {"，", "。", "、", "；", "：", "？", "！", "”", "’", "）", "》", "」", "』", "】", "〕"}) {
    const std::string m = mark;
    cases.push_back({"no " + m + " at a line start", "一二三四五六七八九十" + m + "后续文字", at(10),
                     {{"一二三四五六七八九", 10}, {"十" + m + "后续文字", 6}}});
  }
  // ％ after a number: 50 ends at 9.1 em, so ％ (1 em) would start line 2.
  cases.push_back({"no ％ at a line start", "甲乙丙丁戊己庚辛50％以上", at(10),
                   {{"甲乙丙丁戊己庚辛", 10}, {"50％以上", latin("50") + 1 + 2}}});
  // Wire copy with an ASCII comma: normalised to ， first, then kept off the line start.
  cases.push_back({"no , (normalised) at a line start", "一二三四五六七八九十,后续文字", at(10, Kinsoku::Strict, 0, true),
                   {{"一二三四五六七八九", 10}, {"十，后续文字", 6}}});
  // ～ (connector) likewise.
  cases.push_back({"no ～ at a line start", "一二三四五六七八九十～后续文字", at(10),
                   {{"一二三四五六七八九", 10}, {"十～后续文字", 6}}});
  for (Kinsoku k : {Kinsoku::Basic, Kinsoku::GB, Kinsoku::Strict})
    for (Case c : cases) {
      c.opt.kinsoku = k;
      check(c);
    }
}

// The opening mark would end the first line at natural widths (its ink half
// reaches exactly 10 em); it goes down with the text it opens, keeping its
// full em at the new line's start.
TEST(LineBreak, NoOpeningMarkAtLineEnd) {
  std::vector<Case> cases;
  const char* pairs[][2] = {{"“", "”"}, {"‘", "’"}, {"（", "）"}, {"《", "》"}, {"〈", "〉"},
                            {"「", "」"}, {"『", "』"}, {"【", "】"}, {"〔", "〕"}, {"〖", "〗"}};
  for (auto& p : pairs) {
    const std::string o = p[0], c = p[1];
    cases.push_back({"no " + o + " at a line end", "甲乙丙丁戊己庚辛壬" + o + "子丑" + c + "寅卯", at(10),
                     {{"甲乙丙丁戊己庚辛壬", 10}, {o + "子丑" + c + "寅卯", 6}}});
  }
  // Wire copy with ASCII brackets: normalised to （） first.
  cases.push_back({"no ( (normalised) at a line end", "甲乙丙丁戊己庚辛壬(子丑)寅卯", at(10, Kinsoku::Strict, 0, true),
                   {{"甲乙丙丁戊己庚辛壬", 10}, {"（子丑）寅卯", 6}}});
  // A currency sign stays with its number: ￥ alone would fill the line to 10 em.
  cases.push_back({"no ￥ at a line end", "甲乙丙丁戊己庚辛壬￥50元", at(10),
                   {{"甲乙丙丁戊己庚辛壬", 10}, {"￥50元", 1 + latin("50") + 0.25 + 1}}});
  for (Kinsoku k : {Kinsoku::Basic, Kinsoku::GB, Kinsoku::Strict})
    for (Case c : cases) {
      c.opt.kinsoku = k;
      check(c);
    }
}

TEST(LineBreak, SolidusMayEndALineOnlyInBasic) {
  check({"／ may end a line in Basic", "甲乙丙丁戊己庚辛壬／子丑癸", at(10, Kinsoku::Basic),
         {{"甲乙丙丁戊己庚辛壬／", 10}, {"子丑癸", 3}}});
  for (Kinsoku k : {Kinsoku::GB, Kinsoku::Strict})
    check({"no ／ at a line end from GB up", "甲乙丙丁戊己庚辛壬／子丑癸", at(10, k),
           {{"甲乙丙丁戊己庚辛壬", 10}, {"／子丑癸", 4}}});
}

// 先挤进，后推出: the same inputs as above with a ， earlier in the line. Its
// empty half (0.5 em) can be squeezed, so the mark that would start line 2 is
// squeezed back onto line 1 — which is then exactly the measure with a
// negative ratio — instead of pushing 壬 down.
TEST(LineBreak, SqueezeTheMarkInBeforePushingACharacterOut) {
  std::vector<Case> cases;
  for (const char* mark : {"。", "，", "、", "；", "：", "？", "！", "”", "’", "）", "》", "」"}) {
    const std::string m = mark;
    cases.push_back({"squeeze " + m + " onto the line", "甲乙，丙丁戊己庚辛壬" + m + "癸子丑", at(10),
                     {{"甲乙，丙丁戊己庚辛壬" + m, 10}, {"癸子丑", 3}}});
  }
  // ％ overshoots by 0.12 em: the ，'s empty half (0.5 em) gives it.
  cases.push_back({"squeeze ％ onto the line", "甲，乙丙丁戊己庚50％以上", at(10),
                   {{"甲，乙丙丁戊己庚50％", 10}, {"以上", 2}}});
  for (const Case& c : cases) {
    Set s = check(c);
    ASSERT_EQ(s.para.lines.size(), 2u);
    EXPECT_LT(s.para.lines[0].ratio, 0) << c.input << ": the first line is squeezed, not stretched";
    EXPECT_GE(s.para.lines[0].ratio, -1) << c.input << ": never squeezed beyond the empty halves";
  }
}

// ---------------------------------------------------------------- 标点挤压

// GB/T 15834—2011 §5.1.10: a full-width mark at a line end is set half width.
// The line is the measure to its ink; the glyph's empty half hangs beyond it.
TEST(LineBreak, LineEndMarkIsTrimmedToHalfAnEm) {
  const std::vector<Case> cases = {
      {"。 at a line end, line stretched", "甲乙丙丁戊己庚辛壬。子丑寅", at(10),
       {{"甲乙丙丁戊己庚辛壬。", 10}, {"子丑寅", 3}}},
      {"， at a line end, line squeezed", "甲乙，丙丁戊己庚辛壬，子丑寅卯", at(10),
       {{"甲乙，丙丁戊己庚辛壬，", 10}, {"子丑寅卯", 4}}},
      {"、 at a line end", "甲乙丙丁戊己庚辛壬、子丑寅", at(10), {{"甲乙丙丁戊己庚辛壬、", 10}, {"子丑寅", 3}}},
      {"” at a line end", "甲乙丙丁戊己庚辛壬”子丑寅", at(10), {{"甲乙丙丁戊己庚辛壬”", 10}, {"子丑寅", 3}}},
      {"） at a line end", "甲乙丙丁戊己庚辛壬）子丑寅", at(10), {{"甲乙丙丁戊己庚辛壬）", 10}, {"子丑寅", 3}}},
  };
  for (const Case& c : cases) {
    Set s = check(c);
    ASSERT_GE(s.para.lines.size(), 1u);
    const Line& l = s.para.lines[0];
    const PlacedGlyph& mark = l.glyphs.back();
    ASSERT_EQ(mark.text_end, l.text_end) << c.input;
    const ShapedGlyph* sg = nullptr;
    for (const ShapedGlyph& g : s.shaped.glyphs)
      if (g.cluster == mark.text_begin) sg = &g;
    ASSERT_NE(sg, nullptr);
    ASSERT_NEAR(sg->advance / kEm, 1, 1e-6) << c.input << ": the mark is full-width";
    EXPECT_NEAR(mark.x / kEm, c.opt.measure - 0.5, kTol) << c.input << ": the mark's pen is half an em before the edge";
    EXPECT_NEAR((mark.x + sg->advance) / kEm - c.opt.measure, 0.5, kTol) << c.input << ": its empty half overhangs";
  }
}

// clreq §3.1.6.2: two adjacent marks take 1.5 em, not 2.
TEST(LineBreak, AdjacentMarksTakeOneAndAHalfEm) {
  struct Adjacent {
    const char* text;   // 甲 mark mark 乙
    double x[4];        // pen x of each, em
  };
  const Adjacent cases[] = {
      {"甲。”乙", {0, 1, 1.5, 2.5}},
      {"甲）、乙", {0, 1, 1.5, 2.5}},
      {"甲”（乙", {0, 1, 1.5, 2.5}},
      {"甲，“乙", {0, 1, 1.5, 2.5}},
      {"甲》《乙", {0, 1, 1.5, 2.5}},
      {"甲？”乙", {0, 1, 1.5, 2.5}},
  };
  for (const Adjacent& a : cases) {
    SCOPED_TRACE(a.text);
    Set s = set_paragraph(a.text, at(20));
    ASSERT_EQ(s.para.lines.size(), 1u);
    for (uint32_t i = 0; i < 4; ++i) EXPECT_NEAR(x_em(s, i), a.x[i], kTol) << "character " << i;
    EXPECT_NEAR(x_em(s, 3) - x_em(s, 1), 1.5, kTol) << "the two marks together";
    EXPECT_NEAR(s.para.lines[0].width / kEm, 3.5, kTol);
  }
}

// ---------------------------------------------------------------- unbreakable sequences

TEST(LineBreak, DashAndEllipsisAreNeverSplit) {
  std::vector<Case> cases;
  for (const char* pair : {"——", "……", "⸺", "⋯⋯"}) {
    const std::string p = pair;
    // At natural widths the pair would straddle the 10-em edge.
    // Strict: the pair may not start a line either, so 壬 comes down with it.
    cases.push_back({p + " unsplit, not at a line start (Strict)", "甲乙丙丁戊己庚辛壬" + p + "子丑", at(10),
                     {{"甲乙丙丁戊己庚辛", 10}, {"壬" + p + "子丑", 5}}});
    // Basic and GB: the pair may start a line, whole.
    for (Kinsoku k : {Kinsoku::Basic, Kinsoku::GB})
      cases.push_back({p + " unsplit, may start a line", "甲乙丙丁戊己庚辛壬" + p + "子丑", at(10, k),
                       {{"甲乙丙丁戊己庚辛壬", 10}, {p + "子丑", 4}}});
  }
  for (const Case& c : cases) check(c);
}

TEST(LineBreak, NumbersAreNeverSplit) {
  const std::vector<Case> cases = {
      // 2024 would straddle the edge: it goes down whole, with 年.
      {"2024 whole", "甲乙丙丁戊己庚辛壬2024年", at(10),
       {{"甲乙丙丁戊己庚辛壬", 10}, {"2024年", latin("2024") + 0.25 + 1}}},
      {"52.1% whole", "甲乙丙丁戊己庚辛52.1%以上", at(10),
       {{"甲乙丙丁戊己庚辛", 10}, {"52.1%以上", latin("52.1%") + 0.25 + 2}}},
      // 1.35 fits on line 1 (9.2 em) but 亿 does not: 1.35亿 is one number.
      {"1.35亿 whole", "甲乙丙丁戊己庚1.35亿元", at(10),
       {{"甲乙丙丁戊己庚", 10}, {"1.35亿元", latin("1.35") + 0.25 + 2}}},
      {"1,000 whole", "甲乙丙丁戊己庚辛壬1,000人", at(10),
       {{"甲乙丙丁戊己庚辛壬", 10}, {"1,000人", latin("1,000") + 0.25 + 1}}},
  };
  for (const Case& c : cases) check(c);
}

TEST(LineBreak, LatinWordsBreakOnlyAtSpaces) {
  const std::string en = "Newspapers are typeset with great care every single day of the week";
  const std::vector<Case> cases = {
      // Word spaces are 1/4 em and only stretch (clreq: 1/4 to 1/2 em and beyond if need be).
      {"English at 12 em", en, at(12),
       {{"Newspapers are typeset", 12}, {"with great care every", 12}, {"single day of the week", words("single day of the week")}}},
      {"English at 16 em", en, at(16),
       {{"Newspapers are typeset with", 16}, {"great care every single day of the", 16}, {"week", latin("week")}}},
      // typesetting straddles the edge after 壬: it goes down whole, and the
      // Han–Latin space vanishes at the break.
      {"a Latin word in Chinese", "甲乙丙丁戊己庚辛壬typesetting子丑", at(10),
       {{"甲乙丙丁戊己庚辛壬", 10}, {"typesetting子丑", latin("typesetting") + 0.25 + 2}}},
  };
  for (const Case& c : cases) {
    Set s = check(c);
    // Lines begin and end at word boundaries: joined with one space they give the input.
    std::string joined;
    for (const Line& l : s.para.lines) joined += (joined.empty() ? "" : " ") + s.line_text(l);
    if (c.input.find(' ') != std::string::npos) {
      EXPECT_EQ(joined, c.input);
    }
  }
}

// ---------------------------------------------------------------- Han–Latin spacing

TEST(LineBreak, QuarterEmBetweenHanAndLatin) {
  Set s = set_paragraph("用PDF输出", at(20));
  ASSERT_EQ(s.para.lines.size(), 1u);
  const double pdf = latin("PDF");
  EXPECT_NEAR(x_em(s, 0), 0, kTol);
  EXPECT_NEAR(x_em(s, 1), 1.25, kTol) << "0.25 em between 用 and P";
  EXPECT_NEAR(x_em(s, 4), 1.25 + pdf + 0.25, kTol) << "0.25 em between F and 输";
  EXPECT_NEAR(s.para.lines[0].width / kEm, 2 + pdf + 0.5 + 1, kTol);

  Set d = set_paragraph("共2024年", at(20));
  EXPECT_NEAR(x_em(d, 1), 1.25, kTol) << "digits are spaced like letters";
  EXPECT_NEAR(x_em(d, 5), 1.25 + latin("2024") + 0.25, kTol);
}

TEST(LineBreak, NoHanLatinSpaceNextToPunctuation) {
  struct Around {
    const char* text;
    const char* before;  // the mark or character before the Latin
    double latin_x;      // pen x of the first Latin letter, em
  };
  // ， is 1 em wide in the middle of a line (ink half + empty half); the
  // opening marks' ink ends at their advance, so Latin follows at once.
  const Around cases[] = {
      {"输出，PDF文件", "，", 3},
      {"输出：PDF文件", "：", 3},
      {"用“PDF”输出", "“", 2},
      {"用（PDF）输出", "（", 2},
      {"用《PDF》输出", "《", 2},
  };
  for (const Around& a : cases) {
    SCOPED_TRACE(a.text);
    Set s = set_paragraph(a.text, at(20));
    ASSERT_EQ(s.para.lines.size(), 1u);
    const uint32_t p = index_of(s, "P");
    EXPECT_NEAR(x_em(s, p), a.latin_x, kTol) << "no extra space after " << a.before;
    // After the word: a closing mark hugs it (its pen at the word's end).
    const uint32_t after = p + 3;
    const char32_t c = s.text()[after];
    if (c == U'”' || c == U'）' || c == U'》') {
      EXPECT_NEAR(x_em(s, after), a.latin_x + latin("PDF"), kTol) << "no extra space before the closing mark";
    }
  }
}

TEST(LineBreak, NoHanLatinSpaceAroundAsciiPunctuationBetweenHan) {
  // An ASCII sign standing alone between Han characters (分隔号 "男/女", 短横线
  // "3-戊酮") is punctuation: no Han–Latin space on either side of it.
  {
    Set s = set_paragraph("比如男/女也可以", at(20));
    const uint32_t slash = index_of(s, "/");
    EXPECT_NEAR(x_em(s, slash), x_em(s, slash - 1) + 1, kTol) << "no space between 男 and /";
    EXPECT_NEAR(x_em(s, slash + 1), x_em(s, slash) + latin("/"), kTol) << "no space between / and 女";
  }
  {
    Set s = set_paragraph("如3-戊酮", at(20));
    const uint32_t hyphen = index_of(s, "-");
    EXPECT_NEAR(x_em(s, hyphen + 1), x_em(s, hyphen) + latin("-"), kTol) << "no space between - and 戊";
  }
}

// 记者 赵娟娟: the copy desk makes the word space between names an ideographic
// space, one em of white that stays on the grid and vanishes at a line end.
TEST(LineBreak, IdeographicSpaceIsOneEmAndVanishesAtABreak) {
  const std::vector<Case> cases = {
      {"U+3000 inside lines", "本报记者 赵娟娟 通讯员 李明报道", at(10, Kinsoku::Strict, 0, true),
       {{"本报记者\u3000赵娟娟\u3000通", 10}, {"讯员\u3000李明报道", 7}}},
      {"U+3000 at the break", "甲乙丙丁戊己庚辛壬癸 子丑", at(10, Kinsoku::Strict, 0, true),
       {{"甲乙丙丁戊己庚辛壬癸", 10}, {"子丑", 2}}},
  };
  for (const Case& c : cases) {
    Set s = check(c);
    for (const Line& l : s.para.lines)
      for (const PlacedGlyph& g : l.glyphs) EXPECT_NEAR(g.x / kEm, std::round(g.x / kEm), 1e-6) << "on the em grid";
  }
  Set s = set_paragraph("记者 赵娟娟", at(10, Kinsoku::Strict, 0, true));
  EXPECT_NEAR(x_em(s, 3) - x_em(s, 1), 2, kTol) << "者, one em of space, 赵";
}

}  // namespace
}  // namespace paiban
