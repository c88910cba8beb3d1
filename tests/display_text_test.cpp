// Display text and the spacing rules of a daily (issue #15): headlines break
// between phrases, then at ICU's word boundaries, balanced; names in bylines
// and datelines stay whole; digits set tight; a Han–Latin gap stays within
// 0.5 em; addresses break at / . @ ? &; codes never split.
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>
#include <set>

#include "fonts/fonts.h"
#include "lines/lines.h"
#include "shape/shape.h"
#include "support.h"
#include "text/text.h"

namespace paiban {
namespace {

constexpr double kEm = 10;

const Face& face(const char* role) {
  return test::project_fonts().face(role);
}

struct Set {
  Shaped shaped;
  SetParagraph para;
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const Line& l : para.lines) out.push_back(to_utf8(shaped.text.substr(l.text_begin, l.text_end - l.text_begin)));
    return out;
  }
  std::string dump() const {
    std::string s;
    for (const std::string& l : lines()) s += "[" + l + "] ";
    return s;
  }
};

Set set(const std::string& utf8, double measure_em, LineSettings ls = {}, bool normalise = true) {
  std::u32string t = to_u32(utf8);
  if (normalise) fullwidth_punctuation(t);
  Set s;
  const uint32_t n = static_cast<uint32_t>(t.size());
  s.shaped = shape(std::move(t), {StyleRange{n, TextStyle{&face("body"), kEm}}});
  ls.measure = measure_em * kEm;
  s.para = break_lines(s.shaped, ls);
  return s;
}

LineSettings display() {
  LineSettings ls;
  ls.align = Align::Center;
  ls.last_align = Align::Center;
  ls.word_breaks = true;
  ls.balance = true;
  return ls;
}

// Word boundaries of the joined text by ICU's dictionary, as pdfcheck finds them.
std::set<size_t> icu_words(const std::u32string& t) {
  icu::UnicodeString u;
  for (char32_t c : t) u.append(static_cast<UChar32>(c));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  it->setText(u);
  std::set<size_t> out;
  for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) out.insert(static_cast<size_t>(p));
  return out;  // BMP text only in these cases: UTF-16 index = character index
}

void expect_breaks_at_words(const Set& s) {
  std::set<size_t> words = icu_words(s.shaped.text);
  for (size_t i = 0; i + 1 < s.para.lines.size(); ++i)
    EXPECT_TRUE(words.count(s.para.lines[i].text_end)) << "break inside a word: " << s.dump();
  EXPECT_TRUE(s.para.problems.empty()) << s.dump();
}

// The two halves of a 对仗 headline: the break is the space between them.
TEST(DisplayText, HeadlineBreaksAtThePhraseSpaceFirst) {
  Set s = set("培育发展新质生产力 赋能转型跨越大发展", 12, display());
  EXPECT_EQ(s.lines(), (std::vector<std::string>{"培育发展新质生产力", "赋能转型跨越大发展"})) << s.dump();
}

// The cases of the sample issue that were broken inside words: 发/展, 集/群, 硬/支撑.
TEST(DisplayText, SubheadsBreakOnlyAtWordBoundaries) {
  const std::pair<const char*, double> cases[] = {
      {"加快壮大新能源产业 打造发展新质生产力“增长极”", 11},
      {"积极培育高端制造业产业集群 构筑优化新质生产力“硬支撑”", 12},
      {"加快壮大新能源产业 打造发展新质生产力“增长极”", 7},
      {"积极培育高端制造业产业集群 构筑优化新质生产力“硬支撑”", 8},
  };
  for (const auto& [text, measure] : cases) {
    SCOPED_TRACE(std::string(text) + " at " + std::to_string(measure) + " em");
    Set s = set(text, measure, display());
    expect_breaks_at_words(s);
    for (const std::string& l : s.lines()) {
      EXPECT_EQ(l.find("发展") == std::string::npos && l.find("发") != std::string::npos, false) << s.dump();
      EXPECT_NE(l.rfind("集"), l.size() - 3) << "集/群: " << s.dump();
      EXPECT_NE(l.rfind("硬"), l.size() - 3) << "硬/支撑: " << s.dump();
    }
  }
}

