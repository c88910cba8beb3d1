// Tests of engine/model: parse_article (front matter + Markdown body) and
// load_issue (issue.toml and the page plan), against docs/issue-format.md.
// Fixture folders are written on the fly into a fresh temporary directory.
#include "model/issue.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

// Replaces the one occurrence of `from` (which must exist) in `text`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("fixture text lacks: " + from);
  return text.replace(at, from.size(), to);
}

// The error names exactly `file` and `line`, both in its fields and in its
// message ("file:line: ..."), and the message says what is wrong.
void expect_error_at(const std::optional<InputError>& e, const std::string& file, int line,
                     const std::vector<std::string>& says) {
  ASSERT_TRUE(e.has_value());
  const std::string what = e->what();
  EXPECT_EQ(e->file(), file) << what;
  EXPECT_EQ(e->line(), line) << what;
  const std::string where = file + ":" + std::to_string(line) + ":";
  EXPECT_EQ(what.rfind(where, 0), 0u) << "message does not start with " << where << "\n  message: " << what;
  for (const std::string& s : says) EXPECT_NE(what.find(s), std::string::npos) << "message lacks \"" << s << "\": " << what;
}

// --- Articles ----------------------------------------------------------------

const char kGoodArticle[] =
    "+++\n"                                                   // 1
    "section    = \"加快发展新质生产力 一线行\"\n"            // 2
    "kicker     = \"引题文字\"\n"                             // 3
    "title      = \"培育发展新质生产力 赋能转型跨越大发展\"\n"  // 4
    "subtitle   = \"我市全方位高质量推进重点项目建设纪实\"\n"  // 5
    "byline     = \"记者 赵娟娟\"\n"                          // 6
    "dateline   = \"本报讯(记者 符焯邦)\"\n"                  // 7
    "headline   = \"lead\"\n"                                 // 8
    "jump_title = \"培育发展新质生产力\"\n"                   // 9
    "sample     = true\n"                                     // 10
    "note       = \"stand-in text made for paiban\"\n"        // 11
    "credit     = \"赵福胜 摄\"\n"                            // 12
    "+++\n"                                                   // 13
    "\n"                                                      // 14
    "第一段的第一行\n"                                        // 15
    "接着第二行，PDF\n"                                       // 16
    "文件。\n"                                                // 17
    "\n"                                                      // 18
    "## 小标题\n"                                             // 19
    "\n"                                                      // 20
    "段落里有**加粗**文字。\n"                                // 21
    "\n"                                                      // 22
    "Latin words on one line\n"                               // 23
    "continue on the next.\n"                                 // 24
    "\n"                                                      // 25
    "![图片说明文字](images/qilihe.jpg)\n";                   // 26

TEST(ParseArticle, ReadsEveryFrontMatterKey) {
  Article a = parse_article("lead", "issues/x/lead.md", kGoodArticle);
  EXPECT_EQ(a.id, "lead");
  EXPECT_EQ(a.file, "issues/x/lead.md");
  EXPECT_EQ(a.section, "加快发展新质生产力 一线行");
  EXPECT_EQ(a.kicker, "引题文字");
  EXPECT_EQ(a.title, "培育发展新质生产力 赋能转型跨越大发展");
  EXPECT_EQ(a.subtitle, "我市全方位高质量推进重点项目建设纪实");
  EXPECT_EQ(a.byline, "记者 赵娟娟");
  EXPECT_EQ(a.dateline, "本报讯(记者 符焯邦)");
  EXPECT_EQ(a.headline, "lead");
  EXPECT_EQ(a.jump_title, "培育发展新质生产力");
  EXPECT_TRUE(a.sample);
  EXPECT_EQ(a.note, "stand-in text made for paiban");
  EXPECT_EQ(a.credit, "赵福胜 摄");
}

