// paiban import, element by element: each recognised shape and each repair,
// and the texts where a heuristic must not fire.
#include <gtest/gtest.h>

#include "import/import.h"
#include "import/steps.h"
#include "model/issue.h"
#include "support.h"

namespace paiban {
namespace {

using test::text_of;

const std::string kHead = "# 测试日报\n\n2024年5月7日 星期二 第1期\n\n";  // 4 lines

ImportedIssue imp(const std::string& copy) { return import_copy(kHead + copy, "copy.txt"); }

// The article as the engine reads it back.
Article read(const ImportedArticle& a) { return parse_article(a.id, a.id + ".md", article_markdown(a)); }

int count(const ImportedIssue& is, ImportNote::Kind k) {
  int n = 0;
  for (const ImportNote& note : is.notes) n += note.kind == k;
  return n;
}

TEST(ImportMasthead, AnotherPapersMastheadIsRead) {
  ImportedIssue is = import_copy(
      "北方晚报\n北方日报社主办 北方晚报社出版\n2023年10月1日 星期日 农历癸卯年八月十七 总第12345期 本期十二版\n"
      "国内统一刊号：CN 11-0001\n\n## 标题\n\n正文第一段。\n",
      "p.txt");
  EXPECT_EQ(is.name, "北方晚报");
  EXPECT_EQ(is.sponsor, "北方日报社主办");
  EXPECT_EQ(is.publisher, "北方晚报社出版");
  EXPECT_EQ(is.date, "2023-10-01");
  EXPECT_EQ(is.number, 12345);
  EXPECT_EQ(is.pages, 12);
  EXPECT_EQ(is.cn, "CN 11-0001");
  EXPECT_EQ(count(is, ImportNote::Warning), 0) << import_report(is);
  ASSERT_EQ(is.articles.size(), 1u);
  EXPECT_EQ(is.articles[0].title, "标题");
}

TEST(ImportMasthead, WrongWeekdayAndLunarDateAreWarningsNamingTheLine) {
  ImportedIssue is = import_copy("# 朔州日报\n\n2024年5月7日 星期三 农历甲辰年三月廿八 第9033期\n\n## 标题\n\n正文。\n", "p.txt");
  ASSERT_EQ(count(is, ImportNote::Warning), 2) << import_report(is);
  std::string report = import_report(is);
  EXPECT_NE(report.find("line 3: the masthead prints 星期三 but 2024-05-07 is 星期二"), std::string::npos) << report;
  EXPECT_NE(report.find("line 3: the masthead prints 农历甲辰年三月廿八 but 2024-05-07 is 农历甲辰年三月廿九"), std::string::npos)
      << report;
  EXPECT_EQ(is.number, 9033) << "the typed number is kept";
}

TEST(ImportMasthead, CopyWithoutADateIsAnErrorNamingTheFile) {
  auto err = test::catch_input_error([] { import_copy("## 标题\n\n正文。\n", "nodate.txt"); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->file(), "nodate.txt");
  EXPECT_NE(std::string(err->what()).find("no date"), std::string::npos);
}

struct DatelineCase {
  std::string paragraph, dateline, body;
};

TEST(ImportDateline, AgenciesAndPapersOpeningTheFirstParagraph) {
  const DatelineCase cases[] = {
      {"本报讯（记者 张三 通讯员 李四）今天上午，会议召开。", "本报讯（记者 张三 通讯员 李四）", "今天上午，会议召开。"},
      {"新华社北京5月6日电（记者 王五）国务院今天召开常务会议。", "新华社北京5月6日电（记者 王五）", "国务院今天召开常务会议。"},
      {"据新华社电 国家统计局今天发布数据。", "据新华社电", "国家统计局今天发布数据。"},
      {"中新网上海5月6日电 上海今天迎来降雨。", "中新网上海5月6日电", "上海今天迎来降雨。"},
      {"本报北京5月6日讯 记者从教育部获悉，高考报名人数创新高。", "本报北京5月6日讯", "记者从教育部获悉，高考报名人数创新高。"},
      {"人民日报东京5月6日电（记者 赵六）日本政府宣布。", "人民日报东京5月6日电（记者 赵六）", "日本政府宣布。"},
      {"央视网消息：今天，全国铁路迎来返程高峰。", "央视网消息：", "今天，全国铁路迎来返程高峰。"},
      // Not datelines: sentences that only begin like one.
      {"国家电网公司今天宣布，将新建特高压线路。", "", "国家电网公司今天宣布，将新建特高压线路。"},
      {"新华社记者在现场看到，救援仍在进行。", "", "新华社记者在现场看到，救援仍在进行。"},
  };
  for (const DatelineCase& c : cases) {
    ImportedIssue is = imp("## 标题\n\n" + c.paragraph + "\n");
    ASSERT_EQ(is.articles.size(), 1u) << c.paragraph;
    Article a = read(is.articles[0]);
    EXPECT_EQ(a.dateline, c.dateline) << c.paragraph;
    ASSERT_FALSE(a.blocks.empty());
    EXPECT_EQ(text_of(a.blocks[0]), c.body) << c.paragraph;
  }
}

TEST(ImportHeadline, BylinesOfReportersCorrespondentsAndPhotographers) {
  for (std::string byline : {"本报记者 张三 通讯员 李四", "文/图 王五", "记者 欧阳小明", "实习生 赵六", "特约记者 司马光"}) {
    ImportedIssue is = imp("## 标题\n\n" + byline + "\n\n正文第一段，写得很长很长。\n");
    ASSERT_EQ(is.articles.size(), 1u);
    EXPECT_EQ(is.articles[0].byline, byline);
    EXPECT_EQ(is.articles[0].subtitle, "");
  }
}

TEST(ImportHeadline, BannerKickerTitleSubtitleFromShapeAndPosition) {
  ImportedIssue is = imp(
      "## 奋进新征程\n\n### 绿水青山 就是金山银山\n\n——我市生态建设纪实\n\n记者 张三\n\n正文一。\n\n"
      "聚焦民生\n\n市第一医院：\n\n## 专家坐诊 群众受益\n\n本报讯 正文二。\n\n"
      "县城新貌：\n\n## 老街换新颜\n\n正文三。\n");
  ASSERT_EQ(is.articles.size(), 3u) << import_report(is);
  const ImportedArticle &a = is.articles[0], &b = is.articles[1], &c = is.articles[2];
  EXPECT_EQ(a.section, "奋进新征程");
  EXPECT_EQ(a.title, "绿水青山 就是金山银山") << "a title with a space in it stays one title";
  EXPECT_EQ(a.subtitle, "——我市生态建设纪实");
  EXPECT_EQ(a.byline, "记者 张三");
  EXPECT_EQ(b.section, "聚焦民生");
  EXPECT_EQ(b.kicker, "市第一医院：");
  EXPECT_EQ(b.title, "专家坐诊 群众受益");
  EXPECT_EQ(b.dateline, "本报讯");
  EXPECT_EQ(c.section, "");
  EXPECT_EQ(c.kicker, "县城新貌：");
  EXPECT_EQ(c.priority, 3);
  EXPECT_EQ(a.headline, "lead");
}

TEST(ImportBody, BoldLinesAreSubheadsAndInlineBoldStays) {
  ImportedIssue is = imp("## 标题\n\n第一段，有**重点**。\n\n**一、加快发展**\n\n第二段。\n");
  Article a = read(is.articles[0]);
  ASSERT_EQ(a.blocks.size(), 3u);
  EXPECT_EQ(a.blocks[1].kind, BlockKind::Subhead);
  EXPECT_EQ(text_of(a.blocks[1]), "一、加快发展");
  ASSERT_EQ(a.blocks[0].spans.size(), 3u);
  EXPECT_TRUE(a.blocks[0].spans[1].bold);
}

TEST(ImportBody, CaptionsWithCreditsBecomePhotoArticles) {
  ImportedIssue is = imp("## 标题\n\n正文。\n\n游客在古城游览。（新华社记者 李四 摄）\n\n春耕正忙。 张三 摄\n");
  ASSERT_EQ(is.articles.size(), 3u);
  const ImportedArticle &p = is.articles[1], &q = is.articles[2];
  EXPECT_TRUE(p.photo);
  EXPECT_EQ(p.caption, "游客在古城游览。");
  EXPECT_EQ(p.credit, "（新华社记者 李四 摄）") << "kept as typed";
  EXPECT_EQ(q.caption, "春耕正忙。");
  EXPECT_EQ(q.credit, "张三 摄");
  EXPECT_EQ(p.image, "images/" + p.id + ".png");
  Article a = read(p);
  ASSERT_EQ(a.blocks.size(), 1u);
  EXPECT_EQ(a.blocks[0].kind, BlockKind::Image);
  // A sentence that ends in 摄 without a credit's shape stays text.
  ImportedIssue r = imp("## 标题\n\n他们正在现场进行拍摄\n");
  EXPECT_EQ(r.articles.size(), 1u);
}

TEST(ImportBody, PlainTextWithBlankLineParagraphs) {
  ImportedIssue is = imp(
      "培育发展新质生产力\n我市推进重点项目建设纪实\n记者 赵娟娟\n\n第一段，讲项目。\n\n第二段，讲人才。\n\n"
      "市长办公会议召开\n\n本报讯（记者 符焯邦）5月6日，会议召开。\n");
  ASSERT_EQ(is.articles.size(), 2u) << import_report(is);
  EXPECT_EQ(is.articles[0].title, "培育发展新质生产力");
  EXPECT_EQ(is.articles[0].subtitle, "我市推进重点项目建设纪实");
  EXPECT_EQ(is.articles[0].byline, "记者 赵娟娟");
  EXPECT_EQ(is.articles[0].body.size(), 2u);
  EXPECT_EQ(is.articles[1].title, "市长办公会议召开");
  EXPECT_EQ(is.articles[1].dateline, "本报讯（记者 符焯邦）");
}

TEST(ImportBody, FullWidthIndentsMarkParagraphsAndHardWrapsJoin) {
  ImportedIssue is = imp(
      "## 标题\n　　第一段的第一行，文字很长很长很长很长，\n接着写第一段的第二行。\n　　第二段，"
      "另起一行。\n");
  ASSERT_EQ(is.articles.size(), 1u);
  ASSERT_EQ(is.articles[0].body.size(), 2u) << import_report(is);
  EXPECT_EQ(is.articles[0].body[0].text, "第一段的第一行，文字很长很长很长很长，接着写第一段的第二行。");
  EXPECT_EQ(is.articles[0].body[1].text, "第二段，另起一行。");
}

TEST(ImportRepair, ParagraphBrokenMidSentenceIsJoinedAndReported) {
  ImportedIssue is = imp("## 标题\n\n在资源型城市转型升级的进程中，新质生产力的应用显得尤为重要。与传统\n\n质态生产力相比较，新质生产力是新质态。\n");
  ASSERT_EQ(is.articles[0].body.size(), 1u);
  EXPECT_EQ(is.articles[0].body[0].text, "在资源型城市转型升级的进程中，新质生产力的应用显得尤为重要。与传统质态生产力相比较，新质生产力是新质态。");
  ASSERT_EQ(count(is, ImportNote::Repair), 1);
  EXPECT_NE(import_report(is).find("line 7: joined line 7 to line 9"), std::string::npos) << import_report(is);
}

TEST(ImportRepair, ParagraphsThatReallyEndWithoutAFullStopStayApart) {
  const char* copies[] = {
      // ends in a colon, then the quote it announces
      "## 标题\n\n他在会上说了这样一段话，大意如下：\n\n“我们要把事情办好。”\n",
      // ends without a stop, and the next opens with a quotation
      "## 标题\n\n记者来到现场，看到工人们正在紧张施工\n\n“今年一定要完工！”项目经理说。\n",
      // a short closing line
      "## 标题\n\n会议要求各地抓好落实。\n\n（完）\n\n后面还有一段说明文字，写得很长很长。\n",
      // an enumerated list
      "## 标题\n\n会议部署了三方面工作，具体如下几个方面\n\n一、抓好安全生产，确保万无一失。\n",
      // an address at the end
      "## 标题\n\n详情请登录政府网站查询，网址是 www.example.gov.cn\n\n报名截止时间为5月20日。\n",
  };
  for (const char* c : copies) {
    ImportedIssue is = imp(c);
    EXPECT_EQ(count(is, ImportNote::Repair), 0) << c << "\n" << import_report(is);
  }
}

TEST(ImportRepair, StrayLatinWordsAreFlaggedNotNamesOrUnits) {
  ImportedIssue is = imp("## 标题\n\n挖掘机、推土机、搅拌机 etc 施工车辆分列左右。\n");
  ASSERT_EQ(count(is, ImportNote::Flag), 1);
  EXPECT_NE(import_report(is).find("line 7: stray Latin word 'etc'"), std::string::npos);
  EXPECT_NE(is.articles[0].body[0].text.find("etc"), std::string::npos) << "flagged, never translated";
  ImportedIssue ok = imp(
      "## 标题\n\n法国总统 Emmanuel Macron 表示欢迎。项目包括10GW单晶硅片和5kg装样品，用 iPhone 拍摄，"
      "时速250km/h，见 https://example.com/a 网页。\n");
  EXPECT_EQ(count(ok, ImportNote::Flag), 0) << import_report(ok);
}

TEST(ImportRepair, HalfWidthPunctuationIsCountedAndLeftAsTyped) {
  ImportedIssue is = imp("## 标题\n\n本报讯(记者 张三)今天,会议召开:研究工作。价格为1,000元。\n");
  EXPECT_EQ(is.halfwidth, 4);
  EXPECT_EQ(is.articles[0].dateline, "本报讯(记者 张三)");
}

TEST(ImportWrite, MarkdownCharactersOfTheCopyStayText) {
  std::string p = "1. 第一条 *重点* _注意_ [链接](x) <b> &amp; 5*3 # 号 \\ 反斜杠";
  ImportedIssue is = imp("## 标题 [新]\n\n" + p + "\n\n- 列表样的行，其实是正文。\n\n+ 加号开头。\n");
  Article a = read(is.articles[0]);
  EXPECT_EQ(a.title, "标题 [新]");
  ASSERT_EQ(a.blocks.size(), 3u);
  EXPECT_EQ(text_of(a.blocks[0]), p);
  EXPECT_EQ(text_of(a.blocks[1]), "- 列表样的行，其实是正文。");
  EXPECT_EQ(text_of(a.blocks[2]), "+ 加号开头。");
}

TEST(ImportWrite, TextBeforeTheFirstTitleIsKeptAndListed) {
  ImportedIssue is = imp("编者按：这是一段没有标题的文字，放在最前面。\n\n## 标题\n\n正文。\n");
  ASSERT_EQ(is.articles.size(), 2u);
  EXPECT_EQ(is.articles[0].title, "（未归类稿件）");
  EXPECT_EQ(count(is, ImportNote::Unclassified), 1);
}

TEST(ImportWrite, EveryCharacterIsAccountedForOrTheImportFails) {
  ImportedIssue is = imp("## 标题\n\n正文一段。\n");
  import::Unit u;
  u.text = "标题正文一段。";
  EXPECT_NO_THROW(import::check_accounted(is, import::copy_text({u})));
  u.text = "标题正文一段。多";
  EXPECT_THROW(import::check_accounted(is, import::copy_text({u})), std::logic_error);
  is.articles[0].body[0].text += "加";
  u.text = "标题正文一段。";
  EXPECT_THROW(import::check_accounted(is, import::copy_text({u})), std::logic_error);
}

TEST(ImportWrite, DuplicateTitlesGetDistinctIds) {
  ImportedIssue is = imp("## 简讯\n\n第一条。\n\n## 简讯\n\n第二条。\n\n## AI 赋能\n\n第三条。\n");
  ASSERT_EQ(is.articles.size(), 3u);
  EXPECT_EQ(is.articles[0].id, "jianxun");
  EXPECT_EQ(is.articles[1].id, "jianxun-2");
  EXPECT_EQ(is.articles[2].id, "aifuneng");
}

TEST(ImportCli, WritesTheFolderRefusesToOverwriteAndReportsOnStderr) {
  test::TempDir dir;
  std::string out = dir.file("issue");
  test::RunResult r = test::run_apart(test::paiban_command("import " + test::quoted(PAIBAN_TEST_DATA "/seed/000_9cd99de5643e8486.txt") +
                                                           " -o " + test::quoted(out)));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_NE(r.err.find("repairs (12)"), std::string::npos) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out + "/issue.toml"));
  EXPECT_TRUE(std::filesystem::exists(out + "/peiyufazhanxin.md"));
  EXPECT_NE(test::slurp(out + "/import-report.txt").find("flags (1)"), std::string::npos);
  test::RunResult again = test::run_apart(test::paiban_command("import " + test::quoted(PAIBAN_TEST_DATA "/seed/000_9cd99de5643e8486.txt") +
                                                               " -o " + test::quoted(out)));
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  test::RunResult forced = test::run_apart(test::paiban_command("import " + test::quoted(PAIBAN_TEST_DATA "/seed/000_9cd99de5643e8486.txt") +
                                                                " -o " + test::quoted(out) + " --force"));
  EXPECT_EQ(forced.exit_code, 0) << forced.all();
}

}  // namespace
}  // namespace paiban