// A headline without spaces is balanced, not filled greedily.
TEST(DisplayText, LongHeadlineIsBalanced) {
  Set s = set("习近平同法国总统马克龙、欧盟委员会主席冯德莱恩举行中法欧领导人三方会晤", 17, display());
  expect_breaks_at_words(s);
  ASSERT_EQ(s.para.lines.size(), 3u) << s.dump();
  double lo = 1e9, hi = 0;
  for (const Line& l : s.para.lines) {
    lo = std::min(lo, l.width);
    hi = std::max(hi, l.width);
  }
  EXPECT_LE(hi - lo, 2.01 * kEm) << "lines within two characters of each other: " << s.dump();
  // The greedy fill put 17 characters on the first line.
  EXPECT_LT(s.para.lines[0].width, 14 * kEm) << s.dump();
}

// What fits on one line stays on one line.
TEST(DisplayText, ShortHeadlineIsOneLine) {
  Set s = set("省级专家常驻“家门口” 群众看病省钱又省心", 30, display());
  EXPECT_EQ(s.para.lines.size(), 1u) << s.dump();
}

// The same text as body copy still breaks anywhere the rules allow.
TEST(DisplayText, BodyTextIsNotHeldToWords) {
  Set s = set("积极培育高端制造业产业集群构筑优化新质生产力硬支", 12);
  ASSERT_EQ(s.para.lines.size(), 2u);
  EXPECT_EQ(s.lines()[0], "积极培育高端制造业产业集");
}

// 电头 and bylines: a name between separators never splits when it fits the line.
TEST(DisplayText, NamesInDatelinesStayWhole) {
  const std::string dateline = "本报讯（记者 雷洋 李妍 闫红祥）";
  const std::string text = dateline + "朔州市大医院肿瘤科和山西白求恩医院肿瘤中心成立区域医疗中心肿瘤专科联盟以来";
  const std::u32string t = to_u32(text);
  auto splits_a_name = [&](const Set& s) {
    for (const char* name : {"记者", "雷洋", "李妍", "闫红祥"}) {
      size_t at = t.find(to_u32(name)), len = to_u32(name).size();
      for (const Line& l : s.para.lines)
        if (l.text_end > at && l.text_end < at + len) return true;
    }
    return false;
  };
  int plain_splits = 0;
  for (double measure : {8.0, 9.0, 10.0, 11.0, 12.0, 13.0}) {
    LineSettings ls;
    ls.indent = 2 * kEm;
    Set plain = set(text, measure, ls);
    plain_splits += splits_a_name(plain);
    ls.names_end = static_cast<uint32_t>(to_u32(dateline).size());
    Set s = set(text, measure, ls);
    EXPECT_FALSE(splits_a_name(s)) << measure << " em: " << s.dump();
  }
  EXPECT_GT(plain_splits, 0) << "body text without a dateline may split the same names";
}

// A dateline set as the first words of a paragraph in a column `measure` em wide.
Set dateline(const std::string& dl, double measure) {
  LineSettings ls;
  ls.indent = 2 * kEm;
  std::u32string d = to_u32(dl);
  fullwidth_punctuation(d);
  ls.names_end = static_cast<uint32_t>(d.size());
  return set(dl + "朔州市大医院肿瘤科和山西白求恩医院肿瘤中心成立区域医疗中心肿瘤专科联盟以来", measure, ls);
}

// White between two ideographs next to each other on line `l`, in em, with
// what stands between them (an ideographic space or nothing).
struct White {
  char32_t a, b;
  bool em_space;
  double em;
};
std::vector<White> whites(const Set& s, const Line& l) {
  std::vector<White> out;
  const std::u32string& t = s.shaped.text;
  auto ideograph = [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; };
  const PlacedGlyph* prev = nullptr;
  for (const PlacedGlyph& g : l.glyphs) {
    if (g.text_end <= g.text_begin || t[g.text_begin] == U'\u3000') continue;
    if (prev && ideograph(t[prev->text_begin]) && ideograph(t[g.text_begin]))
      out.push_back({t[prev->text_begin], t[g.text_begin], t[g.text_begin - 1] == U'\u3000', (g.x - prev->x - kEm) / kEm});
    prev = &g;
  }
  return out;
}

