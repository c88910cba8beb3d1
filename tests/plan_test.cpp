// Automatic page makeup (engine/plan/, docs/makeup.md): the height solver, row
// heights fitted to the copy (level 1), pages drawn from their articles (level
// 2), articles shared out over pages (level 3), unplaced files, copy too long,
// stability and `paiban plan --write`.
#include "plan/plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include "fonts/fonts.h"
#include "pipeline/pipeline.h"
#include "plan/solve.h"
#include "style/layout.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

const std::string kRoot = PAIBAN_SOURCE_DIR;

struct Desk {
  Layout layout = load_layout(kRoot + "/layouts/broadsheet.toml");
  FontRegistry fonts{kRoot + "/fonts/fonts.toml"};
  PlannedIssue plan(const fs::path& dir, bool allow_overset = false) {
    Issue is = load_issue(dir.string());
    return plan_issue(is, layout, fonts, PlanOptions{allow_overset, nullptr});
  }
};

Desk& desk() {
  static Desk d;
  return d;
}

// The sample's issue.toml without its `rows` lines (level 1).
void drop_rows(const fs::path& toml) { spit(toml, std::regex_replace(slurp(toml), std::regex("rows = \\[.*\\]\\n"), "")); }

// The sample's issue.toml with each page's grid, rows and areas replaced by the
// list of its articles in order of importance (level 2).
void to_article_lists(const fs::path& toml) {
  const std::vector<std::string> lists = {
      R"(["lead", "summit", "photo", "meeting", "hospital", "book", "station", "farm"])",
      R"(["lead", "punctuation", "pageterms", "leadtype", "habits"])",
      R"(["laser", "movable", "sizes", "shuozhou"])",
      R"(["lixia", "press", "aesthetics", "typefaces"])"};
  std::string text = slurp(toml), out;
  size_t at = text.find("[[page]]");
  out = text.substr(0, at);
  for (const std::string& list : lists) {
    size_t grid = text.find("grid = \"\"\"", at);
    size_t next = text.find("[[page]]", grid);
    out += text.substr(at, grid - at) + "articles = " + list + "\n\n";
    at = next;
  }
  spit(toml, out);
}

// The sample's issue.toml with no [[page]] at all and `pages = 4` (level 3).
void to_page_count(const fs::path& toml) {
  std::string text = slurp(toml);
  text = text.substr(0, text.find("[[page]]"));
  spit(toml, std::regex_replace(text, std::regex("layout = \"broadsheet\"\n"), "layout = \"broadsheet\"\npages = 4\n"));
}

// Blank grid lines under the text of a made-up page's modules, at most.
int largest_white(const PlannedIssue& p, int page) {
  std::string key = "page " + std::to_string(page) + ": the copy is short: up to ";
  for (const Notice& n : p.notices)
    if (n.what.rfind(key, 0) == 0) return std::stoi(n.what.substr(key.size()));
  return 1;
}

std::string said(const PlannedIssue& p) {
  std::string s;
  for (const Notice& n : p.notices) s += n.what + "\n";
  return s;
}

int sum(const std::vector<int>& v) {
  int s = 0;
  for (int x : v) s += x;
  return s;
}

const Area& area_of(const PagePlan& p, const std::string& module) {
  for (const Area& a : p.areas)
    if (a.module == module) return a;
  throw std::logic_error("no module " + module);
}

int lines_of(const PagePlan& p, const Area& a) {
  int n = 0;
  for (int r = a.row; r < a.row + a.rows; ++r) n += p.row_lines[r];
  return n;
}

// --- The solver ----------------------------------------------------------------