TEST(ParseArticle, OptionalKeysHaveDefaults) {
  Article a = parse_article("brief", "brief.md", "+++\ntitle = \"短讯\"\n+++\n\n正文。\n");
  EXPECT_EQ(a.title, "短讯");
  EXPECT_EQ(a.headline, "major");
  EXPECT_FALSE(a.sample);
  EXPECT_TRUE(a.section.empty());
  EXPECT_TRUE(a.kicker.empty());
  EXPECT_TRUE(a.subtitle.empty());
  EXPECT_TRUE(a.byline.empty());
  EXPECT_TRUE(a.dateline.empty());
  EXPECT_TRUE(a.jump_title.empty());
  EXPECT_TRUE(a.credit.empty());
  ASSERT_EQ(a.blocks.size(), 1u);
  EXPECT_EQ(text_of(a.blocks[0]), "正文。");
}

TEST(ParseArticle, BodyBlocksInOrderWithSourceLines) {
  Article a = parse_article("lead", "lead.md", kGoodArticle);
  ASSERT_EQ(a.blocks.size(), 5u);

  const Block& p1 = a.blocks[0];
  EXPECT_EQ(p1.kind, BlockKind::Paragraph);
  EXPECT_EQ(p1.line, 15);
  ASSERT_EQ(p1.spans.size(), 1u);
  EXPECT_FALSE(p1.spans[0].bold);
  // Soft breaks: 行|接 (Chinese both sides) and PDF|文 (one side Chinese) join with no space.
  EXPECT_EQ(p1.spans[0].text, "第一段的第一行接着第二行，PDF文件。");

  const Block& h = a.blocks[1];
  EXPECT_EQ(h.kind, BlockKind::Subhead);
  EXPECT_EQ(h.line, 19);
  EXPECT_EQ(text_of(h), "小标题");

  const Block& p2 = a.blocks[2];
  EXPECT_EQ(p2.kind, BlockKind::Paragraph);
  EXPECT_EQ(p2.line, 21);
  ASSERT_EQ(p2.spans.size(), 3u);
  EXPECT_EQ(p2.spans[0].text, "段落里有");
  EXPECT_FALSE(p2.spans[0].bold);
  EXPECT_EQ(p2.spans[1].text, "加粗");
  EXPECT_TRUE(p2.spans[1].bold);
  EXPECT_EQ(p2.spans[2].text, "文字。");
  EXPECT_FALSE(p2.spans[2].bold);

  const Block& p3 = a.blocks[3];
  EXPECT_EQ(p3.kind, BlockKind::Paragraph);
  EXPECT_EQ(p3.line, 23);
  // Two Latin letters either side of the break: one space.
  EXPECT_EQ(text_of(p3), "Latin words on one line continue on the next.");

  const Block& img = a.blocks[4];
  EXPECT_EQ(img.kind, BlockKind::Image);
  EXPECT_EQ(img.line, 26);
  EXPECT_EQ(img.image, "images/qilihe.jpg");
  EXPECT_EQ(text_of(img), "图片说明文字");
}

TEST(ParseArticle, SoftLineBreaksJoinChineseWithoutSpaceLatinWithOne) {
  struct Case {
    const char* body;
    const char* want;
  };
  const Case cases[] = {
      {"中文\n中文", "中文中文"},
      {"中文\nLatin", "中文Latin"},
      {"Latin\n中文", "Latin中文"},
      {"Latin\ntext", "Latin text"},
      {"2024\n年5月", "2024年5月"},
      {"发布，\n实施", "发布，实施"},
      {"GB/T\n15834", "GB/T 15834"},
      {"一\n二\n三", "一二三"},
  };
  for (const Case& c : cases) {
    Article a = parse_article("t", "t.md", std::string("+++\ntitle = \"t\"\n+++\n") + c.body + "\n");
    ASSERT_EQ(a.blocks.size(), 1u) << c.body;
    EXPECT_EQ(text_of(a.blocks[0]), c.want) << "body: " << c.body;
  }
}

TEST(ParseArticle, ByteOrderMarkAndCrlfLineEndingsReadTheSame) {
  const Article lf = parse_article("lead", "lead.md", kGoodArticle);
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : std::string(kGoodArticle)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Article b = parse_article("lead", "lead.md", crlf);
  EXPECT_EQ(b.title, lf.title);
  EXPECT_EQ(b.credit, lf.credit);
  ASSERT_EQ(b.blocks.size(), lf.blocks.size());
  for (size_t i = 0; i < lf.blocks.size(); ++i) {
    SCOPED_TRACE("block " + std::to_string(i));
    EXPECT_EQ(b.blocks[i].kind, lf.blocks[i].kind);
    EXPECT_EQ(text_of(b.blocks[i]), text_of(lf.blocks[i]));
    EXPECT_EQ(b.blocks[i].line, lf.blocks[i].line);
    EXPECT_EQ(b.blocks[i].image, lf.blocks[i].image);
  }
}