// The names fit whole on the line when the spaces between them close up to
// half an em (…记者 欧阳海燕 on a 12-em line), rather than leave a loose line.
TEST(DisplayText, SpacesBetweenNamesCloseUpSoANameFitsWhole) {
  Set s = dateline("本报讯（记者 欧阳海燕 通讯员 司马相如）", 12);
  ASSERT_GE(s.para.lines.size(), 2u) << s.dump();
  EXPECT_EQ(s.lines()[0], "本报讯（记者\u3000欧阳海燕") << s.dump();
  EXPECT_EQ(s.lines()[1].rfind("通讯员\u3000司马相如）", 0), 0u) << s.dump();
  for (const White& w : whites(s, s.para.lines[0]))
    if (w.em_space) {
      EXPECT_GE(w.em, 0.5 - 1e-6) << "a space between names keeps half an em";
      EXPECT_LT(w.em, 1.0) << "closed up";
    }
  // The sample's hospital story: 李妍 fits on the first line of a 13-character column.
  Set h = dateline("本报讯（记者 雷洋 李妍 闫红祥）", 13);
  EXPECT_EQ(h.lines()[0], "本报讯（记者\u3000雷洋\u3000李妍") << h.dump();
}

// Names that cannot fit even closed up: the name moves on whole and the line it
// leaves is letter-spaced, the white shared evenly between its characters.
TEST(DisplayText, ANameThatCannotFitMovesWholeAndTheLineIsLetterSpaced) {
  Set s = dateline("本报讯（记者 罗文平 张小菊）", 13);
  ASSERT_GE(s.para.lines.size(), 2u);
  EXPECT_EQ(s.lines()[0], "本报讯（记者\u3000罗文平") << s.dump();
  EXPECT_EQ(s.lines()[1].rfind("张小菊）", 0), 0u) << s.dump();
  const Line& l = s.para.lines[0];
  EXPECT_NEAR(l.width, 13 * kEm, 0.01) << "justified";
  double lo = 1e9, hi = -1e9;
  for (const White& w : whites(s, l))
    if (!w.em_space) lo = std::min(lo, w.em), hi = std::max(hi, w.em);
  EXPECT_GT(lo, 0.05) << "letter-spaced: " << s.dump();
  EXPECT_LT(hi - lo, 0.01) << "evenly: " << s.dump();
  EXPECT_LE(hi, 0.25) << "not loose: " << s.dump();
}

// In a narrow column a name moved on whole never leaves one name stretched
// across a line (雷      洋) when a less loose choice exists.
TEST(DisplayText, AMovedNameNeverLeavesOneNameStretchedAcrossTheLine) {
  Set s = dateline("本报讯（记者 雷洋 李妍 闫红祥）", 8);
  for (const Line& l : s.para.lines) EXPECT_LE(l.max_gap_stretch, 1.0 + 1e-6) << s.dump();
  for (const std::string& l : s.lines()) EXPECT_NE(l, "雷洋") << s.dump();
}

// Dailies set 2024年5月7日 tight; Latin words keep their quarter em.
TEST(DisplayText, DigitsAreSetTightByDefault) {
  Set d = set("共2024年5月7日", 20);
  double w = 0;
  for (const ShapedGlyph& g : d.shaped.glyphs) w += g.advance;
  EXPECT_NEAR(d.para.lines[0].width, w, 0.01) << "no space between digits and Chinese";
  Set l = set("用PDF输出", 20);
  double lw = 0;
  for (const ShapedGlyph& g : l.shaped.glyphs) lw += g.advance;
  EXPECT_NEAR(l.para.lines[0].width, lw + 0.5 * kEm, 0.01) << "a quarter em each side of PDF";
  LineSettings spaced;
  spaced.digit_space = 0.25;
  Set s = set("共2024年", 20, spaced);
  double sw = 0;
  for (const ShapedGlyph& g : s.shaped.glyphs) sw += g.advance;
  EXPECT_NEAR(s.para.lines[0].width, sw + 0.5 * kEm, 0.01) << "the layout may space digits";
}