TEST(PlanSolver, TextGetsItsNeedAndThePhotoTakesTheSlack) {
  // Cuts: 0 top, 1 foot, 2 between two stacked modules on the right.
  // Left: text needing 60 lines, full height. Right: text 30, then a photo 20..60.
  std::vector<plan::Demand> d(3);
  d[0] = {plan::Demand::Text, 0, 1, 60};
  d[1] = {plan::Demand::Text, 0, 2, 30};
  d[2].kind = plan::Demand::Flexible;
  d[2].top = 2, d[2].bottom = 1, d[2].lo = 20, d[2].hi = 60, d[2].target = 25;
  plan::Fitted f = plan::fit_heights(3, d, 1, 100);
  ASSERT_TRUE(f.fits);
  ASSERT_EQ(f.cuts.size(), 3u);
  EXPECT_EQ(f.cuts[1], 100);
  EXPECT_EQ(f.cuts[2], 40);  // the photo takes all it can (60); the right text keeps the other 10 as white
  EXPECT_EQ(f.white, 40);    // the left column has 40 lines more than its text, and nothing can take them
}

TEST(PlanSolver, TooMuchCopySaysByHowMuch) {
  std::vector<plan::Demand> d(2);
  d[0] = {plan::Demand::Text, 0, 2, 70};
  d[1] = {plan::Demand::Text, 2, 1, 50};
  plan::Fitted f = plan::fit_heights(3, d, 1, 100);
  EXPECT_FALSE(f.fits);
  EXPECT_EQ(f.over, 20);
  ASSERT_EQ(f.cuts.size(), 3u);  // still a plan, for --allow-overset
  EXPECT_EQ(f.cuts[1], 100);
}

TEST(PlanSolver, FlexibleNearestItsTarget) {
  std::vector<plan::Demand> d(2);
  d[0].kind = plan::Demand::Flexible;
  d[0].top = 0, d[0].bottom = 2, d[0].lo = 10, d[0].hi = plan::kFree, d[0].target = 45;
  d[1] = {plan::Demand::Text, 2, 1, 30};
  plan::Fitted f = plan::fit_heights(3, d, 1, 100);
  ASSERT_TRUE(f.fits);
  // The text below keeps at most the white the page forces: 100 - 45 - 30 = 25 would be
  // white under it, so the flexible module grows instead (white first, then targets).
  EXPECT_EQ(f.white, 0);
  EXPECT_EQ(f.cuts[2], 70);
}

// --- Level 1: grids without rows -------------------------------------------------

TEST(PlanLevel1, RowsFitEveryModuleAndKeepTheEditorsGrid) {
  IssueCopy copy;
  Issue hand = load_issue(copy.issue.string());
  drop_rows(copy.toml());
  PlannedIssue p = desk().plan(copy.issue);
  ASSERT_TRUE(p.ok()) << (p.notices.empty() ? "" : p.notices[0].what);
  ASSERT_EQ(p.issue.pages.size(), 4u);
  Copyfitter fit(p.issue, desk().layout, desk().fonts);
  for (size_t k = 0; k < 4; ++k) {
    const PagePlan& pg = p.issue.pages[k];
    SCOPED_TRACE("page " + std::to_string(pg.number));
    EXPECT_EQ(sum(pg.row_lines), desk().layout.lines);  // the type area, filled
    // The editor's picture stays: same letters, same modules in the same cells.
    ASSERT_EQ(pg.areas.size(), hand.pages[k].areas.size());
    for (size_t i = 0; i < pg.areas.size(); ++i) {
      EXPECT_EQ(pg.areas[i].letter, hand.pages[k].areas[i].letter);
      EXPECT_EQ(pg.areas[i].module, hand.pages[k].areas[i].module);
      EXPECT_EQ(pg.areas[i].col, hand.pages[k].areas[i].col);
      EXPECT_EQ(pg.areas[i].cols, hand.pages[k].areas[i].cols);
    }
  }
  // A story that does not jump gets at least the lines it needs (with its separator line).
  const PagePlan& p3 = p.issue.pages[2];
  for (const char* id : {"movable", "sizes"}) {
    const Area& a = area_of(p3, id);
    EXPECT_GE(lines_of(p3, a) - 1, fit.frame_lines(id, p.issue.articles.at(id).headline, a.cols)) << id;
  }
}

