// The whole path in one command: `paiban build COPY.txt` imports the seed copy
// and typesets the issue it makes; every story of the copy reaches the PDF.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "import/steps.h"
#include "support.h"

namespace paiban::test {
namespace {

// The Han characters of s: titles reach the page with their spaces and
// brackets set by the copy desk (U+3000, full-width), the characters unchanged.
std::u32string han(const std::string& s) {
  std::u32string out;
  for (char32_t c : import::u32(s))
    if (import::is_han(c)) out += c;
  return out;
}

const std::string kSeedCopy = PAIBAN_TEST_DATA "/seed/000_9cd99de5643e8486.txt";

TEST(ImportBuild, SeedCopyBuildsTheWholeIssueInOneCommand) {
  TempDir dir;
  std::string pdf = dir.file("seed.pdf");
  RunResult r = run_apart(paiban_command("build " + test::quoted(kSeedCopy) + " --root " PAIBAN_SOURCE_DIR " -o " + test::quoted(pdf)));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_NE(r.err.find("repairs (12)"), std::string::npos) << "the import report is printed";
  std::string text = without_space(pdf_text(pdf));
  for (const char* s : {"朔州日报", "2024年5月7日", "星期二", "甲辰年三月廿九", "第9033期", "CN14—0031"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // Every story, by its title as the import wrote it.
  RunResult imp = run_apart(paiban_command("import " + test::quoted(kSeedCopy) + " -o " + test::quoted(dir.file("x"))));
  ASSERT_EQ(imp.exit_code, 0) << imp.all();
  std::string sources;
  for (const auto& e : fs::directory_iterator(dir.file("x"))) {
    if (e.path().extension() != ".md") continue;
    sources += " " + test::quoted(e.path().string());
    Article a = parse_article(e.path().stem().string(), e.path().string(), slurp(e.path()));
    if (!a.title.empty()) {
      // Each part of a two-part title (they may stand on two lines of the headline).
      std::stringstream parts(a.title);
      for (std::string part; parts >> part;)
        EXPECT_NE(han(text).find(han(part)), std::u32string::npos) << a.title;
    }
  }
  if (!fs::exists("/usr/bin/python3") || !fs::exists(PAIBAN_SOURCE_DIR "/../shared/tools/pdfcheck"))
    GTEST_SKIP() << "pdfcheck is not beside the project";
  RunResult check = run_apart("/usr/bin/python3 " PAIBAN_SOURCE_DIR "/../shared/tools/pdfcheck " + test::quoted(pdf) +
                              " --source" + sources);
  for (const char* s : {"roundtrip=100.0%", "kinsoku=0 ", "split=0 ", "ragged=0 ", "overlaps=0 ", "outside=0 "})
    EXPECT_NE(check.out.find(s), std::string::npos) << s << "\n" << check.out;
}

// The imported issue, as `paiban import` writes it into `dir`: the report, the
// page count issue.toml asks for (0: none), whether it plans pages itself.
struct Imported {
  RunResult run;
  std::string report, toml;
  int pages = 0;
};

Imported import_into(const std::string& copy, const std::string& dir) {
  Imported im;
  im.run = run_apart(paiban_command("import " + test::quoted(copy) + " --root " PAIBAN_SOURCE_DIR " -o " + test::quoted(dir)));
  if (im.run.exit_code != 0) return im;
  im.report = slurp(fs::path(dir) / "import-report.txt");
  im.toml = slurp(fs::path(dir) / "issue.toml");
  Issue issue = load_issue(dir);
  bool planned = std::any_of(issue.pages.begin(), issue.pages.end(), [](const PagePlan& p) { return !p.grid.empty(); });
  im.pages = planned ? 0 : issue.page_count;
  return im;
}

// The seed's copy fills two pages; its masthead says 今日四版. The importer
// takes the fewest even count that holds the copy, says so, and warns that the
// masthead's count differs; the build makes up both pages with no overset.
TEST(ImportBuild, SeedIsMadeUpAutomaticallyOnTheFewestEvenPageCount) {
  TempDir dir;
  Imported im = import_into(kSeedCopy, dir.file("x"));
  ASSERT_EQ(im.run.exit_code, 0) << im.run.all();
  EXPECT_EQ(im.pages, 2) << im.toml;
  EXPECT_EQ(im.toml.find("[[page]]"), std::string::npos) << "no page plans: the engine makes them up\n" << im.toml;
  EXPECT_NE(im.report.find("makeup: automatic, 2 pages"), std::string::npos) << im.report;
  EXPECT_NE(im.report.find("tried 2)"), std::string::npos) << im.report;
  EXPECT_NE(im.report.find("line 7: the masthead says 4 pages but the copy makes up on 2"), std::string::npos) << im.report;
  EXPECT_NE(im.run.err.find("makeup: automatic"), std::string::npos) << "the report reaches stderr too";
  std::string pdf = dir.file("x.pdf");
  RunResult b = run_apart(paiban_command("build " + test::quoted(dir.file("x")) + " --root " PAIBAN_SOURCE_DIR " -o " + test::quoted(pdf)));
  ASSERT_EQ(b.exit_code, 0) << b.all();
  EXPECT_EQ(b.err.find("overset"), std::string::npos) << b.err;
  expect_pages(pdf, 2);
  // The lead under the masthead on page 1; every article on a page.
  EXPECT_NE(without_space(page_text(pdf, 1)).find("培育发展新质生产力"), std::string::npos);
  RunResult plan = run_apart(paiban_command("plan " + test::quoted(dir.file("x"))));
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  for (const auto& e : fs::directory_iterator(dir.file("x"))) {
    if (e.path().extension() != ".md") continue;
    EXPECT_NE(plan.out.find("\"" + e.path().stem().string() + "\""), std::string::npos) << e.path() << plan.out;
  }
}

// Another day's copy: the seed with its stories after the lead twice more. It
// needs more pages, still even, and builds with every story.
TEST(ImportBuild, LongerCopyTakesMorePagesAndBuilds) {
  TempDir dir;
  std::string seed = slurp(kSeedCopy);
  size_t rest = seed.find("\n## 习近平");
  ASSERT_NE(rest, std::string::npos);
  std::string copy = dir.write("long.txt", seed + seed.substr(rest) + seed.substr(rest)).string();
  Imported im = import_into(copy, dir.file("x"));
  ASSERT_EQ(im.run.exit_code, 0) << im.run.all();
  EXPECT_GT(im.pages, 2) << im.report;
  EXPECT_EQ(im.pages % 2, 0) << im.report;
  std::string pdf = dir.file("long.pdf");
  RunResult b = run_apart(paiban_command("build " + test::quoted(copy) + " --root " PAIBAN_SOURCE_DIR " -o " + test::quoted(pdf)));
  ASSERT_EQ(b.exit_code, 0) << b.all();
  expect_pages(pdf, im.pages);
  std::u32string text = han(pdf_text(pdf));
  size_t at = 0;
  for (int k = 0; k < 3; ++k) {
    at = text.find(han("假期施工不断档"), at);
    ASSERT_NE(at, std::u32string::npos) << "copy " << k + 1 << " of the story";
    ++at;
  }
}

// A story longer than any page cannot be made up without a jump, which only
// an editor's plan asks for: the import still writes pages that load (stacked)
// and the report says why, instead of failing or hiding it.
TEST(ImportBuild, CopyNoPageCountFitsIsStackedAndSaysSo) {
  TempDir dir;
  std::string para = "本报讯 记者调查发现，这座城市的公共交通在过去一年里有了很大变化，市民出行更加方便快捷。";
  // A title longer than a column is wide: its 上接 head takes more lines in one column than across the page.
  std::string copy = "# 朔州日报\n\n2024年5月7日 星期二 第9033期\n\n## 很长的一篇报道：城市公共交通一年来的变化与市民出行新体验\n\n";
  for (int i = 0; i < 500; ++i) copy += para + "\n\n";
  Imported im = import_into(dir.write("huge.txt", copy).string(), dir.file("x"));
  ASSERT_EQ(im.run.exit_code, 0) << im.run.all();
  EXPECT_EQ(im.pages, 0) << "stacked plans, not a page count\n" << im.toml;
  EXPECT_NE(im.toml.find("[[page]]"), std::string::npos) << im.toml;
  EXPECT_NE(im.report.find("makeup: stacked"), std::string::npos) << im.report;
  EXPECT_NE(im.report.find("automatic makeup fitted the copy on none of "), std::string::npos) << im.report;
  EXPECT_NE(im.report.find("lines too long for the page"), std::string::npos) << "the planner's reason\n" << im.report;
  // A paper prints in leaves of two pages: an odd count of stacked pages is said, an even one is not.
  size_t pages = 0;
  for (size_t at = im.toml.find("[[page]]"); at != std::string::npos; at = im.toml.find("[[page]]", at + 1)) ++pages;
  EXPECT_EQ(im.report.find("an odd count") != std::string::npos, pages % 2 == 1) << pages << " pages\n" << im.report;
  // The stacked pages build: the story taller than a page jumps on to the next
  // pages (measured as makeup sets it) instead of standing overset in one band.
  std::string pdf = dir.file("huge.pdf");
  RunResult b = run_apart(paiban_command("build " + test::quoted(dir.file("x")) + " --root " PAIBAN_SOURCE_DIR " -o " + test::quoted(pdf)));
  ASSERT_EQ(b.exit_code, 0) << b.all();
  std::u32string text = han(pdf_text(pdf)), phrase = han("方便快捷");
  int found = 0;
  for (size_t at = text.find(phrase); at != std::u32string::npos; at = text.find(phrase, at + 1)) ++found;
  EXPECT_EQ(found, 500) << "every paragraph of the story in the PDF";
  // Each part measured with its 上接 head as wide as its frame: no page is left
  // holding an empty continuation (the text ended before it).
  EXPECT_EQ(b.all().find("is empty"), std::string::npos) << b.all();
}

}  // namespace
}  // namespace paiban::test
