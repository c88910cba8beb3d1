// The print PDF as the press receives it: PDF/X-1a by default, PDF/X-4 on
// request, an embedded output profile with --icc, printer's marks in the slug,
// and a file Ghostscript renders without a word of complaint.
#include <gtest/gtest.h>

#include <regex>

#include "support.h"

namespace paiban::test {
namespace {

const char* kProfile = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

std::string object_dump(const fs::path& pdf, const std::string& what) {
  return run_apart("qpdf --show-object=" + what + " --filtered-stream-data " + quoted(pdf.string())).out;
}

// The catalog's /OutputIntents dictionary, as qpdf shows it.
std::string output_intent(const fs::path& pdf) {
  std::string trailer = object_dump(pdf, "trailer");
  std::smatch m;
  if (!std::regex_search(trailer, m, std::regex("/Root (\\d+) 0 R"))) return {};
  std::string catalog = object_dump(pdf, m[1]);
  if (!std::regex_search(catalog, m, std::regex("/OutputIntents \\[ (\\d+) 0 R"))) return {};
  return object_dump(pdf, m[1]);
}

// The output intent declares the condition the photos were separated for:
// the profile that separated them, embedded and named by its description
// (Debian ships no newsprint characterisation; IFRA26 would be a false claim).
TEST(Print, DefaultIsPdfX1aDeclaringTheProfileThePhotosWereSeparatedWith) {
  PdfBuild b(kSample, "x1a.pdf");
  REQUIRE_PDF(b);
  EXPECT_EQ(slurp(b.pdf).substr(0, 8), "%PDF-1.3");
  std::string intent = output_intent(b.pdf);
  EXPECT_NE(intent.find("/S /GTS_PDFX"), std::string::npos) << intent;
  EXPECT_EQ(intent.find("IFRA26"), std::string::npos) << intent;
  EXPECT_NE(intent.find("/OutputConditionIdentifier (Custom)"), std::string::npos) << intent;
  EXPECT_NE(intent.find("/OutputCondition (Artifex CMYK SWOP Profile)"), std::string::npos) << intent;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(intent, m, std::regex("/DestOutputProfile (\\d+) 0 R"))) << intent;
  const std::string profile = run_apart("qpdf --show-object=" + m[1].str() + " --raw-stream-data --filtered-stream-data " +
                                        quoted(b.pdf.string())).out;
  EXPECT_EQ(profile, slurp(kProfile)) << "the embedded profile is not the one that separated the photos";
  const RunResult pf = run(paiban_command("preflight " + quoted(b.pdf.string())));
  EXPECT_EQ(pf.exit_code, 0) << pf.out;
  EXPECT_NE(pf.out.find("PDF/X-1a:2001"), std::string::npos) << pf.out;
}

TEST(Print, IccProfileIsEmbeddedAsTheDestOutputProfile) {
  PdfBuild b(kSample, "icc.pdf", std::string("--icc ") + kProfile);
  REQUIRE_PDF(b);
  std::string intent = output_intent(b.pdf);
  EXPECT_NE(intent.find("/DestOutputProfile"), std::string::npos) << intent;
  EXPECT_EQ(run(paiban_command("preflight " + quoted(b.pdf.string()))).exit_code, 0);
}

TEST(Print, PdfX4CarriesItsIdentificationInXmpAndAnEmbeddedProfile) {
  PdfBuild b(kSample, "x4.pdf", "--pdfx 4");
  REQUIRE_PDF(b);
  const std::string bytes = slurp(b.pdf);
  EXPECT_EQ(bytes.substr(0, 8), "%PDF-1.6");
  EXPECT_NE(bytes.find("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"), std::string::npos);
  EXPECT_NE(output_intent(b.pdf).find("/DestOutputProfile"), std::string::npos);
  const RunResult pf = run(paiban_command("preflight " + quoted(b.pdf.string())));
  EXPECT_EQ(pf.exit_code, 0) << pf.out;
  EXPECT_NE(pf.out.find("PDF/X-4"), std::string::npos) << pf.out;
}

TEST(Print, MarksSitInTheSlugOutsideTheBleedBox) {
  PdfBuild plain(kSample, "plain.pdf");
  PdfBuild marked(kSample, "marks.pdf", "--marks");
  REQUIRE_PDF(plain);
  REQUIRE_PDF(marked);
  auto box = [](const fs::path& pdf, const std::string& name) {
    std::string info = run_apart("pdfinfo -box -f 1 -l 1 " + quoted(pdf.string())).out;
    std::smatch m;
    std::regex re(name + ":\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)");
    EXPECT_TRUE(std::regex_search(info, m, re)) << info;
    return std::array<double, 4>{std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])};
  };
  auto media = box(marked.pdf, "MediaBox"), bleed = box(marked.pdf, "BleedBox"), trim = box(marked.pdf, "TrimBox");
  // Media ⊃ Bleed ⊃ Trim, with room for marks between media and bleed.
  EXPECT_LT(media[0] + 20, bleed[0]);
  EXPECT_LT(bleed[0], trim[0]);
  EXPECT_GT(media[2] - 20, bleed[2]);
  EXPECT_GT(bleed[2], trim[2]);
  // The trim is the same page with and without marks.
  auto plain_trim = box(plain.pdf, "TrimBox");
  EXPECT_NEAR(trim[2] - trim[0], plain_trim[2] - plain_trim[0], 0.01);
  // The page label in the slug names the paper, the date and the page.
  std::string label = without_space(pdf_text(marked.pdf, "-f 1 -l 1"));
  EXPECT_NE(label.find("2024-05-07第1版CMYK"), std::string::npos);
  EXPECT_EQ(run(paiban_command("preflight " + quoted(marked.pdf.string()))).exit_code, 0);
  // The label keeps clear of the bottom-left crop mark, which runs down from
  // the trim's left edge (pdftotext's boxes measure from the top left).
  const std::string words = run_apart("pdftotext -bbox -f 1 -l 1 " + quoted(marked.pdf.string()) + " -").out;
  std::regex word("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>");
  const double trim_bottom = media[3] - trim[1];  // top-down
  int in_slug = 0;
  for (auto it = std::sregex_iterator(words.begin(), words.end(), word); it != std::sregex_iterator(); ++it) {
    if (std::stod((*it)[2]) < trim_bottom) continue;
    ++in_slug;
    EXPECT_GT(std::stod((*it)[1]), trim[0] + 4) << "the slug label runs into the crop mark: " << (*it)[5];
  }
  EXPECT_GE(in_slug, 1) << "no label found in the bottom slug";
}

TEST(Print, GhostscriptRendersTheIssueWithoutWarnings) {
  PdfBuild b(kSample, "gs.pdf");
  REQUIRE_PDF(b);
  const RunResult gs = run_apart("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage " + quoted(b.pdf.string()));
  EXPECT_EQ(gs.exit_code, 0) << gs.all();
  EXPECT_EQ(gs.out + gs.err, "") << gs.all();
}

TEST(Print, PreflightMeasuresInkByRasterisingAndTheSampleIsWithinTheLimit) {
  PdfBuild b(kSample, "ink.pdf");
  REQUIRE_PDF(b);
  const RunResult ok = run(paiban_command("preflight --json " + quoted(b.pdf.string())));
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_NE(ok.out.find("\"passed\":true"), std::string::npos) << ok.out;
  // The same file judged against a 150% limit fails on ink, naming page 1.
  const RunResult tight = run(paiban_command("preflight --tac 150 " + quoted(b.pdf.string())));
  EXPECT_EQ(tight.exit_code, 1) << tight.out;
  EXPECT_NE(tight.out.find("tac"), std::string::npos) << tight.out;
  EXPECT_NE(tight.out.find("page 1"), std::string::npos) << tight.out;
}

}  // namespace
}  // namespace paiban::test