TEST(PlanLevel1, SixtyCharactersMoreInSummitChangeOnlyItsPage) {
  IssueCopy before, after;
  drop_rows(before.toml());
  drop_rows(after.toml());
  std::string md = slurp(after.issue / "summit.md");
  md += "\n双方一致同意，继续深化各领域务实合作，推动两国关系在新的历史起点上取得更大发展，造福两国人民。双方还就共同关心的问题交换了意见。\n";
  spit(after.issue / "summit.md", md);
  PlannedIssue a = desk().plan(before.issue), b = desk().plan(after.issue);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok()) << (b.notices.empty() ? "" : b.notices[0].what);
  EXPECT_NE(a.issue.pages[0].row_lines, b.issue.pages[0].row_lines);  // summit's page re-fitted
  const Area& lead_a = area_of(a.issue.pages[0], "lead");
  const Area& lead_b = area_of(b.issue.pages[0], "lead");
  EXPECT_EQ(lines_of(a.issue.pages[0], lead_a), lines_of(b.issue.pages[0], lead_b));  // the jump stays put
  for (size_t k = 1; k < 4; ++k) {
    EXPECT_EQ(a.issue.pages[k].row_lines, b.issue.pages[k].row_lines) << "page " << k + 1;
    EXPECT_EQ(a.issue.pages[k].grid, b.issue.pages[k].grid) << "page " << k + 1;
  }
}

// --- Unplaced files ------------------------------------------------------------

TEST(PlanUnplaced, AnArticleNoPagePlacesIsAnErrorUnlessListed) {
  IssueCopy copy;
  spit(copy.issue / "spare.md", "+++\ntitle = \"备用稿\"\n+++\n\n备用稿正文。\n");
  PlannedIssue p = desk().plan(copy.issue);
  EXPECT_FALSE(p.ok());
  bool named = false;
  for (const Notice& n : p.notices) named = named || (n.level == Notice::Error && n.file.find("spare.md") != std::string::npos);
  EXPECT_TRUE(named);
  std::string toml = slurp(copy.toml());
  const std::string key = "layout = \"broadsheet\"";
  toml.replace(toml.find(key), key.size(), key + "\nunplaced = [\"spare\"]");
  spit(copy.toml(), toml);
  EXPECT_TRUE(desk().plan(copy.issue).ok());
}

// --- Levels 2 and 3 on a small issue ----------------------------------------------

// An issue of `pages` pages made up by the engine from `n` articles of `chars` characters.
fs::path small_issue(const TempDir& dir, int pages, int n, int chars, const std::string& page_tables = "") {
  fs::path is = dir.path() / "2024-05-08";
  spit(is / "issue.toml", "[paper]\nname = \"朔州日报\"\n\n[issue]\ndate = 2024-05-08\nnumber = 9034\npages = " +
                              std::to_string(pages) + "\n\n" + page_tables);
  const std::string sentence = "朔州市聚焦发展新质生产力，精心谋划招商项目，着力优化投资环境，狠抓项目开工落地。";  // 40
  for (int i = 0; i < n; ++i) {
    std::string body;
    for (int c = 0; c < chars; c += 40) body += sentence + (c % 400 == 360 ? "\n\n" : "");
    char id[8];
    std::snprintf(id, sizeof id, "a%02d", i);
    spit(is / (std::string(id) + ".md"), "+++\ntitle = \"第" + std::to_string(i + 1) + "条新闻标题\"\npriority = " +
                                              std::to_string(i + 1) + "\n+++\n\n" + body + "\n");
  }
  return is;
}

