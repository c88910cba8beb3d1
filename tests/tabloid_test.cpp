// The 四开 tabloid: layouts/tabloid.toml and a two-page test issue on it
// (tests/data/tabloid), built with the real `paiban` command line and checked
// from outside with poppler-utils and qpdf; and both layouts' grids checked
// against their trim.
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "style/layout.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

constexpr double kMm = 72.0 / 25.4;  // pt per mm

const std::string kIssue = PAIBAN_TEST_DATA "/tabloid";

std::string layout_file(const std::string& name) { return std::string(PAIBAN_SOURCE_DIR) + "/layouts/" + name + ".toml"; }

// One build of the tabloid issue per test process, with the fit report.
const PdfBuild& tabloid() {
  static const PdfBuild b(kIssue, "tabloid.pdf", "--report");
  return b;
}

#define REQUIRE_TABLOID_PDF() REQUIRE_PDF(tabloid())

// Page `page` of the tabloid's text layer, without white space.
std::string page_text(int page) { return without_space(test::page_text(tabloid().pdf, page)); }

struct Box {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width() const { return x2 - x1; }
  double height() const { return y2 - y1; }
};

// "Page    1 TrimBox:  8.50  8.50  773.86 1114.02" lines of `pdfinfo -box -f 1 -l N`.
std::map<int, std::map<std::string, Box>> page_boxes(const std::string& pdfinfo) {
  std::map<int, std::map<std::string, Box>> out;
  std::istringstream lines(pdfinfo);
  for (std::string l; std::getline(lines, l);) {
    std::istringstream w(l);
    std::string word, name;
    int page = 0;
    Box b;
    if (!(w >> word) || word != "Page" || !(w >> page >> name)) continue;
    if (name.size() < 4 || name.compare(name.size() - 4, 4, "Box:") != 0) continue;
    if (w >> b.x1 >> b.y1 >> b.x2 >> b.y2) out[page][name.substr(0, name.size() - 1)] = b;
  }
  return out;
}

TEST(Tabloid, BuildsWithExitCodeZero) {
  const PdfBuild& t = tabloid();
  EXPECT_EQ(t.result.exit_code, 0) << t.result.out;
  EXPECT_TRUE(fs::exists(t.pdf)) << t.result.out;
  EXPECT_NE(t.result.out.find("wrote " + t.pdf.string()), std::string::npos) << t.result.out;
}

TEST(Tabloid, HasTwoPages) {
  REQUIRE_TABLOID_PDF();
  expect_pages(tabloid().pdf, 2);
}

