// The hostile-input table: what a newsroom pastes and an editor mistypes, each
// run through the real `paiban build`. A case either fails with exit code 2 and
// a message naming file:line (and writes no PDF), or builds, and then every
// word of its copy is found in the PDF by pdftotext: nothing lost, nothing
// printed as raw markup.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "limits.h"

namespace paiban {
namespace {

using namespace paiban::test;

struct Case {
  const char* name;
  std::string body;                    // a.md, or "" to keep a short article
  std::string toml_from, toml_to;      // a replacement in issue.toml
  int exit_code;                       // 0: a PDF; 2: an input error
  std::vector<std::string> expect;     // exit 0: in the text layer; else: in stderr
  std::vector<std::string> never = {}; // exit 0: never in the text layer
  std::string warning = "";            // exit 0: in stderr
};

std::string article(const std::string& body) { return kFront + body; }  // the body starts at line 5

const std::vector<Case> kCases = {
    // issue.toml: a key paiban does not know would carry something that vanishes.
    {"UnknownIssueKey", "", "number = 1\n", "number = 1\neditr = \"张三\"\n", 2,
     {"issue.toml:10:", "unknown key 'editr' in [issue]"}},
    {"UnknownIssueTable", "", "[[page]]", "[edition]\nname = \"晚版\"\n\n[[page]]", 2,
     {"issue.toml:12:", "unknown key 'edition'"}},
    {"UnknownPaperKey", "", "cn = ", "slogan = \"x\"\ncn = ", 2, {"issue.toml:5:", "unknown key 'slogan' in [paper]"}},
    {"UnknownPageKey", "", "section = ", "sectoin = \"x\"\nsection = ", 2, {"issue.toml:", "unknown key 'sectoin' in [[page]]"}},
    {"AreaLetterNotInTheGrid", "", "A = \"a\"\n", "A = \"a\"\nB = \"b\"\n", 2, {"issue.toml:", "'B' in [page.areas] is not a letter of the grid"}},
    {"ChineseLetterInTheGrid", "", "AAAAAAAA", "AAAA甲甲甲甲", 2, {"issue.toml:", "'甲' in the grid"}},
    {"PlanKeysOfTheMakeupAreKnown", "", "number = 1\n", "number = 1\nunplaced = []\n", 0, {"测试稿件"}},
    // Markdown a newsroom pastes.
    {"OrderedListKeepsItsNumbers", article("一、要点如下：\n\n1. 第一条措施\n2. 第二条措施\n"), "", "", 0,
     {"1.第一条措施", "2.第二条措施"}},
    {"YearAtParagraphStartIsNotAList", article("2024. 年度计划完成。\n"), "", "", 0, {"2024.年度计划完成"}},
    {"BulletListKeepsItsBullets", article("- 甲项工作\n- 乙项工作\n"), "", "", 0, {"●甲项工作", "●乙项工作"}},
    {"LinkKeepsItsUrl", article("详见[官网](https://x.cn/a)。\n"), "", "", 0, {"官网", "（https://x.cn/a）"}},
    {"LinkWhoseTextIsTheUrl", article("详见<https://x.cn/a>。\n"), "", "", 0, {"详见https://x.cn/a。"}, {"（https"}},
    {"FootnoteIsSetAsANote", article("全市增长百分之五[^1]。\n\n[^1]: 数据来源统计局。\n"), "", "", 0,
     {"百分之五①。", "注①：数据来源统计局"}, {"[^1]", "^1"}},
    {"FootnoteWithoutText", article("全市增长[^2]。\n"), "", "", 2, {"a.md:5:", "footnote [^2] has no note text"}},
    {"EntitiesAreDecoded", article("AT&amp;T 与 &amp；和 &#x4E2D;国\n"), "", "", 0, {"AT&T", "与&和", "中国"},
     {"amp"}},
    {"UnknownEntity", article("正文&foo;。\n"), "", "", 2, {"a.md:5:", "&foo;"}},
    {"InlineHtml", article("正文\n<b>粗体</b>。\n"), "", "", 2, {"a.md:6:", "HTML ('<b>')"}},
    {"HtmlBlock", article("正文。\n\n<div>\n块\n</div>\n"), "", "", 2, {"a.md:7:", "HTML"}},
    {"Strikethrough", article("正文~~删去~~。\n"), "", "", 2, {"a.md:5:", "strikethrough"}},
    {"TildeRangeIsText", article("气温5~10度。\n"), "", "", 0, {"5~10度"}},
    {"Table", article("正文。\n\n|项目|数量|\n|---|---|\n|甲|1|\n"), "", "", 2, {"a.md:7:", "table"}},
    {"HeadlineInTheBody", article("# 大标题\n\n正文。\n"), "", "", 0, {"大标题", "正文。"}, {}, "a.md:5:"},
    {"FourSpaceIndentIsAParagraph", article("    缩进的第一段。\n\n    缩进的第二段。\n"), "", "", 0,
     {"缩进的第一段。", "缩进的第二段。"}, {"000A"}},
    {"FencedCodeLinesAreText", article("```\n代码一行\n代码二行\n```\n"), "", "", 0, {"代码一行代码二行"}, {"000A"}},
    {"YamlFrontMatter", "---\ntitle: 标题\n---\n\n正文。\n", "", "", 2, {"a.md:1:", "front matter must be TOML between +++ lines"}},
};

class Hostile : public testing::TestWithParam<Case> {};

TEST_P(Hostile, FailsClearlyOrLosesNothing) {
  const Case& c = GetParam();
  Folder issue;
  issue.article("a", c.body.empty() ? article("正文一段。\n") : c.body);
  if (!c.toml_from.empty()) {
    std::string toml = slurp(issue.path / "issue.toml");
    const size_t at = toml.find(c.toml_from);
    ASSERT_NE(at, std::string::npos) << c.toml_from;
    toml.replace(at, c.toml_from.size(), c.toml_to);
    spit(issue.path / "issue.toml", toml);
  }
  const Outcome r = paiban(issue.dir, "build " + issue.arg() + " --pdfx none");
  expect_sane(r);
  ASSERT_EQ(r.exit_code, c.exit_code) << r.all();
  size_t checked = 0;
  if (r.exit_code == 0) {
    const std::string text = without_space(pdf_text(r.pdf));
    for (const std::string& s : c.expect) checked += text.find(without_space(s)) != std::string::npos;
    EXPECT_EQ(checked, c.expect.size()) << text;
    for (const std::string& s : c.never) EXPECT_EQ(text.find(s), std::string::npos) << s << " printed: " << text;
    for (const std::string& s : c.never) EXPECT_EQ(r.err.find(s), std::string::npos) << s << ": " << r.err;
    EXPECT_NE(r.err.find(c.warning), std::string::npos) << r.all();
  } else {
    for (const std::string& s : c.expect) checked += r.err.find(s) != std::string::npos;
    EXPECT_EQ(checked, c.expect.size()) << r.all();
  }
  EXPECT_GT(checked, 0u);
}

INSTANTIATE_TEST_SUITE_P(Table, Hostile, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& i) { return std::string(i.param.name); });

// A failed rebuild leaves the last good PDF where it was: the error says so.
TEST(Hostile, FailedRebuildNamesThePreviousPdf) {
  Folder issue;
  issue.article("a", article("正文一段。\n"));
  const Outcome good = paiban(issue.dir, "build " + issue.arg() + " --pdfx none");
  ASSERT_EQ(good.exit_code, 0) << good.all();
  issue.article("a", article("正文<b>一段</b>。\n"));
  const Outcome bad = paiban(issue.dir, "build " + issue.arg() + " --pdfx none");
  EXPECT_EQ(bad.exit_code, 2) << bad.all();
  EXPECT_NE(bad.err.find(bad.pdf.string() + " is the previous build, not this one"), std::string::npos) << bad.all();
}

}  // namespace
}  // namespace paiban