TEST(PlanLevel3, EveryArticlePlacedLeadTopOfPageOneAndWidest) {
  TempDir dir;
  fs::path is = small_issue(dir, 2, 10, 1400);
  PlannedIssue p = desk().plan(is);
  ASSERT_TRUE(p.ok()) << (p.notices.empty() ? "" : p.notices[0].what);
  std::map<std::string, int> page_of;
  for (const PagePlan& pg : p.issue.pages)
    for (const Area& a : pg.areas) page_of[a.module] = pg.number;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(page_of.count("a0" + std::to_string(i))) << i;
  const PagePlan& p1 = p.issue.pages[0];
  EXPECT_EQ(p1.areas[0].module, "@masthead");
  EXPECT_EQ(p1.areas[0].row, 0);
  const Area& lead = area_of(p1, "a00");
  EXPECT_EQ(lead.row, 1);  // right under the masthead band
  for (const Area& a : p1.areas)
    if (a.module[0] != '@') { EXPECT_LE(a.cols, lead.cols) << a.module; }  // widest
  // More important stories on earlier pages.
  EXPECT_LE(page_of["a01"], page_of["a09"]);
  // Text modules 2 to 6 columns wide.
  for (const PagePlan& pg : p.issue.pages)
    for (const Area& a : pg.areas)
      if (a.module[0] != '@') {
        EXPECT_GE(a.cols, 2) << a.module;
        EXPECT_LE(a.cols, 6) << a.module;
      }
  // The lead gets the lead headline (it names none; it has priority 1).
  EXPECT_EQ(p.issue.articles.at("a00").headline, "lead");
  // The others by width: major from three columns, minor below.
  for (const PagePlan& pg : p.issue.pages)
    for (const Area& a : pg.areas)
      if (a.module[0] != '@' && a.module != "a00") {
        EXPECT_EQ(p.issue.articles.at(a.module).headline, a.cols >= 3 ? "major" : "minor") << a.module;
      }
}

// Copy short of the pages: the pages fill in order and the white stands at the
// foot of the last page, reported in column-lines, never as holes under stories;
// every page gets at least one story.
TEST(PlanLevel3, CopyShortOfTheIssueLeavesItsWhiteAtTheFootOfTheLastPage) {
  TempDir dir;
  fs::path is = small_issue(dir, 2, 6, 1400);
  PlannedIssue p = desk().plan(is);
  ASSERT_TRUE(p.ok()) << said(p);
  ASSERT_EQ(p.issue.pages.size(), 2u);
  const PagePlan& first = p.issue.pages[0];
  const PagePlan& last = p.issue.pages[1];
  for (const std::string& row : first.grid) EXPECT_EQ(row.find('.'), std::string::npos) << row;
  EXPECT_LE(largest_white(p, 1), 3) << said(p);
  EXPECT_LE(largest_white(p, 2), 3) << said(p);
  ASSERT_FALSE(last.areas.empty());
  // White cells only below every module of their column: none above a module.
  int white = 0;
  for (size_t c = 0; c < last.grid[0].size(); ++c) {
    bool seen_white = false;
    for (size_t r = 0; r < last.grid.size(); ++r) {
      bool w = last.grid[r][c] == '.';
      EXPECT_FALSE(seen_white && !w) << "a hole above a module in column " << c << "\n" << last.grid[r];
      seen_white = seen_white || w;
      if (w) white += last.row_lines[r];
    }
  }
  EXPECT_GT(white, 0);
  std::string key = "page 2: the copy is short of the page: " + std::to_string(white) + " column-lines";
  EXPECT_NE(said(p).find(key), std::string::npos) << said(p);
}

// A story too long for six columns of a page (a full-page feature) takes the
// page's width instead of failing the plan; the others stay two to six wide.
TEST(PlanLevel3, AStoryTooLongForSixColumnsTakesThePageWidth) {
  TempDir dir;
  fs::path is = small_issue(dir, 2, 4, 1400);
  const std::string sentence = "朔州市聚焦发展新质生产力，精心谋划招商项目，着力优化投资环境，狠抓项目开工落地。";
  std::string body;
  for (int c = 0; c < 9000; c += 40) body += sentence + (c % 400 == 360 ? "\n\n" : "");
  spit(is / "a03.md", "+++\ntitle = \"记者手记\"\npriority = 4\n+++\n\n" + body + "\n");
  PlannedIssue p = desk().plan(is);
  ASSERT_TRUE(p.ok()) << said(p);
  bool found = false;
  for (const PagePlan& pg : p.issue.pages)
    for (const Area& a : pg.areas) {
      if (a.module == "a03") {
        found = true;
        EXPECT_GT(a.cols, 6);
        EXPECT_LE(a.cols, desk().layout.columns);
      } else if (a.module[0] != '@') {
        EXPECT_LE(a.cols, 6) << a.module;
      }
    }
  EXPECT_TRUE(found);
}