TEST(Tabloid, PagesAre270By390MillimetresPlusBleed) {
  REQUIRE_TABLOID_PDF();
  const RunResult r = run("pdfinfo -box -f 1 -l 2 " + quoted(tabloid().pdf.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto boxes = page_boxes(r.out);
  ASSERT_EQ(boxes.size(), 2u) << r.out;
  const double tol = 0.1;  // pt: pdfinfo prints two decimals
  for (const auto& [page, b] : boxes) {
    ASSERT_TRUE(b.count("TrimBox") && b.count("MediaBox")) << "page " << page << ":\n" << r.out;
    const Box& trim = b.at("TrimBox");
    const Box& media = b.at("MediaBox");
    EXPECT_NEAR(trim.width(), 270 * kMm, tol) << "page " << page << " trim width";
    EXPECT_NEAR(trim.height(), 390 * kMm, tol) << "page " << page << " trim height";
    // 3 mm of bleed on every side, the trim centred in the media box.
    EXPECT_NEAR(media.width(), (270 + 2 * 3) * kMm, tol) << "page " << page;
    EXPECT_NEAR(media.height(), (390 + 2 * 3) * kMm, tol) << "page " << page;
    EXPECT_NEAR(trim.x1 - media.x1, 3 * kMm, tol) << "page " << page;
    EXPECT_NEAR(trim.y1 - media.y1, 3 * kMm, tol) << "page " << page;
  }
}

TEST(Tabloid, LeadJumpsFromPageOneToPageTwo) {
  REQUIRE_TABLOID_PDF();
  const std::string one = page_text(1), two = page_text(2);
  EXPECT_NE(one.find("（下转第2版）"), std::string::npos) << "page 1 text:\n" << one;
  EXPECT_NE(two.find("（上接第1版）"), std::string::npos) << "page 2 text:\n" << two;
  EXPECT_EQ(one.find("（上接第"), std::string::npos) << "page 1 text:\n" << one;
  EXPECT_EQ(two.find("（下转第"), std::string::npos) << "page 2 text:\n" << two;
}

TEST(Tabloid, FrontPageCarriesMastheadAndIssueData) {
  REQUIRE_TABLOID_PDF();
  const std::string one = page_text(1);
  for (const char* want : {"朔州日报", "2024年5月8日", "星期三", "第9034期", "今日二版", "CN14—0031"})
    EXPECT_NE(one.find(want), std::string::npos) << "page 1 lacks " << want << "; page 1 text:\n" << one;
}

TEST(Tabloid, QpdfCheckPasses) {
  REQUIRE_TABLOID_PDF();
  expect_qpdf_check_passes(tabloid().pdf);
}

// The page plan's rows are sized to the copy: nothing overset, no frame more
// than 2 lines short. If a change in the engine moves a line or two, resize
// the rows in tests/data/tabloid/issue.toml with `paiban fit` and --report.
TEST(Tabloid, EveryFrameFitsItsCopy) {
  REQUIRE_TABLOID_PDF();
  std::istringstream lines(tabloid().result.out);
  std::set<std::pair<int, std::string>> seen;
  for (std::string l; std::getline(lines, l);) {
    std::istringstream w(l);
    // page frm article cols used/avail needed overset underset widows orphans subheads adjusted images
    int page = 0, cols = 0, needed = 0, underset = 0, overset = 0;
    std::string letter, module, fit;
    if (!(w >> page >> letter >> module >> cols >> fit >> needed >> overset >> underset)) continue;
    if (fit.find('/') == std::string::npos) continue;
    seen.insert({page, module});
    EXPECT_EQ(overset, 0) << "overset: " << l;
    EXPECT_LE(underset, 2) << "underset by more than 2 lines: " << l;
  }
  const std::set<std::pair<int, std::string>> want = {{1, "ear"},    {1, "lead"},   {1, "photo"},
                                                      {2, "lead"},   {2, "kaiben"}, {2, "reading"}};
  EXPECT_EQ(seen, want) << tabloid().result.out;
}

// --- Both layouts: the grid fits the trim ------------------------------------

class LayoutGrid : public ::testing::TestWithParam<std::string> {};

TEST_P(LayoutGrid, ColumnsAndGuttersFitTheTrim) {
  const std::string file = layout_file(GetParam());
  const Layout l = load_layout(file);
  const double columns = l.columns * l.column_width() + (l.columns - 1) * l.gutter;
  EXPECT_DOUBLE_EQ(columns, l.type_width()) << file;
  EXPECT_LE(columns, l.trim_w) << file;
  EXPECT_GT(l.left(), 0) << file;
  // A gutter over one character: a line-end mark never meets the next column.
  EXPECT_GT(l.gutter, l.body.size) << file;
  // The baseline grid stays on the page, under the folio, with at least 12 mm below it.
  EXPECT_LT(l.folio_y, l.top) << file;
  EXPECT_LE(l.top + l.lines * l.leading, l.trim_h - 12 * kMm) << file;
}

TEST_P(LayoutGrid, ColumnIsAWholeNumberOfBodyCharacters) {
  const std::string file = layout_file(GetParam());
  // The loader reads column_chars as an integer, so look at what the file says.
  const toml::table root = toml::parse_file(file);
  const toml::node* chars = root["page"]["column_chars"].node();
  ASSERT_NE(chars, nullptr) << file << " has no [page] column_chars";
  const double n = chars->value<double>().value_or(0);
  EXPECT_GE(n, 2) << file;
  EXPECT_EQ(n, std::floor(n)) << file << ": column_chars = " << n;
  const Layout l = load_layout(file);
  EXPECT_EQ(l.column_chars, static_cast<int>(n)) << file;
  const double in_chars = l.column_width() / l.body.size;
  EXPECT_DOUBLE_EQ(in_chars, std::round(in_chars)) << file << ": column width " << l.column_width() << " pt";
}

INSTANTIATE_TEST_SUITE_P(Layouts, LayoutGrid, ::testing::Values("broadsheet", "tabloid"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(TabloidLayout, IsAFourKaiPageOfSixColumns) {
  const Layout l = load_layout(layout_file("tabloid"));
  EXPECT_NEAR(l.trim_w, 270 * kMm, 1e-6);
  EXPECT_NEAR(l.trim_h, 390 * kMm, 1e-6);
  EXPECT_NEAR(l.bleed, 3 * kMm, 1e-6);
  EXPECT_EQ(l.columns, 6);
  EXPECT_DOUBLE_EQ(l.leading, 13.5);
  EXPECT_DOUBLE_EQ(l.body.size, 9);
}

TEST(TabloidLayout, HasTheBroadsheetsStylesWithASmallerMasthead) {
  const Layout tab = load_layout(layout_file("tabloid"));
  const Layout broad = load_layout(layout_file("broadsheet"));
  auto keys = [](const auto& m) {
    std::set<std::string> k;
    for (const auto& [name, v] : m) k.insert(name);
    return k;
  };
  EXPECT_EQ(keys(tab.styles), keys(broad.styles));
  EXPECT_EQ(keys(tab.headlines), keys(broad.headlines));
  for (const char* style : {"subhead", "byline", "dateline", "caption", "credit", "jump", "jump_title", "folio",
                            "section", "bold"})
    EXPECT_TRUE(tab.styles.count(style)) << "tabloid lacks style " << style;
  EXPECT_LT(tab.masthead.name, broad.masthead.name);
  EXPECT_LT(tab.masthead.meta, tab.masthead.name);
  // The front-page title is still the largest headline.
  EXPECT_GT(tab.headline("lead").title.size, tab.headline("major").title.size);
  EXPECT_GT(tab.headline("major").title.size, tab.headline("minor").title.size);
}

}  // namespace
}  // namespace paiban
