// 通栏 span headlines (#15): one headline in a row of its own over a group of
// modules side by side below it. Read by coordinates from the placed page, and
// from outside with pdftotext; the plan's mistakes are errors at their line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "model/issue.h"
#include "pipeline/pipeline.h"
#include "style/layout.h"
#include "support.h"
#include "text/text.h"

namespace paiban {
namespace {
namespace fs = std::filesystem;
using namespace paiban::test;

const char* kSpanTitle = "从泥活字到字号";

// The sample's articles with one page: a span over movable and sizes, four columns each.
const char* kSpanPage = R"([[page]]
section = "副刊"
grid = """
NNNNNNNN
MMMMSSSS
MMMMSSSS
"""
rows = [6, 29, 29]
[page.areas]
N = { span = "MS", kicker = "排版的故事", title = "从泥活字到字号" }
M = "movable"
S = "sizes"
)";

// The sample copied with its plan replaced by `page` (the other articles unplaced).
struct SpanIssue {
  IssueCopy copy;
  explicit SpanIssue(const std::string& page) {
    std::string toml = slurp(copy.toml());
    toml = toml.substr(0, toml.find("[[page]]"));
    std::string unplaced;
    for (const auto& e : fs::directory_iterator(copy.issue)) {
      std::string id = e.path().stem().string();
      if (e.path().extension() == ".md" && page.find("\"" + id + "\"") == std::string::npos)
        unplaced += (unplaced.empty() ? "\"" : ", \"") + id + "\"";
    }
    const std::string layout = "layout = \"broadsheet\"";
    toml.replace(toml.find(layout), layout.size(), layout + "\nunplaced = [" + unplaced + "]");
    spit(copy.toml(), toml + page);
  }
};

// The placed pages of an issue folder (no PDF written).
BuildResult placed(const std::string& dir) {
  BuildOptions o;
  o.issue_dir = dir;
  o.write_pdf = false;
  return build(o);
}

double em_top(const TextRun& r) { return r.baseline - kEmAscent * r.size; }
double em_foot(const TextRun& r) { return r.baseline + (1 - kEmAscent) * r.size; }
double left_of(const TextRun& r) { return r.glyphs.front().x; }
double right_of(const TextRun& r) { return r.glyphs.back().x + r.size; }  // the title ends in a full-width character

TEST(Span, HeadlineCoversTheModulesAndTheirTextStartsBelowIt) {
  SpanIssue issue(kSpanPage);
  const BuildResult built = placed(issue.copy.issue.string());
  ASSERT_TRUE(built.edition.ok()) << (built.edition.notices.empty() ? "" : format_notice(built.edition.notices[0]));
  const Layout L = load_layout(PAIBAN_SOURCE_DIR "/layouts/broadsheet.toml");
  const Page& p = built.edition.pages.at(0);
  const FrameFit *m = nullptr, *s = nullptr;
  for (const FrameFit& f : built.edition.frames) {
    if (f.module == "movable") m = &f;
    if (f.module == "sizes") s = &f;
  }
  ASSERT_TRUE(m && s);
  // The span's box is the width of the two modules under it, edge to edge.
  const double box_left = L.column_x(0), box_right = box_left + L.span_width(8);
  EXPECT_NEAR(m->x, box_left, 0.01);
  EXPECT_NEAR(s->x + s->width, box_right, 0.01);
  const TextRun* title = nullptr;
  for (const TextRun& r : p.text)
    if (r.text == to_u32(kSpanTitle)) title = &r;
  ASSERT_NE(title, nullptr) << "the span's title is not set on one line";
  EXPECT_GT(right_of(*title), s->x) << "the title reaches over movable's columns into sizes' ones";
  EXPECT_NEAR((left_of(*title) + right_of(*title)) / 2, (box_left + box_right) / 2, 1.0) << "centred over the group";
  EXPECT_GE(title->size, 24) << "a 通栏 title is set large";
  // Every line of the modules (their headlines too) starts below the span.
  double span_foot = em_foot(*title);
  int below = 0;
  for (const TextRun& r : p.text) {
    if (&r == title || r.text == U"排版的故事" || r.baseline < L.line_top(0)) continue;  // the span's kicker, the folio
    EXPECT_GT(em_top(r), span_foot) << to_utf8(r.text);
    EXPECT_GE(em_top(r), m->y - 0.01) << to_utf8(r.text);
    ++below;
  }
  EXPECT_GT(below, 50);
  EXPECT_NEAR(m->y, L.line_top(6), 0.01);
  EXPECT_NEAR(s->y, L.line_top(6), 0.01);
  // No rule parts the headline from its modules; the rule between them starts under it.
  bool between = false;
  for (const Rule& r : p.rules) {
    if (r.y1 == r.y2 && r.y1 > span_foot && r.y1 < m->y) ADD_FAILURE() << "a rule under the span at y " << r.y1;
    if (r.x1 == r.x2 && r.x1 > m->x + m->width && r.x1 < s->x) {
      between = true;
      EXPECT_GE(std::min(r.y1, r.y2), m->y - 0.01) << "the rule between the modules runs up into the span";
    }
  }
  EXPECT_TRUE(between) << "no rule between the modules under the span";
}

TEST(Span, PdftotextFindsTheSpanTitle) {
  SpanIssue issue(kSpanPage);
  TempDir out;
  const fs::path pdf = out.path() / "span.pdf";
  RunResult r = run(paiban_command("build " + quoted(issue.copy.issue.string()) + " -o " + quoted(pdf.string())));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string text = without_space(page_text(pdf, 1));
  EXPECT_NE(text.find(kSpanTitle), std::string::npos);
  EXPECT_LT(text.find(kSpanTitle), text.find("活字：从泥印到转轮")) << "the span reads before the modules";
}

// A headline too tall for its row is an error at the span's line, not clipped.
TEST(Span, HeadlineTallerThanItsRowIsAnError) {
  std::string page = kSpanPage;
  page.replace(page.find("rows = [6,"), 10, "rows = [2,");
  SpanIssue issue(page);
  const BuildResult built = placed(issue.copy.issue.string());
  bool said = false;
  for (const Notice& n : built.edition.notices)
    said = said || (n.level == Notice::Error && n.line == line_of(slurp(issue.copy.toml()), "N = {") &&
                    n.what.find("通栏") != std::string::npos);
  EXPECT_TRUE(said);
  EXPECT_FALSE(built.edition.ok());
}

// Mistakes in the plan name the span's line in issue.toml.
TEST(Span, PlanMistakesAreErrorsAtTheSpansLine) {
  const std::pair<std::string, std::string> cases[] = {
      {"N = { span = \"MS\"", "N = { span = \"M\""},                       // sizes' columns left out
      {"N = { span = \"MS\"", "N = { span = \"MX\""},                      // no module X
      {"N = { span = \"MS\"", "N = { span = \"MSM\""},                     // movable twice
      {"kicker = ", "colour = \"red\", kicker = "},                         // unknown key
      {"rows = [6, 29, 29]\n", ""},                                        // no rows
  };
  for (size_t k = 0; k < std::size(cases); ++k) {
    std::string page = kSpanPage;
    page.replace(page.find(cases[k].first), cases[k].first.size(), cases[k].second);
    SpanIssue issue(page);
    SCOPED_TRACE(page);
    auto e = catch_input_error([&] { load_issue(issue.copy.issue.string()); });
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->line(), line_of(slurp(issue.copy.toml()), "N = {")) << e->what();
  }
  // A span over a module that does not stand right under it.
  std::string page = kSpanPage;
  page.replace(page.find("NNNNNNNN\n"), 9, "NNNNNNNN\nTTTTTTTT\n");
  page.replace(page.find("rows = [6,"), 10, "rows = [6, 5,");
  page += "T = \"shuozhou\"\n";
  SpanIssue issue(page);
  auto e = catch_input_error([&] { load_issue(issue.copy.issue.string()); });
  ASSERT_TRUE(e.has_value());
  EXPECT_NE(std::string(e->what()).find("right under it"), std::string::npos) << e->what();
  // "@span" typed as a module name says how a span is written.
  std::string plain = kSpanPage;
  plain.replace(plain.find("N = {"), plain.find('\n', plain.find("N = {")) - plain.find("N = {"), "N = \"@span\"");
  SpanIssue typed(plain);
  auto t = catch_input_error([&] { load_issue(typed.copy.issue.string()); });
  ASSERT_TRUE(t.has_value());
  EXPECT_NE(std::string(t->what()).find("span = "), std::string::npos) << t->what();
}

}  // namespace
}  // namespace paiban

namespace paiban {
namespace {

// A span written back by area_toml (for `paiban plan --write`) reads as it was.
TEST(Span, AreaTomlWritesTheSpanBackWhole) {
  test::TempDir dir;
  SpanIssue issue(kSpanPage);
  const Issue first = load_issue(issue.copy.issue.string());
  std::string toml = test::slurp(issue.copy.toml());
  const PagePlan& p = first.pages.at(0);
  std::string areas = "[page.areas]\n";
  for (const Area& a : p.areas) areas += std::string(1, a.letter) + " = " + area_toml(a) + "\n";
  toml = toml.substr(0, toml.find("[page.areas]")) + areas;
  test::spit(issue.copy.toml(), toml);
  const Issue again = load_issue(issue.copy.issue.string());
  const Area& s = again.pages.at(0).areas.at(0);
  EXPECT_EQ(s.module, "@span");
  EXPECT_EQ(s.span.over, "MS");
  EXPECT_EQ(s.span.kicker, "排版的故事");
  EXPECT_EQ(s.span.title, "从泥活字到字号");
  EXPECT_EQ(s.span.headline, "major");
  EXPECT_EQ(area_toml(again.pages.at(0).areas.at(1)), "\"movable\"");
}

}  // namespace
}  // namespace paiban