// The masthead block is as tall as the layout says (`[masthead] lines`), give or
// take the lines that meet the 报眼 beside it; out of range is an error at its line.
TEST(PlanLevel3, MastheadBlockIsTheLayoutsHeight) {
  TempDir dir;
  fs::path is = small_issue(dir, 2, 10, 1400);
  for (int lines : {20, 30}) {
    Layout L = desk().layout;
    L.masthead.lines = lines;
    PlannedIssue p = plan_issue(load_issue(is.string()), L, desk().fonts, PlanOptions{});
    ASSERT_TRUE(p.ok()) << said(p);
    const PagePlan& p1 = p.issue.pages[0];
    const Area& m = area_of(p1, "@masthead");
    EXPECT_GE(lines_of(p1, m), lines - 2) << lines;
    EXPECT_LE(lines_of(p1, m), lines + 6) << lines;
  }
  broadsheet_error("lines = 20 ", "lines = 3 ");
}

TEST(PlanLevel3, CopyTooLongFailsNamingEachArticleAndLines) {
  TempDir dir;
  fs::path is = small_issue(dir, 1, 4, 6000);
  PlannedIssue p = desk().plan(is);
  ASSERT_FALSE(p.ok());
  std::string all;
  for (const Notice& n : p.notices) all += n.what + "\n";
  EXPECT_NE(all.find("page 1: the copy is"), std::string::npos) << all;
  for (const char* id : {"a00", "a01", "a02", "a03"}) EXPECT_NE(all.find(std::string(id) + " "), std::string::npos) << all;
  EXPECT_NE(all.find("characters"), std::string::npos) << all;
  // And nothing is written.
  fs::path out = dir.path() / "out.pdf";
  RunResult r = run(paiban_command("build " + quoted(is.string()) + " -o " + quoted(out.string())));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(fs::exists(out));
}

TEST(PlanLevel2, PageListingItsArticlesGetsModulesInImportanceOrder) {
  TempDir dir;
  fs::path is = small_issue(dir, 1, 5, 1200,
                            "[[page]]\nsection = \"要闻\"\narticles = [\"a00\", \"a01\", \"a02\", \"a03\", \"a04\"]\n");
  PlannedIssue p = desk().plan(is);
  std::string said;
  for (const Notice& n : p.notices) said += n.what + "\n";
  ASSERT_TRUE(p.ok()) << said;
  const PagePlan& pg = p.issue.pages[0];
  // Tiling: every cell of the grid is some module's (no holes); the copy is short of
  // this, the issue's last page, so the white stands in one row at its foot and is reported.
  ASSERT_GE(pg.grid.size(), 2u);
  EXPECT_EQ(pg.grid.back(), std::string(pg.grid.back().size(), '.'));
  for (size_t r = 0; r + 1 < pg.grid.size(); ++r) EXPECT_EQ(pg.grid[r].find('.'), std::string::npos) << pg.grid[r];
  EXPECT_NE(said.find("page 1: the copy is short of the page: "), std::string::npos) << said;
  // Higher first: each article starts no lower than the ones after it, the lead widest.
  const Area& lead = area_of(pg, "a00");
  for (const Area& a : pg.areas)
    if (a.module[0] != '@') { EXPECT_LE(a.cols, lead.cols) << a.module; }
  EXPECT_LE(area_of(pg, "a01").row, area_of(pg, "a04").row);
  // Each text module holds its copy: no overset in the build, and a note says why it sits there.
  EXPECT_EQ(p.notes.size(), pg.areas.size());
}

