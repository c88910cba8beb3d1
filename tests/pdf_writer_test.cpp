// Tests of engine/pdf: write_pdf on a hand-built page (real fonts, real
// PoDoFo), checked from outside with qpdf and poppler-utils; save_atomically.
#include "pdf/pdf.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "fonts/fonts.h"
#include "page/page.h"
#include "shape/shape.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

const FontRegistry& fonts() { return test::project_fonts(); }

// One line of text as makeup would place it: shaped glyphs at their pen positions.
TextRun line(const Face& face, double size, double x, double baseline, const std::u32string& text) {
  const Shaped s = shape(text, {StyleRange{static_cast<uint32_t>(text.size()), TextStyle{&face, size}}});
  TextRun r;
  r.face = face.shared_from_this();
  r.size = size;
  r.baseline = baseline;
  r.text = text;
  for (size_t i = 0; i < s.glyphs.size(); ++i) {
    const ShapedGlyph& g = s.glyphs[i];
    const uint32_t end = i + 1 < s.glyphs.size() ? s.glyphs[i + 1].cluster : static_cast<uint32_t>(text.size());
    r.glyphs.push_back(GlyphPos{g.gid, x + g.dx, g.dy, g.cluster, std::max(end, g.cluster + 1)});
    x += g.advance;
  }
  return r;
}

const double kWidth = 595.276, kHeight = 841.89, kBleed = 8.504;  // A4, 3 mm bleed

Page test_page(const FontRegistry& reg) {
  Page p;
  p.number = 1;
  p.width = kWidth;
  p.height = kHeight;
  p.bleed = kBleed;
  p.text.push_back(line(reg.face("body"), 12, 72, 100, U"报纸排版引擎测试"));
  p.text.push_back(line(reg.face("body"), 12, 72, 120, U"破折号——省略号……完"));
  p.text.push_back(line(reg.face("headline"), 24, 72, 170, U"头版标题"));
  p.rules.push_back(Rule{72, 130, 523, 130, 0.75, Cmyk{}});
  p.boxes.push_back(Box{72, 200, 200, 50, Cmyk{0, 0, 0, 0.1}, false, 0.5});
  p.boxes.push_back(Box{300, 200, 200, 50, Cmyk{1, 0, 0, 0}, true, 1});
  return p;
}

PdfMeta make_meta() {
  PdfMeta m;
  m.title = "朔州日报 2024-05-07 第9033期";
  m.date = "2024-05-07";
  m.author = "朔州日报社出版";
  return m;
}
const PdfMeta kMeta = make_meta();

class PdfWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    bytes_ = write_pdf({test_page(fonts())}, kMeta);
    pdf_ = dir_.path() / "page.pdf";
    save_atomically(pdf_.string(), bytes_);
  }
  TempDir dir_;
  std::string bytes_;
  fs::path pdf_;
};

TEST_F(PdfWriter, WritesAPdfFile) {
  ASSERT_GT(bytes_.size(), 1000u);
  EXPECT_EQ(bytes_.rfind("%PDF-", 0), 0u);
  EXPECT_NE(bytes_.find("%%EOF"), std::string::npos);
  EXPECT_EQ(slurp(pdf_), bytes_);
}

TEST_F(PdfWriter, QpdfCheckPasses) {
  expect_qpdf_check_passes(pdf_);
}