TEST(ParseArticle, PhotoArticleNeedsNoTitle) {
  Article a = parse_article("photo", "photo.md",
                            "+++\ncredit = \"赵福胜 摄\"\n+++\n\n![七里河公园已显现雏形。](images/qilihe.jpg)\n");
  EXPECT_TRUE(a.title.empty());
  EXPECT_EQ(a.credit, "赵福胜 摄");
  ASSERT_EQ(a.blocks.size(), 1u);
  EXPECT_EQ(a.blocks[0].kind, BlockKind::Image);
  EXPECT_EQ(a.blocks[0].image, "images/qilihe.jpg");
  EXPECT_EQ(text_of(a.blocks[0]), "七里河公园已显现雏形。");
  EXPECT_EQ(a.blocks[0].line, 5);
}

TEST(ParseArticleErrors, UnclosedFrontMatter) {
  auto e = catch_input_error([] { parse_article("a", "dir/a.md", "+++\ntitle = \"标题\"\n\n正文。\n"); });
  expect_error_at(e, "dir/a.md", 1, {"+++", "closed"});
}

TEST(ParseArticleErrors, UnknownFrontMatterKeyNamesItsLine) {
  const std::string text =
      "+++\n"
      "title    = \"标题\"\n"
      "byline   = \"记者 某某\"\n"
      "subtitel = \"typo of subtitle\"\n"  // line 4
      "+++\n"
      "\n正文。\n";
  auto e = catch_input_error([&] { parse_article("a", "dir/a.md", text); });
  expect_error_at(e, "dir/a.md", 4, {"subtitel", "unknown"});
}

TEST(ParseArticleErrors, NonStringTitle) {
  const std::string text =
      "+++\n"
      "kicker = \"引题\"\n"
      "title  = 42\n"  // line 3
      "+++\n"
      "\n正文。\n";
  auto e = catch_input_error([&] { parse_article("a", "dir/a.md", text); });
  expect_error_at(e, "dir/a.md", 3, {"title", "string"});
}

TEST(ParseArticleErrors, FrontMatterTomlSyntaxErrorNamesItsLine) {
  const std::string text =
      "+++\n"
      "title  = \"标题\"\n"
      "byline = \"记者 某某\n"  // line 3: unterminated string
      "+++\n"
      "\n正文。\n";
  auto e = catch_input_error([&] { parse_article("a", "dir/a.md", text); });
  expect_error_at(e, "dir/a.md", 3, {});
}