TEST(PlanLevel2, TheSampleFromArticleListsFitsEveryPage) {
  IssueCopy copy;
  to_article_lists(copy.toml());
  ASSERT_EQ(slurp(copy.toml()).find("grid ="), std::string::npos);
  PlannedIssue p = desk().plan(copy.issue);
  ASSERT_TRUE(p.ok()) << said(p);
  ASSERT_EQ(p.issue.pages.size(), 4u);
  for (const PagePlan& pg : p.issue.pages) {
    EXPECT_EQ(sum(pg.row_lines), desk().layout.lines) << "page " << pg.number;
    for (const std::string& row : pg.grid) EXPECT_EQ(row.find('.'), std::string::npos) << row;
    // No column shows more than three blank grid lines under its text.
    EXPECT_LE(largest_white(p, pg.number), 3) << "page " << pg.number << "\n" << said(p);
  }
  // The lead: on page 1 right under the masthead, the widest there, and jumped to page 2.
  const PagePlan& p1 = p.issue.pages[0];
  const Area& lead = area_of(p1, "lead");
  EXPECT_EQ(lead.row, 1);
  for (const Area& a : p1.areas)
    if (a.module[0] != '@') { EXPECT_LE(a.cols, lead.cols) << a.module; }
  EXPECT_NO_THROW(area_of(p.issue.pages[1], "lead"));
  // Built: no overset, every character of the copy in the PDF.
  TempDir out;
  RunResult r = run(paiban_command("build " + quoted(copy.issue.string()) + " -o " + quoted(out.file("l2.pdf"))));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("overset"), std::string::npos) << r.out;
  std::string text = run("pdftotext " + quoted(out.file("l2.pdf")) + " -").out;
  EXPECT_NE(text.find("上接第1版"), std::string::npos);
  EXPECT_NE(text.find("下转第2版"), std::string::npos);
}

TEST(PlanLevel2, SixtyCharactersMoreInSummitChangeOnlyItsPage) {
  IssueCopy before, after;
  to_article_lists(before.toml());
  to_article_lists(after.toml());
  std::string md = slurp(after.issue / "summit.md");
  md += "\n双方一致同意，继续深化各领域务实合作，推动两国关系在新的历史起点上取得更大发展，造福两国人民。双方还就共同关心的问题交换了意见。\n";
  spit(after.issue / "summit.md", md);
  PlannedIssue a = desk().plan(before.issue), b = desk().plan(after.issue);
  ASSERT_TRUE(a.ok()) << said(a);
  ASSERT_TRUE(b.ok()) << said(b);
  for (size_t k = 1; k < 4; ++k) {
    EXPECT_EQ(a.issue.pages[k].row_lines, b.issue.pages[k].row_lines) << "page " << k + 1;
    EXPECT_EQ(a.issue.pages[k].grid, b.issue.pages[k].grid) << "page " << k + 1;
  }
  // And the text of the other pages, the lead's continuation included, is the same.
  TempDir out;
  for (auto [copy, name] : {std::pair{&before, "a.pdf"}, std::pair{&after, "b.pdf"}}) {
    RunResult r = run(paiban_command("build " + quoted(copy->issue.string()) + " -o " + quoted(out.file(name))));
    ASSERT_EQ(r.exit_code, 0) << r.out;
  }
  auto page_text = [&](const char* name, int page) {
    std::string n = std::to_string(page);
    return run("pdftotext -layout -f " + n + " -l " + n + " " + quoted(out.file(name)) + " -").out;
  };
  EXPECT_NE(page_text("a.pdf", 1), page_text("b.pdf", 1));
  for (int page = 2; page <= 4; ++page) EXPECT_EQ(page_text("a.pdf", page), page_text("b.pdf", page)) << page;
}

