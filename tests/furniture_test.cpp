// The page around the text, as a night editor checks it: rules between modules
// meet at every T and cross (read from the placed pages), every 100% K stroke
// overprints (read from the PDF), captions run on into their credit, page 1
// carries nothing above the masthead, and nothing on a page says "paiban".
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "style/layout.h"
#include "support.h"

namespace paiban {
namespace {

using namespace paiban::test;

struct Placed {
  Workshop shop{PAIBAN_SOURCE_DIR};
  Layout layout = load_layout(PAIBAN_SOURCE_DIR "/layouts/broadsheet.toml");
  BuildResult r;
  Placed() {
    BuildOptions o;
    o.issue_dir = kSample;
    o.pdfx = PdfX::None;
    o.preflight = false;
    r = shop.build(o);
  }
};

const Placed& placed() {
  static const Placed p;
  return p;
}

const PdfBuild& sample_pdf() {
  static const PdfBuild b(kSample, "sample.pdf");
  return b;
}

bool near(double a, double b) { return std::abs(a - b) < 0.02; }

// Does (x, y) lie on rule r (or on the outline of a stroked box)?
bool on_rule(const Rule& r, double x, double y) {
  if (near(r.x1, r.x2))
    return near(x, r.x1) && y >= std::min(r.y1, r.y2) - 0.02 && y <= std::max(r.y1, r.y2) + 0.02;
  if (near(r.y1, r.y2))
    return near(y, r.y1) && x >= std::min(r.x1, r.x2) - 0.02 && x <= std::max(r.x1, r.x2) + 0.02;
  return false;
}

std::vector<Rule> outlines(const Page& p) {
  std::vector<Rule> out = p.rules;
  for (const Box& b : p.boxes) {
    if (!b.stroke) continue;
    out.push_back(Rule{b.x, b.y, b.x + b.w, b.y, 0.5, Cmyk{}});
    out.push_back(Rule{b.x, b.y + b.h, b.x + b.w, b.y + b.h, 0.5, Cmyk{}});
    out.push_back(Rule{b.x, b.y, b.x, b.y + b.h, 0.5, Cmyk{}});
    out.push_back(Rule{b.x + b.w, b.y, b.x + b.w, b.y + b.h, 0.5, Cmyk{}});
  }
  return out;
}

// Each end of a rule between modules meets another rule or box, or the edge of
// the type area: no rule stops short of a junction.
TEST(Rules, EveryModuleRuleEndsOnAnotherRuleOrTheTypeAreaEdge) {
  const Placed& m = placed();
  const Layout& L = m.layout;
  const double left = L.left(), right = L.left() + L.type_width(), top = L.line_top(0), foot = L.line_top(L.lines);
  int checked = 0;
  for (const Page& p : m.r.edition.pages) {
    const std::vector<Rule> all = outlines(p);
    for (const Rule& r : p.rules) {
      if (!near(r.width, L.rule_width)) continue;  // module rules only (not the folio's or the masthead's)
      for (auto [x, y] : {std::pair{r.x1, r.y1}, std::pair{r.x2, r.y2}}) {
        bool edge = near(x, left) || near(x, right) || near(y, top) || near(y, foot);
        bool joined = false;
        for (const Rule& o : all)
          if (&o != &r && !(near(o.x1, r.x1) && near(o.y1, r.y1) && near(o.x2, r.x2) && near(o.y2, r.y2)))
            joined = joined || on_rule(o, x, y);
        EXPECT_TRUE(edge || joined) << "page " << p.number << ": a rule from (" << r.x1 << ", " << r.y1 << ") to ("
                                    << r.x2 << ", " << r.y2 << ") stops short at (" << x << ", " << y << ")";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 20);
}

// The boxed 知识窗 stays inside the type area, and no thin rule runs along its box.
TEST(Rules, BoxInsideTheTypeAreaWithNoRuleAlongIt) {
  const Placed& m = placed();
  const Layout& L = m.layout;
  int boxes = 0;
  for (const Page& p : m.r.edition.pages)
    for (const Box& b : p.boxes) {
      if (!b.stroke) continue;
      ++boxes;
      EXPECT_GE(b.x, L.left() - 0.02);
      EXPECT_LE(b.x + b.w, L.left() + L.type_width() + 0.02);
      for (const Rule& r : p.rules) {
        bool vertical = near(r.x1, r.x2);
        double lo = vertical ? std::min(r.y1, r.y2) : std::min(r.x1, r.x2);
        double hi = vertical ? std::max(r.y1, r.y2) : std::max(r.x1, r.x2);
        double from = vertical ? b.y : b.x, to = vertical ? b.y + b.h : b.x + b.w;
        bool on_edge = vertical ? (near(r.x1, b.x) || near(r.x1, b.x + b.w)) : (near(r.y1, b.y) || near(r.y1, b.y + b.h));
        EXPECT_FALSE(on_edge && std::min(hi, to) - std::max(lo, from) > 0.1)
            << "page " << p.number << ": a rule doubles the box's edge";
        // and none runs parallel a few points away (a doubled look)
        bool close = vertical ? (std::abs(r.x1 - b.x) < 8 || std::abs(r.x1 - b.x - b.w) < 8)
                              : (std::abs(r.y1 - b.y) < 8 || std::abs(r.y1 - b.y - b.h) < 8);
        EXPECT_FALSE(close && !on_edge && std::min(hi, to) - std::max(lo, from) > 0.1)
            << "page " << p.number << ": a rule runs beside the box";
      }
    }
  EXPECT_GE(boxes, 1) << "the sample's 知识窗 is boxed";
}

// Page 1 has no 报眉: nothing above the masthead block; the other pages keep theirs.
TEST(Furniture, NothingAboveTheMastheadOnPageOne) {
  const Placed& m = placed();
  const double top = m.layout.line_top(0);
  for (const Page& p : m.r.edition.pages) {
    int above = 0;
    for (const TextRun& r : p.text)
      if (r.baseline < top) ++above;
    for (const Rule& r : p.rules)
      if (std::min(r.y1, r.y2) < top - 0.02) ++above;
    if (p.number == 1)
      EXPECT_EQ(above, 0) << "text or rules above the masthead on page 1";
    else
      EXPECT_GT(above, 0) << "page " << p.number << " lost its 报眉";
  }
}

TEST(Furniture, CaptionRunsOnIntoItsCredit) {
  REQUIRE_PDF(sample_pdf());
  const std::string text = without_space(page_text(sample_pdf().pdf, 1));
  EXPECT_NE(text.find("即将掀开神秘面纱。赵福胜摄"), std::string::npos) << text;
}

// Where a run's last glyph's advance ends, pt.
double run_end(const TextRun& r) {
  const GlyphPos& g = r.glyphs.back();
  return g.x + r.face->advance(g.gid) * r.size / r.face->upem();
}

// The credit stands flush right on the caption's last line, ideographic spaces
// between: every line of a caption ends on the picture's right edge, so a
// two-line caption does not read as one full line over a ragged one.
TEST(Furniture, CreditStandsFlushRightOnTheCaptionsLastLine) {
  int credits = 0;
  for (const Page& p : placed().r.edition.pages)
    for (const TextRun& credit : p.text) {
      if (credit.text.back() != U'摄' && credit.text.back() != U'图') continue;
      const ImagePlacement* photo = nullptr;
      for (const ImagePlacement& im : p.images)
        if (im.x <= credit.glyphs.front().x && credit.glyphs.front().x <= im.x + im.w && im.y < credit.baseline &&
            (!photo || im.y > photo->y))
          photo = &im;
      if (!photo || credit.baseline - (photo->y + photo->h) > 4 * credit.size) continue;  // brackets in body text
      ++credits;
      const double right = photo->x + photo->w;
      EXPECT_NEAR(run_end(credit), right, 0.01) << "page " << p.number << ": the credit is not flush right";
      int fills = 0;
      for (const TextRun& r : p.text) {
        if (std::abs(r.baseline - credit.baseline) > 0.01 || &r == &credit) continue;
        if (r.text.find_first_not_of(U'\u3000') == std::u32string::npos) {
          ++fills;
          EXPECT_LE(run_end(r), credit.glyphs.front().x + 0.5 * r.size + 0.01) << "the spaces run into the credit";
        }
      }
      EXPECT_LE(fills, 1);
      // the caption's other lines are justified to the same edge
      for (const TextRun& r : p.text) {
        const bool above = r.baseline < credit.baseline - 0.01 && r.baseline > photo->y + photo->h &&
                           credit.baseline - r.baseline < 3 * r.size;
        if (above && r.size == credit.size && std::abs(r.glyphs.front().x - photo->x) < 0.01) {
          EXPECT_NEAR(run_end(r), right, 0.6 * r.size) << "page " << p.number << ": a caption line short of the edge";
        }
      }
    }
  EXPECT_GE(credits, 2) << "the sample's photos carry credits";
}

TEST(Furniture, NoPageSaysPaiban) {
  REQUIRE_PDF(sample_pdf());
  const std::string text = pdf_text(sample_pdf().pdf);
  EXPECT_EQ(text.find("paiban"), std::string::npos);
}

// Walks a page's content stream: every stroke in 100% K is made with the
// overprinting graphics state in force.
struct StrokeAudit {
  int black = 0, knocked_out = 0;
  void read(const std::string& content) {
    std::istringstream in(content);
    std::vector<std::string> operands;
    std::vector<std::pair<bool, bool>> saved;  // (overprint, black stroke) at each q
    bool overprint = false, black_stroke = true;
    for (std::string t; in >> t;) {
      if (t == "q") {
        saved.emplace_back(overprint, black_stroke);
      } else if (t == "Q" && !saved.empty()) {
        std::tie(overprint, black_stroke) = saved.back();
        saved.pop_back();
      } else if (t == "gs") {
        overprint = overprint || (!operands.empty() && operands.back() == "/GSop");
      } else if (t == "K" && operands.size() >= 4) {
        auto n = operands.size();
        black_stroke = std::stod(operands[n - 4]) == 0 && std::stod(operands[n - 3]) == 0 &&
                       std::stod(operands[n - 2]) == 0 && std::stod(operands[n - 1]) == 1;
      } else if ((t == "S" || t == "s" || t == "B" || t == "b") && black_stroke) {
        ++black;
        if (!overprint) ++knocked_out;
      }
      bool op = !t.empty() && std::isalpha(static_cast<unsigned char>(t.back())) && t[0] != '/';
      if (op) operands.clear();
      else operands.push_back(t);
    }
  }
};

TEST(Print, EveryBlackStrokeOverprints) {
  REQUIRE_PDF(sample_pdf());
  TempDir tmp;
  const std::string qdf = tmp.file("qdf.pdf");
  RunResult r = run("qpdf --qdf --object-streams=disable " + quoted(sample_pdf().pdf.string()) + " " + quoted(qdf));
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.out;
  const std::string doc = slurp(qdf);
  EXPECT_NE(doc.find("/OP true"), std::string::npos) << "no overprinting graphics state";
  StrokeAudit audit;
  int pages = 0;
  for (size_t at = doc.find("%% Contents for page"); at != std::string::npos;
       at = doc.find("%% Contents for page", at + 1)) {
    size_t begin = doc.find("stream\n", at), end = doc.find("endstream", begin);
    ASSERT_NE(end, std::string::npos);
    audit.read(doc.substr(begin + 7, end - begin - 7));
    ++pages;
  }
  EXPECT_EQ(pages, 4);
  EXPECT_GT(audit.black, 25) << "rules and box outlines of four pages";
  EXPECT_EQ(audit.knocked_out, 0) << "100% K strokes that knock out";
}

}  // namespace
}  // namespace paiban