TEST(ParseArticleErrors, InvalidUtf8NamesByteOffset) {
  const std::string head = "+++\ntitle = \"标题\"\n+++\n\n正文";  // body text starts on line 5
  struct Case {
    const char* name;
    std::string bad;
  };
  const Case cases[] = {
      {"stray continuation byte", "\xFF"},
      {"truncated three-byte sequence", "\xE6\x96"},
      {"overlong encoding of '/'", "\xC0\xAF"},
      {"UTF-16 surrogate", "\xED\xA0\x80"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string text = head + c.bad + "。\n";
    auto e = catch_input_error([&] { parse_article("a", "dir/a.md", text); });
    expect_error_at(e, "dir/a.md", 5, {"UTF-8", "byte offset " + std::to_string(head.size())});
  }
}

TEST(ParseArticleErrors, InvalidUtf8InFrontMatter) {
  const std::string head = "+++\nkicker = \"引题\"\ntitle = \"";
  const std::string text = head + "\xC3(\"\n+++\n\n正文。\n";  // line 3
  auto e = catch_input_error([&] { parse_article("a", "dir/a.md", text); });
  expect_error_at(e, "dir/a.md", 3, {"UTF-8", "byte offset " + std::to_string(head.size())});
}

TEST(ParseArticleErrors, MissingTitle) {
  const std::string text = "+++\nbyline = \"记者 某某\"\n+++\n\n正文有字，却没有标题。\n";
  auto e = catch_input_error([&] { parse_article("a", "dir/a.md", text); });
  expect_error_at(e, "dir/a.md", 1, {"title"});
}

// --- Issues --------------------------------------------------------------------

const char kIssueToml[] =
    "[paper]\n"                            // 1
    "name      = \"朔州日报\"\n"           // 2
    "sponsor   = \"中共朔州市委机关报\"\n"  // 3
    "publisher = \"朔州日报社出版\"\n"     // 4
    "cn        = \"CN14—0031\"\n"          // 5
    "\n"                                   // 6
    "[issue]\n"                            // 7
    "date   = 2024-05-07\n"                // 8
    "number = 9033\n"                      // 9
    "layout = \"broadsheet\"\n"            // 10
    "\n"                                   // 11
    "[[page]]\n"                           // 12
    "section = \"要闻\"\n"                 // 13
    "editor  = \"责任编辑 王某\"\n"        // 14
    "grid = \"\"\"\n"                      // 15
    "MMMMMMEE\n"                           // 16
    "AAAAAABB\n"                           // 17
    "AAAAAABB\n"                           // 18
    "CCCC..BB\n"                           // 19
    "\"\"\"\n"                             // 20
    "rows = [14, 40, 40, 40]\n"            // 21
    "[page.areas]\n"                       // 22
    "M = \"@masthead\"\n"                  // 23
    "E = \"ear\"\n"                        // 24
    "A = \"lead\"\n"                       // 25
    "B = \"summit\"\n"                     // 26
    "C = \"farm\"\n"                       // 27
    "\n"                                   // 28
    "[[page]]\n"                           // 29
    "section = \"经济\"\n"                 // 30
    "grid = \"\"\"\n"                      // 31
    "AAAABBBB\n"                           // 32
    "AAAABBBB\n"                           // 33
    "\"\"\"\n"                             // 34
    "[page.areas]\n"                       // 35
    "A = \"lead\"\n"                       // 36
    "B = \"farm\"\n";                      // 37

// Writes an issue folder with the given issue.toml and the four articles it names.
void write_issue(const TempDir& dir, const std::string& issue_toml) {
  dir.write("issue.toml", issue_toml);
  dir.write("ear.md", "+++\ntitle = \"报眼\"\n+++\n\n报眼正文。\n");
  dir.write("lead.md", "+++\ntitle = \"头条\"\nheadline = \"lead\"\n+++\n\n头条正文。\n\n## 小标题\n\n第二段。\n");
  dir.write("summit.md", "+++\ntitle = \"会晤\"\n+++\n\n会晤正文。\n");
  dir.write("farm.md", "+++\ntitle = \"农场\"\n+++\n\n农场正文。\n");
}

std::string issue_file(const TempDir& dir) { return (dir.path() / "issue.toml").string(); }

TEST(LoadIssue, ReadsPaperIssueAndPagePlan) {
  TempDir dir;
  write_issue(dir, kIssueToml);
  Issue is = load_issue(dir.str());
  EXPECT_EQ(is.dir, dir.str());
  EXPECT_EQ(is.file, issue_file(dir));
  EXPECT_EQ(is.paper.name, "朔州日报");
  EXPECT_EQ(is.paper.sponsor, "中共朔州市委机关报");
  EXPECT_EQ(is.paper.publisher, "朔州日报社出版");
  EXPECT_EQ(is.paper.cn, "CN14—0031");
  EXPECT_EQ(is.date, "2024-05-07");
  EXPECT_EQ(is.number, 9033);
  EXPECT_EQ(is.layout, "broadsheet");

  ASSERT_EQ(is.pages.size(), 2u);
  const PagePlan& p1 = is.pages[0];
  EXPECT_EQ(p1.number, 1);
  EXPECT_EQ(p1.section, "要闻");
  EXPECT_EQ(p1.editor, "责任编辑 王某");
  EXPECT_EQ(p1.line, 12);
  EXPECT_EQ(p1.grid, (std::vector<std::string>{"MMMMMMEE", "AAAAAABB", "AAAAAABB", "CCCC..BB"}));
  EXPECT_EQ(p1.row_lines, (std::vector<int>{14, 40, 40, 40}));

  // Areas in reading order (first cell, row-major); '.' is no area.
  struct Want {
    char letter;
    const char* module;
    int col, cols, row, rows;
  };
  const Want want[] = {
      {'M', "@masthead", 0, 6, 0, 1}, {'E', "ear", 6, 2, 0, 1},  {'A', "lead", 0, 6, 1, 2},
      {'B', "summit", 6, 2, 1, 3},    {'C', "farm", 0, 4, 3, 1},
  };
  ASSERT_EQ(p1.areas.size(), std::size(want));
  for (size_t i = 0; i < std::size(want); ++i) {
    const Area& a = p1.areas[i];
    SCOPED_TRACE(std::string("area ") + want[i].letter);
    EXPECT_EQ(a.letter, want[i].letter);
    EXPECT_EQ(a.module, want[i].module);
    EXPECT_EQ(a.col, want[i].col);
    EXPECT_EQ(a.cols, want[i].cols);
    EXPECT_EQ(a.row, want[i].row);
    EXPECT_EQ(a.rows, want[i].rows);
  }

  const PagePlan& p2 = is.pages[1];
  EXPECT_EQ(p2.number, 2);
  EXPECT_EQ(p2.line, 29);
  EXPECT_TRUE(p2.editor.empty());
  EXPECT_TRUE(p2.row_lines.empty());  // no `rows`: shared equally
  ASSERT_EQ(p2.areas.size(), 2u);
  EXPECT_EQ(p2.areas[0].module, "lead");
  EXPECT_EQ(p2.areas[0].rows, 2);
  EXPECT_EQ(p2.areas[1].module, "farm");
  EXPECT_EQ(p2.areas[1].col, 4);

  // Every article named by the plan, once; the built-in is no article.
  ASSERT_EQ(is.articles.size(), 4u);
  for (const char* id : {"ear", "lead", "summit", "farm"}) {
    ASSERT_TRUE(is.articles.count(id)) << id;
    EXPECT_EQ(is.articles.at(id).id, id);
    EXPECT_EQ(fs::path(is.articles.at(id).file), dir.path() / (std::string(id) + ".md"));
  }
  EXPECT_EQ(is.articles.at("lead").headline, "lead");
  ASSERT_EQ(is.articles.at("lead").blocks.size(), 3u);
  EXPECT_EQ(is.articles.at("lead").blocks[1].kind, BlockKind::Subhead);
}

TEST(LoadIssue, ReadsTheSampleIssue) {
  Issue is = load_issue(PAIBAN_SOURCE_DIR "/issues/2024-05-07");
  EXPECT_EQ(is.paper.name, "朔州日报");
  EXPECT_EQ(is.paper.cn, "CN14—0031");
  EXPECT_EQ(is.date, "2024-05-07");
  EXPECT_EQ(is.number, 9033);
  ASSERT_EQ(is.pages.size(), 4u);
  EXPECT_EQ(is.pages[0].areas.front().module, "@masthead");
  // `lead` flows from page 1 to page 2.
  int lead_pages = 0;
  for (const PagePlan& p : is.pages)
    for (const Area& a : p.areas) lead_pages += a.module == "lead";
  EXPECT_EQ(lead_pages, 2);
  for (const auto& [id, a] : is.articles) {
    EXPECT_FALSE(a.blocks.empty()) << id;
    if (a.title.empty()) {  // only a photo module may go without a title
      for (const Block& b : a.blocks) EXPECT_EQ(b.kind, BlockKind::Image) << id << " has no title";
    }
  }
  ASSERT_TRUE(is.articles.count("photo"));
  EXPECT_EQ(is.articles.at("photo").blocks.at(0).kind, BlockKind::Image);
}

TEST(LoadIssueErrors, TomlSyntaxErrorNamesItsLine) {
  TempDir dir;
  write_issue(dir, replaced(kIssueToml, "number = 9033\n", "number = 90 33\n"));  // line 9
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, issue_file(dir), 9, {});
}