TEST(PlanLevel3, TheSampleWithOnlyAPageCountFits) {
  IssueCopy copy;
  to_page_count(copy.toml());
  ASSERT_EQ(slurp(copy.toml()).find("[[page]]"), std::string::npos);
  PlannedIssue p = desk().plan(copy.issue);
  ASSERT_TRUE(p.ok()) << said(p);
  ASSERT_EQ(p.issue.pages.size(), 4u);
  std::map<std::string, int> page_of;
  for (const PagePlan& pg : p.issue.pages) {
    EXPECT_EQ(sum(pg.row_lines), desk().layout.lines) << "page " << pg.number;
    for (const Area& a : pg.areas) page_of[a.module] = pg.number;
  }
  for (const auto& [id, a] : p.issue.articles) EXPECT_TRUE(page_of.count(id)) << id;  // every article placed
  EXPECT_EQ(page_of["lead"], 1);
  // No hole a reader sees: at most three blank lines under a story, and white at
  // a page's foot only on the last page, where the copy runs out.
  for (int page = 1; page <= 4; ++page) {
    EXPECT_LE(largest_white(p, page), 3) << "page " << page << "\n" << said(p);
    if (page < 4) {
      EXPECT_EQ(said(p).find("page " + std::to_string(page) + ": the copy is short of the page"), std::string::npos)
          << said(p);
    }
  }
  const PagePlan& p1 = p.issue.pages[0];
  EXPECT_EQ(area_of(p1, "lead").row, 1);  // under the masthead
  TempDir out;
  RunResult r = run(paiban_command("build " + quoted(copy.issue.string()) + " -o " + quoted(out.file("l3.pdf"))));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("overset"), std::string::npos) << r.out;
}

// --- paiban plan --write -------------------------------------------------------------

// A 通栏 span drawn by the editor is written back as its table, not as a bare
// "@span" that would lose its title and not read back.
TEST(PlanWrite, ASpanIsWrittenBackWhole) {
  PagePlan p;
  p.number = 1;
  p.grid = {"SSSS", "AABB"};
  p.row_lines = {5, 40};
  Area s{'S', "@span", 0, 4, 0, 1, {}};
  s.span.over = "AB";
  s.span.title = "两会特别报道";
  p.areas = {s, Area{'A', "a00", 0, 2, 1, 1, {}}, Area{'B', "a01", 2, 2, 1, 1, {}}};
  std::string toml = page_toml(p);
  EXPECT_NE(toml.find("S = { span = \"AB\", title = \"两会特别报道\""), std::string::npos) << toml;
  EXPECT_EQ(toml.find("\"@span\""), std::string::npos) << toml;
}


// Build the copy automatically, write its plan with `paiban plan --write`, build
// again from the written plan: the same PDF, byte for byte, and the head kept.
void written_plan_builds_the_same(const IssueCopy& copy) {
  std::string head = slurp(copy.toml());
  head = head.substr(0, head.find("[[page]]"));
  TempDir out;
  RunResult a = run(paiban_command("build " + quoted(copy.issue.string()) + " -o " + quoted(out.file("auto.pdf"))));
  ASSERT_EQ(a.exit_code, 0) << a.out;
  RunResult w = run(paiban_command("plan " + quoted(copy.issue.string()) + " --write"));
  ASSERT_EQ(w.exit_code, 0) << w.out;
  EXPECT_NE(w.out.find("rewrote"), std::string::npos) << w.out;
  std::string written = slurp(copy.toml());
  EXPECT_EQ(written.substr(0, head.size()), head);  // comments and all, byte for byte
  EXPECT_NE(written.find("rows = ["), std::string::npos);
  EXPECT_NE(written.find("grid = "), std::string::npos);
  RunResult b = run(paiban_command("build " + quoted(copy.issue.string()) + " -o " + quoted(out.file("hand.pdf"))));
  ASSERT_EQ(b.exit_code, 0) << b.out;
  EXPECT_TRUE(slurp(out.path() / "auto.pdf") == slurp(out.path() / "hand.pdf"));
}

TEST(PlanWrite, WrittenPlanBuildsTheSamePdfAndKeepsTheHead) {
  IssueCopy copy;
  drop_rows(copy.toml());
  written_plan_builds_the_same(copy);
}

TEST(PlanWrite, WrittenLevel2PlanBuildsTheSamePdf) {
  IssueCopy copy;
  to_article_lists(copy.toml());
  written_plan_builds_the_same(copy);
}

}  // namespace
}  // namespace paiban
