// 栏目 bands (#15): the column's name centred between the band's rules, clear
// of them; the layout chooses rules or reversed text; paper-white text knocks
// out. Read from the engine's placed pages and, from outside, with pdftotext.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "model/issue.h"
#include "pipeline/pipeline.h"
#include "style/layout.h"
#include "support.h"
#include "text/text.h"

namespace paiban {
namespace {
namespace fs = std::filesystem;
using namespace paiban::test;

const char* kBandName = "聚力民生实事";

struct Built {
  Workshop shop{PAIBAN_SOURCE_DIR};
  BuildResult r;
  explicit Built(const std::string& dir) {
    BuildOptions o;
    o.issue_dir = dir;
    o.pdfx = PdfX::None;
    o.preflight = false;
    r = shop.build(o);
  }
};

// The text run that sets the band's name on page 1 of the sample.
const TextRun* band_run(const Page& p) {
  for (const TextRun& r : p.text)
    if (r.text.find(to_u32(kBandName)) == 0) return &r;
  return nullptr;
}

TEST(Band, NameSitsClearBetweenItsRules) {
  Built b(PAIBAN_SOURCE_DIR "/issues/2024-05-07");
  const Page& p = b.r.edition.pages.at(0);
  const TextRun* r = band_run(p);
  ASSERT_NE(r, nullptr) << "no band on page 1";
  const double left = r->glyphs.front().x;
  const double top = r->baseline - kEmAscent * r->size, foot = r->baseline + (1 - kEmAscent) * r->size;
  // The horizontal rules across the name's left edge: the nearest above and below.
  double above = -1e9, below = 1e9;
  for (const Rule& rule : p.rules) {
    if (rule.y1 != rule.y2 || left < std::min(rule.x1, rule.x2) || left > std::max(rule.x1, rule.x2)) continue;
    const double y = rule.y1;
    if (y < r->baseline) above = std::max(above, y + rule.width / 2);
    else below = std::min(below, y - rule.width / 2);
  }
  ASSERT_GT(above, 0) << "no rule above the band's name";
  ASSERT_LT(below, 1e8) << "no rule below the band's name";
  EXPECT_LT(below - above, 2 * 13.5) << "the rules belong to the band, not the frame";
  EXPECT_GE(top - above, 2.0) << "the name touches the rule above";
  EXPECT_GE(below - foot, 2.0) << "the name touches the rule below";
  EXPECT_NEAR(top - above, below - foot, 1.0) << "the name is centred between the rules";
  // No grey web-page bar behind it.
  for (const Box& bx : p.boxes)
    EXPECT_FALSE(!bx.stroke && bx.fill.k < 1 && bx.fill.k > 0 && bx.y <= r->baseline && bx.y + bx.h >= r->baseline &&
                 bx.x <= left && bx.x + bx.w >= left)
        << "a tint under the band's name";
}

TEST(Band, PdftotextFindsTheBandName) {
  TempDir out;
  const fs::path pdf = out.path() / "out.pdf";
  RunResult r = run(paiban_command("build " + quoted(PAIBAN_SOURCE_DIR "/issues/2024-05-07") + " -o " + quoted(pdf.string())));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(without_space(page_text(pdf, 1)).find(kBandName), std::string::npos);
}

// Walks content streams: each text object's fill colour and whether the
// overprinting graphics state is in force when it is shown.
struct TextAudit {
  int white = 0, white_overprinted = 0;
  void read(const std::string& content) {
    std::istringstream in(content);
    std::vector<std::string> operands;
    std::vector<bool> saved;
    bool overprint = false, white_fill = false;
    for (std::string t; in >> t;) {
      if (t == "q") {
        saved.push_back(overprint);
      } else if (t == "Q" && !saved.empty()) {
        overprint = saved.back();
        saved.pop_back();
      } else if (t == "gs") {
        overprint = overprint || (!operands.empty() && operands.back() == "/GSop");
      } else if (t == "k" && operands.size() >= 4) {
        white_fill = true;
        for (size_t i = operands.size() - 4; i < operands.size(); ++i) white_fill = white_fill && std::stod(operands[i]) == 0;
      } else if ((t == "TJ" || t == "Tj") && white_fill) {
        ++white;
        if (overprint) ++white_overprinted;
      }
      bool op = !t.empty() && std::isalpha(static_cast<unsigned char>(t.back())) && t[0] != '/' && t[0] != '<' &&
                t[0] != '[';
      if (op) operands.clear();
      else operands.push_back(t);
    }
  }
};

// The sample under a copy of the broadsheet whose band is reversed: the name
// in paper white on solid black, and in the PDF shown with overprint off.
TEST(Band, ReversedBandIsWhiteOnSolidBlackAndKnocksOut) {
  TempDir root;
  fs::create_directories(root.path() / "layouts");
  fs::create_directory_symlink(PAIBAN_SOURCE_DIR "/fonts", root.path() / "fonts");
  std::string layout = slurp(PAIBAN_SOURCE_DIR "/layouts/broadsheet.toml");
  const std::string rules = "style = \"rules\"";
  ASSERT_NE(layout.find(rules), std::string::npos);
  layout.replace(layout.find(rules), rules.size(), "style = \"reversed\"");
  spit(root.path() / "layouts" / "broadsheet.toml", layout);
  Workshop shop{root.path().string()};
  BuildOptions o;
  o.issue_dir = PAIBAN_SOURCE_DIR "/issues/2024-05-07";
  o.root = root.path().string();
  o.pdfx = PdfX::None;
  o.preflight = false;
  o.pages = {1};
  BuildResult r = shop.build(o);
  ASSERT_FALSE(r.edition.pages.empty());
  const Page& p = r.edition.pages.at(0);
  const TextRun* name = band_run(p);
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE(name->colour == (Cmyk{0, 0, 0, 0})) << "the reversed name is paper white";
  const double left = name->glyphs.front().x;
  const double top = name->baseline - kEmAscent * name->size, foot = name->baseline + (1 - kEmAscent) * name->size;
  bool solid = false;
  for (const Box& bx : p.boxes)
    if (!bx.stroke && bx.fill == (Cmyk{0, 0, 0, 1}) && bx.x < left && bx.x + bx.w > left && bx.y < name->baseline &&
        bx.y + bx.h > name->baseline) {
      solid = solid || (bx.y + 2 <= top && bx.y + bx.h - 2 >= foot);
      EXPECT_NEAR(top - bx.y, bx.y + bx.h - foot, 1.0) << "the name is centred in its band";
    }
  EXPECT_TRUE(solid) << "no solid black band with white round the name";
  // From the PDF: white text is never shown with overprint on.
  const fs::path pdf = root.path() / "out.pdf", qdf = root.path() / "qdf.pdf";
  spit(pdf, r.pdf);
  RunResult q = run("qpdf --qdf --object-streams=disable " + quoted(pdf.string()) + " " + quoted(qdf.string()));
  ASSERT_TRUE(q.exit_code == 0 || q.exit_code == 3) << q.out;
  const std::string doc = slurp(qdf);
  TextAudit audit;
  for (size_t at = doc.find("%% Contents for page"); at != std::string::npos; at = doc.find("%% Contents for page", at + 1)) {
    size_t begin = doc.find("stream\n", at), end = doc.find("endstream", begin);
    ASSERT_NE(end, std::string::npos);
    audit.read(doc.substr(begin + 7, end - begin - 7));
  }
  EXPECT_GE(audit.white, 1) << "no white text in the PDF";
  EXPECT_EQ(audit.white_overprinted, 0) << "white text overprints: it would vanish on press";
}

TEST(Band, BadBandStyleIsNamedAtItsLine) {
  const std::string good = "style = \"rules\"";
  broadsheet_error(good, "style = \"grey\"");
  broadsheet_error(good, "style = \"rules\"\ncolour = 1", 1);  // the unknown key's own line
}

}  // namespace
}  // namespace paiban