// A 12-character column with HarfBuzz in it: no hole before the word wider than
// half an em; the excess goes between the Chinese characters or other breaks.
TEST(DisplayText, HanLatinGapNeverPastHalfAnEm) {
  const char* texts[] = {
      "排版引擎使用HarfBuzz进行字形整形，再由断行程序决定每一行的内容。",
      "他说的HarfBuzz就是一个开源的文字整形库，许多浏览器都在用它。",
      "在HarfBuzz之前，排版软件大多自己处理字形的替换和定位问题。",
      "文字整形库HarfBuzz和字体光栅化库FreeType常常一起使用于排版系统中。",
  };
  for (const char* t : texts) {
    Set s = set(t, 12);
    SCOPED_TRACE(s.dump());
    const std::u32string& text = s.shaped.text;
    for (const Line& l : s.para.lines) {
      if (l.last) continue;
      EXPECT_NEAR(l.width, 12 * kEm, 0.01);
      for (size_t i = 0; i + 1 < l.glyphs.size(); ++i) {
        const PlacedGlyph& a = l.glyphs[i];
        const PlacedGlyph& b = l.glyphs[i + 1];
        if (a.text_end <= a.text_begin || b.text_end <= b.text_begin) continue;
        char32_t ca = text[a.text_end - 1], cb = text[b.text_begin];
        bool han_latin = (ca >= 0x4E00 && cb < 0x80) || (ca < 0x80 && cb >= 0x4E00);
        if (!han_latin) continue;
        double adv = 0;
        for (const ShapedGlyph& g : s.shaped.glyphs)
          if (g.cluster == a.text_begin) adv += g.advance;
        EXPECT_LE((b.x - a.x - adv) / kEm, 0.5 + 1e-6) << "gap between U+" << std::hex << static_cast<unsigned>(ca) << " and U+" << static_cast<unsigned>(cb);
      }
    }
  }
}

// Addresses break after / and before . @ ? &, never inside a word while such a
// point exists; every line but the last is justified.
TEST(DisplayText, AddressesBreakAtTheirBreakPoints) {
  const std::pair<const char*, double> cases[] = {
      {"详见www.example.com/news/2024/index.html网页", 9},
      {"来信请寄editor.desk@shuozhou-daily.example.cn邮箱", 10},
      {"访问https://www.example.com/search?q=paiban&page=2了解详情", 10},
  };
  for (const auto& [text, measure] : cases) {
    Set s = set(text, measure);
    SCOPED_TRACE(s.dump());
    EXPECT_TRUE(s.para.problems.empty());
    const std::u32string& t = s.shaped.text;
    for (const Line& l : s.para.lines) {
      if (l.last) continue;
      EXPECT_NEAR(l.width, measure * kEm, 0.01) << "justified";
      char32_t before = t[l.text_end - 1], after = t[l.text_end];
      bool cjk = before >= 0x3000 || after >= 0x3000;
      bool point = before == U'/' || after == U'.' || after == U'@' || after == U'?' || after == U'&';
      EXPECT_TRUE(cjk || point) << "break inside a word of the address";
    }
  }
}

// Codes stay whole: CN14—0031, GB 2312.
TEST(DisplayText, CodesNeverSplit) {
  for (double measure : {7.0, 8.0, 9.0, 10.0, 11.0, 12.0}) {
    Set s = set("国内统一刊号CN14—0031，字符集GB 2312收录汉字", measure);
    SCOPED_TRACE(s.dump());
    for (const std::string& l : s.lines()) {
      EXPECT_FALSE(l.size() >= 4 && l.compare(l.size() - 4, 4, "CN14") == 0);
      EXPECT_NE(l.rfind("—"), l.size() - 3) << "CN14—/0031";
      EXPECT_FALSE(l.size() >= 2 && l.compare(l.size() - 2, 2, "GB") == 0);
    }
  }
}

}  // namespace
}  // namespace paiban

