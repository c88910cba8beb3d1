// Watch mode keeps one Workshop (fonts loaded, text set) between builds. Every
// setting of the layout must reach the page through it: each is changed in
// turn, and the pages must differ from the pages before the change and equal
// those of a fresh workshop (nothing stale from the text cache).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "fonts/fonts.h"
#include "pipeline/pipeline.h"
#include "support.h"
#include "text/text.h"

namespace paiban {
namespace {

using namespace paiban::test;

// Everything a page shows, as text: what changes on the page changes this.
std::string fingerprint(const std::vector<Page>& pages) {
  std::string s;
  char b[160];
  for (const Page& p : pages) {
    std::snprintf(b, sizeof b, "page %d %.3f %.3f %.3f\n", p.number, p.width, p.height, p.bleed);
    s += b;
    for (const TextRun& r : p.text) {
      std::snprintf(b, sizeof b, "run %s %.3f %.3f %.2f %.2f %.2f %.2f:", r.face ? r.face->ps_name().c_str() : "-",
                    r.size, r.baseline, r.colour.c, r.colour.m, r.colour.y, r.colour.k);
      s += b + to_utf8(r.text);
      for (const GlyphPos& g : r.glyphs) {
        std::snprintf(b, sizeof b, " %u@%.3f/%.3f", g.gid, g.x, g.dy);
        s += b;
      }
      s += "\n";
    }
    for (const Rule& r : p.rules) {
      std::snprintf(b, sizeof b, "rule %.3f %.3f %.3f %.3f %.3f\n", r.x1, r.y1, r.x2, r.y2, r.width);
      s += b;
    }
    for (const Box& x : p.boxes) {
      std::snprintf(b, sizeof b, "box %.3f %.3f %.3f %.3f %d\n", x.x, x.y, x.w, x.h, x.stroke ? 1 : 0);
      s += b;
    }
    for (const ImagePlacement& im : p.images) {
      std::snprintf(b, sizeof b, " %.3f %.3f %.3f %.3f %.4f %.4f %.4f %.4f\n", im.x, im.y, im.w, im.h, im.crop_x,
                    im.crop_y, im.crop_w, im.crop_h);
      s += "image " + im.path + b;
    }
  }
  return s;
}

// Replaces the value of `key` in `[section]` (its first line `key = ...`).
std::string set_key(const std::string& toml, const std::string& section, const std::string& key,
                    const std::string& value) {
  size_t at = toml.find("\n[" + section + "]");
  if (at == std::string::npos) throw std::runtime_error("no [" + section + "]");
  std::smatch m;
  std::string rest = toml.substr(at + 1);
  if (!std::regex_search(rest, m, std::regex("\n" + key + " *=[^\n]*")))
    throw std::runtime_error("no " + key + " in [" + section + "]");
  return toml.substr(0, at + 1) + m.prefix().str() + "\n" + key + " = " + value + m.suffix().str();
}

struct Change {
  std::string section, key, value;
  bool shows = true;  // false: the sample has no line where it differs (the workshop must still agree)
};

// Every setting of layouts/broadsheet.toml that shapes a page, each to a value
// that shows on the sample. ([print] describes the press, not the page.)
const std::vector<Change> kChanges = {
    {"page", "trim", "[400, 550]"},
    {"page", "bleed", "5"},
    {"page", "top", "30"},
    {"page", "folio", "18"},
    {"page", "columns", "7"},
    {"page", "column_chars", "14"},
    {"page", "gutter", "12"},
    {"page", "lines", "100"},
    {"page", "rule_width", "0.75"},
    {"body", "font", "\"sans\""},
    {"body", "size", "9.5"},
    {"body", "leading", "14"},
    {"body", "indent", "1"},
    {"body", "kinsoku", "\"basic\"", false},
    {"body", "latin_space", "0.5"},
    {"body", "digit_space", "0.25"},
    {"body", "hanging", "true"},
    {"body", "punctuation", "\"taiwan\""},
    {"styles", "subhead", "{ font = \"sans\", size = 10, align = \"left\" }"},
    {"styles", "dateline", "{ font = \"sans\" }"},
    {"styles", "byline", "{ font = \"sans\", size = 9, align = \"right\" }"},
    {"styles", "caption", "{ font = \"body\", size = 8, align = \"left\" }"},
    {"styles", "jump", "{ font = \"body\", size = 8, align = \"left\" }"},
    {"styles", "jump_title", "{ font = \"sans\", size = 14, align = \"center\" }"},
    {"styles", "folio", "{ font = \"body\", size = 9, align = \"left\" }"},
    {"styles", "section", "{ font = \"sans\", size = 12, align = \"left\" }"},
    {"headline.lead", "title", "{ font = \"headline_song\", size = 34, align = \"center\" }"},
    {"headline.lead", "subtitle", "{ font = \"sans\", size = 13, align = \"center\" }"},
    {"headline.lead", "subtitle_dash", "false"},
    {"headline.major", "kicker", "{ font = \"sans\", size = 11, align = \"left\" }"},
    {"headline.major", "title", "{ font = \"headline\", size = 20, align = \"left\" }"},
    {"headline.second", "max_title_lines", "1"},
    {"headline.major", "title_sizes", "[12]"},
    {"headline.minor", "title", "{ font = \"headline_song\", size = 14, align = \"center\" }"},
    {"masthead", "name", "80"},
    {"masthead", "sponsor", "12"},
    {"masthead", "meta", "10"},
};

class WatchLayout : public ::testing::Test {
 protected:
  TempDir root;
  std::string layout;