TEST_F(PdfWriter, FontsAreEmbeddedSubsetsWithToUnicode) {
  const RunResult r = run("pdffonts " + quoted(pdf_.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  int fonts_seen = 0;
  bool body = false, headline = false;
  for (const PdfFontLine& f : pdffonts_lines(r.out)) {
    const std::vector<std::string>& w = f.words;
    const std::string& l = f.line;
    ASSERT_GE(w.size(), 6u) << l;
    ++fonts_seen;
    expect_embedded_subset_with_to_unicode(f);
    // Subset names carry a six-letter tag: ABCDEF+PostScriptName.
    ASSERT_GT(w[0].size(), 7u) << l;
    EXPECT_EQ(w[0][6], '+') << l;
    body = body || w[0].substr(7) == "NotoSerifCJKsc-Regular";
    headline = headline || w[0].substr(7) == "NotoSansCJKsc-Bold";
  }
  EXPECT_EQ(fonts_seen, 2) << r.out;
  EXPECT_TRUE(body) << r.out;
  EXPECT_TRUE(headline) << r.out;
}

TEST_F(PdfWriter, TextComesBack) {
  const RunResult r = run("pdftotext -enc UTF-8 " + quoted(pdf_.string()) + " -");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string text = without_space(r.out);
  for (const char* want : {"报纸排版引擎测试", "破折号——省略号……完", "头版标题"})
    EXPECT_NE(text.find(want), std::string::npos) << "missing " << want << " in:\n" << r.out;
}

TEST_F(PdfWriter, PageBoxesFollowTrimAndBleed) {
  const RunResult r = run("pdfinfo -box " + quoted(pdf_.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto box = [&](const std::string& name) {
    size_t at = r.out.find(name + ":");
    if (at == std::string::npos) return std::vector<double>{};
    std::istringstream in(r.out.substr(at + name.size() + 1));
    std::vector<double> v(4);
    for (double& d : v) in >> d;
    return v;
  };
  const std::vector<double> media = box("MediaBox"), trim = box("TrimBox"), bleed = box("BleedBox");
  ASSERT_EQ(media.size(), 4u) << r.out;
  ASSERT_EQ(trim.size(), 4u) << r.out;
  ASSERT_EQ(bleed.size(), 4u) << r.out;
  const std::vector<double> want_media{0, 0, kWidth + 2 * kBleed, kHeight + 2 * kBleed};
  const std::vector<double> want_trim{kBleed, kBleed, kBleed + kWidth, kBleed + kHeight};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(media[i], want_media[i], 0.01) << r.out;
    EXPECT_NEAR(bleed[i], want_media[i], 0.01) << r.out;
    EXPECT_NEAR(trim[i], want_trim[i], 0.01) << r.out;
  }
  EXPECT_NE(r.out.find("Pages:           1"), std::string::npos) << r.out;
}

TEST_F(PdfWriter, MetadataDatesComeFromTheIssueNotTheClock) {
  const RunResult r = run("pdfinfo -isodates " + quoted(pdf_.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("2024-05-07T00:00:00+08"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("朔州日报 2024-05-07 第9033期"), std::string::npos) << r.out;
}

TEST_F(PdfWriter, SameInputGivesTheSameBytes) {
  EXPECT_TRUE(write_pdf({test_page(fonts())}, kMeta) == bytes_) << "second write differs";
  // A fresh registry (other Face addresses, fonts loaded anew) changes nothing either.
  const FontRegistry other(kFontsToml);
  EXPECT_TRUE(write_pdf({test_page(other)}, kMeta) == bytes_) << "write with a fresh FontRegistry differs";
}

// Pages own the faces they point at: a page made with a registry that is gone
// still writes the same PDF, and its faces go when the last page holding them does.
TEST_F(PdfWriter, APageOutlivesItsFontRegistry) {
  auto registry = std::make_unique<FontRegistry>(kFontsToml);
  std::vector<Page> pages{test_page(*registry)};
  const std::weak_ptr<const Face> body = registry->face("body").shared_from_this();
  registry.reset();
  ASSERT_FALSE(body.expired()) << "the page does not hold its face";
  EXPECT_TRUE(write_pdf(pages, kMeta) == bytes_) << "the PDF of a page whose registry is gone differs";
  pages.clear();
  EXPECT_TRUE(body.expired()) << "a face outlived every page and registry that held it";
}

TEST(SaveAtomically, LeavesOnlyTheTargetFile) {
  TempDir dir;
  const fs::path target = dir.path() / "sub" / "issue.pdf";
  save_atomically(target.string(), "%PDF-1.4 first");
  EXPECT_EQ(slurp(target), "%PDF-1.4 first");
  save_atomically(target.string(), "%PDF-1.4 second, replacing the first");
  EXPECT_EQ(slurp(target), "%PDF-1.4 second, replacing the first");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(target.parent_path())) left.push_back(e.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"issue.pdf"});
}

TEST(SaveAtomically, FailedWriteThrowsAndLeavesNothing) {
  const std::string target = "/proc/forbidden/x.pdf";
  EXPECT_ANY_THROW(save_atomically(target, "%PDF-1.4 never written"));
  EXPECT_FALSE(fs::exists(target));
  EXPECT_FALSE(fs::exists("/proc/forbidden"));
}

TEST(SaveAtomically, FailedRenameLeavesNoTemporaryFile) {
  // A failed save (the final rename fails) removes its temporary file: nothing
  // partial is left next to the target.

  // The target is a directory that is not empty, so the final rename fails
  // after the temporary file has been written.
  TempDir dir;
  const fs::path target = dir.path() / "issue.pdf";
  fs::create_directories(target / "in-the-way");
  EXPECT_ANY_THROW(save_atomically(target.string(), "%PDF-1.4 never written"));
  EXPECT_TRUE(fs::is_directory(target / "in-the-way"));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"issue.pdf"}) << "a temporary file was left behind";
}

}  // namespace
}  // namespace paiban