namespace paiban {
namespace {

// Another daily's copy, as its system exports it: CRLF, a plain masthead,
// full-width indents and spaces, hard-wrapped lines, a ■ byline.
TEST(ImportBody, AnotherDailysPlainCopyWithIndentsAndCrlf) {
  std::string copy =
      "北方晚报\r\n北方日报社主办　北方晚报社出版\r\n2023年10月1日　星期日　农历癸卯年八月十七　总第12345期　今日八版\r\n"
      "国内统一刊号：CN11-0001　邮发代号：1-23\r\n\r\n国庆假期首日 全市景区人气旺\r\n■本报记者 李明 通讯员 王芳\r\n"
      "　　本报讯　10月1日，国庆假期第一天，全市各大景区迎来客流高峰。据统计，当天共接待游客\r\n12.5万人次。\r\n"
      "　　市文旅局相关负责人表示，将持续做好安全保障工作\r\n　　确保游客玩得开心、玩得放心。\r\n\r\n"
      "新华社北京10月1日电　国务院办公厅发布通知。\r\n\r\n图为游客在古城游览。　新华社记者 赵强 摄\r\n";
  ImportedIssue is = import_copy(copy, "other.txt");
  EXPECT_EQ(is.name, "北方晚报");
  EXPECT_EQ(is.pages, 8);
  ASSERT_EQ(is.articles.size(), 2u) << import_report(is);
  const ImportedArticle& a = is.articles[0];
  EXPECT_EQ(a.title, "国庆假期首日 全市景区人气旺");
  EXPECT_EQ(a.byline, "■本报记者 李明 通讯员 王芳");
  EXPECT_EQ(a.dateline, "本报讯");
  ASSERT_EQ(a.body.size(), 3u);
  EXPECT_EQ(a.body[0].text, "10月1日，国庆假期第一天，全市各大景区迎来客流高峰。据统计，当天共接待游客12.5万人次。");
  EXPECT_EQ(a.body[1].text, "市文旅局相关负责人表示，将持续做好安全保障工作确保游客玩得开心、玩得放心。");
  EXPECT_EQ(count(is, ImportNote::Repair), 1);
  std::string report = import_report(is);
  EXPECT_NE(report.find("line 13: a dateline opens a paragraph inside"), std::string::npos) << report;
  EXPECT_EQ(report.find("masthead text not used"), std::string::npos) << "邮发代号 is known furniture";
  EXPECT_EQ(is.articles[1].caption, "图为游客在古城游览。");
  EXPECT_EQ(is.articles[1].credit, "新华社记者 赵强 摄");
}

}  // namespace
}  // namespace paiban