  void SetUp() override {
    layout = slurp(PAIBAN_SOURCE_DIR "/layouts/broadsheet.toml");
    ASSERT_FALSE(layout.empty());
    spit(root.path() / "layouts" / "broadsheet.toml", layout);
    spit(root.path() / "fonts" / "fonts.toml", slurp(PAIBAN_SOURCE_DIR "/fonts/fonts.toml"));
  }

  friend std::string look(Workshop&);

 public:
  static BuildOptions options() {
    BuildOptions o;
    o.issue_dir = kSample;
    o.pdfx = PdfX::None;
    o.preflight = false;
    o.allow_overset = true;  // a layout that holds less copy still shows its pages
    o.write_pdf = false;
    return o;
  }
};

// The pages a workshop makes, or the error it stops with (a page plan drawn on
// 8 columns does not fit a layout of 7).
std::string look(Workshop& shop) {
  try {
    return fingerprint(shop.build(WatchLayout::options()).edition.pages);
  } catch (const InputError& e) {
    return std::string("error: ") + e.what();
  }
}

TEST_F(WatchLayout, EveryLayoutSettingReachesThePageThroughTheKeptWorkshop) {
  Workshop shop(root.str());
  const std::string before = look(shop);
  ASSERT_NE(before.find("page 4 "), std::string::npos) << before.substr(0, 300);
  for (const Change& c : kChanges) {
    SCOPED_TRACE("[" + c.section + "] " + c.key + " = " + c.value);
    spit(root.path() / "layouts" / "broadsheet.toml", set_key(layout, c.section, c.key, c.value));
    const std::string changed = look(shop);
    if (c.shows) {
      EXPECT_TRUE(changed != before) << "the page did not change";
    }
    Workshop fresh(root.str());
    EXPECT_TRUE(changed == look(fresh)) << "the kept workshop set stale text";
  }
  spit(root.path() / "layouts" / "broadsheet.toml", layout);  // back, and the pages are as they were
  EXPECT_TRUE(look(shop) == before);
}

// A subhead is set in the font its style names, not the body's bold: changing
// only the font (same size and alignment) moves every subhead to that face.
TEST_F(WatchLayout, SubheadsAreSetInTheirStylesFont) {
  auto face_of = [](const BuildResult& r, const std::u32string& text) -> std::string {
    for (const Page& p : r.edition.pages)
      for (const TextRun& run : p.text)
        if (run.text == text) return run.face->ps_name();
    return "";
  };
  spit(root.path() / "layouts" / "broadsheet.toml",
       set_key(layout, "styles", "subhead", "{ font = \"headline_song\", size = 9, align = \"center\" }"));
  Workshop shop(root.str());
  const BuildResult r = shop.build(options());
  EXPECT_EQ(face_of(r, U"视线的路径"), "NotoSerifCJKsc-Bold");
  EXPECT_EQ(face_of(r, U"块状组合"), "NotoSerifCJKsc-Bold");
  const BuildResult sample = Workshop(PAIBAN_SOURCE_DIR).build(options());
  EXPECT_EQ(face_of(sample, U"视线的路径"), "NotoSansCJKsc-Bold") << "the sample's subheads are in body_bold";
}

TEST_F(WatchLayout, UnknownFontRoleIsReportedAtTheLayoutLineThatNamesIt) {
  const std::string bad = set_key(layout, "styles", "byline", "{ font = \"no_such_role\", size = 9 }");
  spit(root.path() / "layouts" / "broadsheet.toml", bad);
  Workshop shop(root.str());
  try {
    shop.build(options());
    FAIL() << "a layout naming an unknown font role built";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), (root.path() / "layouts" / "broadsheet.toml").string()) << e.what();
    EXPECT_EQ(e.line(), line_of(bad, "byline = ")) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_role"), std::string::npos) << e.what();
  }
}

TEST_F(WatchLayout, CountsAreWholeNumbersInRange) {
  for (const char* v : {"1e20", "8.0", "-3", "100000000000"}) {
    const std::string bad = set_key(layout, "page", "columns", v);
    spit(root.path() / "layouts" / "broadsheet.toml", bad);
    Workshop shop(root.str());
    try {
      shop.build(options());
      ADD_FAILURE() << "columns = " << v << " was taken";
    } catch (const InputError& e) {
      EXPECT_EQ(e.line(), line_of(bad, "columns = ")) << e.what();
    }
  }
}

TEST_F(WatchLayout, UnknownLayoutKeysAreRejectedWhereTheyStand) {
  const std::string bad = set_key(layout, "body", "latin_space", "0.25\nlatin_spcae = 0.5");
  spit(root.path() / "layouts" / "broadsheet.toml", bad);
  Workshop shop(root.str());
  try {
    shop.build(options());
    FAIL() << "a misspelt key was ignored";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), line_of(bad, "latin_spcae")) << e.what();
  }
}

}  // namespace
}  // namespace paiban