TEST(LoadIssueErrors, UnterminatedStringNamesItsLine) {
  TempDir dir;
  write_issue(dir, replaced(kIssueToml, "name      = \"朔州日报\"\n", "name      = \"朔州日报\n"));  // line 2
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, issue_file(dir), 2, {});
}

TEST(LoadIssueErrors, MissingPaperTable) {
  TempDir dir;
  std::string toml = kIssueToml;
  toml.erase(0, toml.find("[issue]"));
  write_issue(dir, toml);
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, issue_file(dir), 1, {"[paper]"});
}

TEST(LoadIssueErrors, GridRowsOfDifferentLengths) {
  TempDir dir;
  const std::string toml = replaced(kIssueToml, "CCCC..BB\n", "CCCC..B\n");
  ASSERT_EQ(line_of(toml, "CCCC..B\n"), 19);
  write_issue(dir, toml);
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, issue_file(dir), 19, {"page 1", "grid"});
}

TEST(LoadIssueErrors, ModuleThatIsNotARectangle) {
  TempDir dir;
  // A becomes an L: rows 2-3 full width (6 columns), row 4 only 3 columns.
  const std::string toml = replaced(kIssueToml, "CCCC..BB\n", "AAAC..BB\n");
  write_issue(dir, toml);
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, issue_file(dir), 19, {"page 1", "'A'", "rectangle"});
}