namespace paiban {
namespace {

std::u32string desk(const std::string& utf8, CopyDesk* counts = nullptr, std::vector<uint32_t>* ends = nullptr) {
  std::u32string t = to_u32(utf8);
  CopyDesk d = copy_desk(t, ends);
  if (counts) *counts = d;
  return t;
}

// A space after a closing mark between two Chinese runs of a title is one em.
TEST(CopyDesk, SpaceAfterAClosingQuoteBetweenChineseIsFullWidth) {
  CopyDesk d;
  EXPECT_EQ(desk("省级专家常驻“家门口” 群众看病省钱又省心", &d), U"省级专家常驻“家门口”\u3000群众看病省钱又省心");
  EXPECT_EQ(d.spaces, 1);
  EXPECT_EQ(desk("推进《条例》 落实"), U"推进《条例》\u3000落实");
  EXPECT_EQ(desk("他说 “好”"), U"他说\u3000“好”");
  EXPECT_EQ(desk("the “word” is"), U"the “word” is") << "Latin text keeps its spaces";
}

// Straight quotes beside Chinese become “…” and ‘…’ by pairs; English keeps them.
TEST(CopyDesk, StraightQuotesBesideChineseAreCurled) {
  CopyDesk d;
  EXPECT_EQ(desk("他说\"你好\"，然后走了", &d), U"他说“你好”，然后走了");
  EXPECT_EQ(d.quotes, 2);
  EXPECT_EQ(desk("所谓'双一战略'就是"), U"所谓‘双一战略’就是");
  EXPECT_EQ(desk("\"PDF/X\"标准"), U"“PDF/X”标准");
  EXPECT_EQ(desk("He said \"don't\" twice"), U"He said \"don't\" twice");
  EXPECT_EQ(desk("it's 他的"), U"it's 他的") << "an apostrophe is not a quote";
}

// ... and 。。。 become ……, and the style ranges after them follow.
TEST(CopyDesk, DotsBecomeAnEllipsis) {
  CopyDesk d;
  std::vector<uint32_t> ends{5, 7};  // [等等...][然后]
  EXPECT_EQ(desk("等等...然后", &d, &ends), U"等等……然后");
  EXPECT_EQ(d.ellipses, 1);
  EXPECT_EQ(ends, (std::vector<uint32_t>{4, 6}));
  EXPECT_EQ(desk("等等。。。"), U"等等……");
  EXPECT_EQ(desk("说......好"), U"说……好");
  EXPECT_EQ(desk("version 1.2...3"), U"version 1.2...3") << "no Chinese beside it";
  EXPECT_EQ(desk("等等..").size(), 4u) << "two dots are not an ellipsis";
}

}  // namespace
}  // namespace paiban


namespace paiban {
namespace {

// Photo captions (#15): justified across the picture, every line but the last
// full, and a line ends only between words (ICU's dictionary), never in one.
TEST(DisplayText, CaptionsBreakBetweenWordsAndStayJustified) {
  const char* caption = "随着七里河生态环境综合治理二期工程项目的全面推进，备受市民关注的绿化景观公园已显现雏形，即将掀开神秘面纱。";
  LineSettings words;
  words.words_only = true;
  int plain_inside = 0, checked = 0;
  for (double measure = 9; measure <= 41; measure += 1) {
    Set plain = set(caption, measure);
    std::set<size_t> at = icu_words(plain.shaped.text);
    for (size_t i = 0; i + 1 < plain.para.lines.size(); ++i) plain_inside += !at.count(plain.para.lines[i].text_end);
    Set s = set(caption, measure, words);
    SCOPED_TRACE(std::to_string(measure) + " em: " + s.dump());
    expect_breaks_at_words(s);
    for (const Line& l : s.para.lines) {
      if (!l.last) {
        EXPECT_NEAR(l.width, measure * kEm, 0.01) << "justified";
      }
      EXPECT_LE(l.max_gap_stretch, 0.25) << "not loose";
      ++checked;
    }
  }
  EXPECT_GT(plain_inside, 0) << "body settings break the same caption inside words at some measure";
  EXPECT_GT(checked, 40);
}

}  // namespace
}  // namespace paiban