TEST(LoadIssueErrors, ModuleInTwoPlaces) {
  TempDir dir;
  // E on the first row and again at the bottom right.
  const std::string toml = replaced(kIssueToml, "CCCC..BB\n", "CCCC..BE\n");
  write_issue(dir, toml);
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, issue_file(dir), 19, {"page 1", "'E'", "rectangle"});
}

TEST(LoadIssueErrors, LetterWithoutAreasEntry) {
  TempDir dir;
  const std::string toml = replaced(kIssueToml, "C = \"farm\"\n", "");
  write_issue(dir, toml);
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  // Named at the [page.areas] table of page 1, where the entry is missing.
  expect_error_at(e, issue_file(dir), 22, {"page 1", "'C'", "[page.areas]"});
}

TEST(LoadIssueErrors, UnknownArticleNamesIssueTomlAndPage) {
  TempDir dir;
  const std::string toml = replaced(kIssueToml, "B = \"farm\"\n", "B = \"nosuch\"\n");
  ASSERT_EQ(line_of(toml, "B = \"nosuch\""), 37);
  write_issue(dir, toml);
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  ASSERT_TRUE(e.has_value());
  const std::string what = e->what();
  EXPECT_EQ(e->file(), issue_file(dir)) << what;
  // Anywhere from page 2's [[page]] line to the entry that names the article.
  EXPECT_GE(e->line(), 29) << what;
  EXPECT_LE(e->line(), 37) << what;
  EXPECT_EQ(what.rfind(issue_file(dir) + ":" + std::to_string(e->line()) + ":", 0), 0u) << what;
  EXPECT_NE(what.find("page 2"), std::string::npos) << what;
  EXPECT_NE(what.find("nosuch"), std::string::npos) << what;
}

TEST(LoadIssueErrors, RowsCountNotMatchingGrid) {
  TempDir dir;
  const std::string toml = replaced(kIssueToml, "rows = [14, 40, 40, 40]\n", "rows = [14, 40, 40]\n");
  write_issue(dir, toml);
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, issue_file(dir), 21, {"'rows'", "3", "4"});
}

TEST(LoadIssueErrors, ArticleErrorNamesTheArticleFile) {
  TempDir dir;
  write_issue(dir, kIssueToml);
  dir.write("farm.md", "+++\ntitle = \"农场\"\nauthor = \"某某\"\n+++\n\n正文。\n");  // unknown key, line 3
  auto e = catch_input_error([&] { load_issue(dir.str()); });
  expect_error_at(e, (dir.path() / "farm.md").string(), 3, {"author"});
}


// --- Automatic makeup keys (docs/makeup.md) ----------------------------------

TEST(LoadIssue, PagesCountArticleListsAndUnplaced) {
  TempDir dir;
  std::string toml = std::string(kIssueToml).substr(0, std::string(kIssueToml).find("[[page]]"));
  toml = replaced(toml, "layout = \"broadsheet\"\n", "layout = \"broadsheet\"\npages = 3\nunplaced = [\"farm\"]\n");
  toml += "[[page]]\nsection = \"要闻\"\narticles = [\"lead\", \"@masthead\", \"summit\"]\n";
  write_issue(dir, toml);
  dir.write("brief.md", "+++\ntitle = \"简讯\"\npriority = 2\npage = 3\nsection = \"要闻\"\n+++\n\n正文。\n");
  Issue is = load_issue(dir.str());
  ASSERT_EQ(is.pages.size(), 3u);  // one [[page]] and two the planner makes up
  EXPECT_EQ(is.page_count, 3);
  EXPECT_TRUE(is.pages[0].grid.empty());
  EXPECT_EQ(is.pages[0].articles, (std::vector<std::string>{"lead", "@masthead", "summit"}));
  EXPECT_EQ(is.pages[2].number, 3);
  EXPECT_TRUE(is.pages[2].articles.empty());
  EXPECT_EQ(is.unplaced, std::vector<std::string>{"farm"});
  // Every .md file of the folder is read, named or not.
  ASSERT_EQ(is.articles.size(), 5u);
  const Article& b = is.articles.at("brief");
  EXPECT_EQ(b.priority, 2);
  EXPECT_EQ(b.page, 3);
  EXPECT_EQ(b.section, "要闻");
  EXPECT_FALSE(b.headline_named);
  EXPECT_TRUE(is.articles.at("lead").headline_named);
  EXPECT_EQ(is.articles.at("farm").priority, 0);
}

TEST(LoadIssue, NoPagesAtAllIsAnError) {
  TempDir dir;
  std::string toml = std::string(kIssueToml).substr(0, std::string(kIssueToml).find("[[page]]"));
  write_issue(dir, toml);
  std::optional<InputError> e;
  try {
    load_issue(dir.str());
  } catch (const InputError& x) {
    e = x;
  }
  expect_error_at(e, issue_file(dir), 1, {"no [[page]]", "pages = N"});
}

TEST(LoadIssueErrors, BadPlanKeysNameTheirLine) {
  struct Case {
    const char* extra;  // appended to the [issue] table
    const char* page;   // one [[page]] table
    const char* says;
    int line;           // in the file
  };
  std::string head = std::string(kIssueToml).substr(0, std::string(kIssueToml).find("[[page]]"));
  const Case cases[] = {
      {"pages = 0\n", "", "'pages' must be a page count", 11},
      {"pages = 1\n", "[[page]]\narticles = [\"lead\"]\n[[page]]\narticles = [\"farm\"]\n", "2 [[page]] tables", 11},
      {"unplaced = [\"nosuch\"]\n", "[[page]]\narticles = [\"lead\"]\n", "unknown article 'nosuch'", 11},
      {"", "[[page]]\narticles = [\"lead\", \"lead\"]\n", "names 'lead' twice", 13},
      {"", "[[page]]\narticles = \"lead\"\n", "list of article ids", 13},
      {"", "[[page]]\nrows = [10]\n", "'rows' without a 'grid'", 13},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.says);
    TempDir dir;
    std::string toml = replaced(head, "layout = \"broadsheet\"\n", std::string("layout = \"broadsheet\"\n") + c.extra);
    write_issue(dir, toml + c.page);
    std::optional<InputError> e;
    try {
      load_issue(dir.str());
    } catch (const InputError& x) {
      e = x;
    }
    expect_error_at(e, issue_file(dir), c.line, {c.says});
  }
}

TEST(ParseArticleErrors, PriorityAndPageAreCounts) {
  for (const char* fm : {"priority = 0", "priority = \"high\"", "page = 1.5"}) {
    SCOPED_TRACE(fm);
    std::optional<InputError> e;
    try {
      parse_article("x", "x.md", std::string("+++\ntitle = \"题\"\n") + fm + "\n+++\n\n正文。\n");
    } catch (const InputError& x) {
      e = x;
    }
    expect_error_at(e, "x.md", 3, {"whole number"});
  }
}

}  // namespace
}  // namespace paiban
