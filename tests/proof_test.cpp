// Proofs: `paiban proof` on the sample issue (issues/2024-05-07), checked from
// outside with poppler-utils and python3's JSON parser — a proof places a page
// exactly as the print build does, overlays appear only in proofs, the fit
// report names every frame and any overset text, PNGs have the requested size.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/issue.h"
#include "style/layout.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

// --- pdftotext -bbox ----------------------------------------------------------

struct Word {
  double x0, y0, x1, y1;
  std::string text;
};

std::vector<Word> words(const fs::path& pdf, int page) {
  static const std::regex word(
      R"re(<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">(.*)</word>)re");
  std::vector<Word> out;
  std::istringstream lines(page_text(pdf, page, "-bbox"));
  for (std::string l; std::getline(lines, l);) {
    std::smatch m;
    if (std::regex_search(l, m, word))
      out.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
  }
  return out;
}

// Same words at the same places (to 0.01 pt), in the same order.
void expect_same_placement(const std::vector<Word>& a, const std::vector<Word>& b, const std::string& what) {
  ASSERT_GT(a.size(), 100u) << what << ": too few words to compare";
  ASSERT_EQ(a.size(), b.size()) << what;
  int bad = 0;
  for (size_t i = 0; i < a.size() && bad < 10; ++i) {
    const Word &p = a[i], &q = b[i];
    const double d = std::max({std::abs(p.x0 - q.x0), std::abs(p.y0 - q.y0), std::abs(p.x1 - q.x1), std::abs(p.y1 - q.y1)});
    if (p.text != q.text || d > 0.01) {
      ++bad;
      ADD_FAILURE() << what << ": word " << i << " differs: '" << p.text << "' at (" << p.x0 << ", " << p.y0
                    << ") vs '" << q.text << "' at (" << q.x0 << ", " << q.y0 << ")";
    }
  }
}

// The whole sample built once (no PDF/X: a proof is not PDF/X either).
const fs::path& full_build() {
  static TempDir dir;
  static const fs::path pdf = [] {
    const fs::path p = dir.path() / "full.pdf";
    const RunResult r = run_apart(paiban_command("build " + quoted(kSample) + " --pdfx none -o " + quoted(p.string())));
    if (r.exit_code != 0 || !fs::exists(p)) throw std::runtime_error("sample build failed: " + r.all());
    return p;
  }();
  return pdf;
}

RunResult proof(const std::string& issue, int page, const fs::path& out, const std::string& extra = "") {
  return run_apart(paiban_command("proof " + quoted(issue) + " --page " + std::to_string(page) + " -o " +
                                  quoted(out.string()) + (extra.empty() ? "" : " " + extra)));
}

class ProofPlacement : public ::testing::TestWithParam<int> {};

TEST_P(ProofPlacement, ProofOfPageIsPlacedLikeThatPageOfTheFullBuild) {
  const int page = GetParam();
  TempDir dir;
  const fs::path pdf = dir.path() / "proof.pdf";
  const RunResult r = proof(kSample, page, pdf);
  ASSERT_EQ(r.exit_code, 0) << r.all();
  ASSERT_TRUE(fs::exists(pdf)) << r.all();
  const RunResult info = run_apart("pdfinfo " + quoted(pdf.string()));
  EXPECT_NE(info.out.find("Pages:           1\n"), std::string::npos) << info.out;
  expect_same_placement(words(full_build(), page), words(pdf, 1), "page " + std::to_string(page));
}

INSTANTIATE_TEST_SUITE_P(Sample, ProofPlacement, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& i) { return "Page" + std::to_string(i.param); });

// Frame labels of the frames overlay: the module id, then "N栏 used/avail行".
int frame_labels(const std::vector<Word>& w, const std::string& module) {
  int n = 0;
  for (size_t i = 0; i + 1 < w.size(); ++i)
    if (w[i].text == module && w[i + 1].text.find("栏") != std::string::npos) ++n;
  return n;
}

TEST(Proof, OverlaysAppearInProofsOnlyNeverInThePrintBuild) {
  TempDir dir;
  const fs::path proofed = dir.path() / "overlay.pdf", printed = dir.path() / "print.pdf";
  const RunResult a = proof(kSample, 1, proofed, "--overlay all");
  ASSERT_EQ(a.exit_code, 0) << a.all();
  const RunResult b =
      run_apart(paiban_command("build " + quoted(kSample) + " --page 1 -o " + quoted(printed.string())));
  ASSERT_EQ(b.exit_code, 0) << b.all();
  const std::vector<Word> with = words(proofed, 1), without = words(printed, 1);
  EXPECT_EQ(frame_labels(with, "lead"), 1) << "the proof lacks the frame label of the lead";
  EXPECT_EQ(frame_labels(with, "summit"), 1) << "the proof lacks the frame label of summit";
  EXPECT_EQ(frame_labels(without, "lead"), 0) << "the print PDF carries a proof overlay";
  EXPECT_EQ(frame_labels(without, "summit"), 0) << "the print PDF carries a proof overlay";
  EXPECT_GT(with.size(), without.size());
  // The print build has the page's words and nothing more: those of a proof without overlays.
  const fs::path plain = dir.path() / "plain.pdf";
  ASSERT_EQ(proof(kSample, 1, plain).exit_code, 0);
  expect_same_placement(words(plain, 1), without, "print build vs plain proof, page 1");
}

TEST(Proof, UnknownOverlayIsRefused) {
  TempDir dir;
  const RunResult r = proof(kSample, 1, dir.path() / "x.pdf", "--overlay frames,bogus");
  EXPECT_EQ(r.exit_code, 2) << r.all();
  EXPECT_NE(r.err.find("bogus"), std::string::npos) << r.all();
  EXPECT_FALSE(fs::exists(dir.path() / "x.pdf"));
}

// --- The fit report -------------------------------------------------------------

// A copy of the sample with far more text in summit.md than its frame holds.
struct OversetCopy : IssueCopy {
  OversetCopy() { add_paragraphs("summit", 40); }
};

// Runs python3 on `json` (given on stdin) with `script`; returns what it prints.
RunResult python(const std::string& script, const std::string& json, const fs::path& scratch) {
  const fs::path in = scratch / "report.json";
  spit(in, json);
  return run_apart("python3 -c " + quoted(script) + " < " + quoted(in.string()));
}

// A report "for tools" (proof.h) must be the only thing on stdout.
TEST(ProofReport, JsonReportIsTheWholeOfStdout) {
  OversetCopy copy;
  const RunResult r = proof(copy.issue.string(), 1, copy.dir.path() / "p.pdf", "--report=json");
  ASSERT_EQ(r.exit_code, 0) << r.all();
  const RunResult py = python("import json,sys; json.load(sys.stdin); print('ok')", r.out, copy.dir.path());
  EXPECT_EQ(py.exit_code, 0) << "stdout is not JSON:\n" << r.out.substr(0, 400) << "\n" << py.err;
}

// The JSON document in the output: its line starts with '{' (the report is one line).
std::string json_line(const std::string& out) {
  std::istringstream lines(out);
  for (std::string l; std::getline(lines, l);)
    if (!l.empty() && l[0] == '{') return l;
  return "";
}

TEST(ProofReport, JsonNamesAnOversetFrameAndBuildRefusesIt) {
  OversetCopy copy;
  const RunResult r = proof(copy.issue.string(), 1, copy.dir.path() / "p.pdf", "--report=json");
  ASSERT_EQ(r.exit_code, 0) << "a proof sets overset text and marks it: " << r.all();
  const std::string json = json_line(r.out);
  ASSERT_FALSE(json.empty()) << "no JSON in the output: " << r.all();
  // The frame of summit: overset lines and the overflowing text; the notice.
  const RunResult py = python(
      "import json,sys\n"
      "d=json.load(sys.stdin)\n"
      "f=[f for f in d['frames'] if f['article']=='summit']\n"
      "n=[n for n in d['notices'] if n['article']=='summit' and 'overset' in n['message']]\n"
      "print(len(f), f[0]['page'] if f else 0, f[0]['overset_lines'] if f else 0,\n"
      "      sum(len(x) for x in f[0]['overflow']) if f else 0, len(n), d['ok'])\n",
      json, copy.dir.path());
  ASSERT_EQ(py.exit_code, 0) << "the JSON report does not parse: " << py.err << "\n" << json.substr(0, 400);
  std::istringstream fields(py.out);
  int frames = 0, page = 0, overset = 0, overflow_chars = 0, notices = 0;
  std::string ok;
  fields >> frames >> page >> overset >> overflow_chars >> notices >> ok;
  EXPECT_EQ(frames, 1) << py.out;
  EXPECT_EQ(page, 1) << py.out;
  EXPECT_GT(overset, 0) << py.out;
  EXPECT_GT(overflow_chars, 0) << "the overflow text is empty: " << py.out;
  EXPECT_EQ(notices, 1) << py.out;
  EXPECT_EQ(ok, "True") << "overset in a proof is a warning, not an error: " << py.out;
  // The print build refuses it, naming the article and the lines over.
  const fs::path pdf = copy.dir.path() / "print.pdf";
  const RunResult b = run_apart(paiban_command("build " + quoted(copy.issue.string()) + " -o " + quoted(pdf.string())));
  EXPECT_NE(b.exit_code, 0) << b.all();
  EXPECT_NE(b.err.find("summit"), std::string::npos) << b.all();
  EXPECT_NE(b.err.find(std::to_string(overset) + " lines"), std::string::npos)
      << "the error does not give the " << overset << " lines over: " << b.all();
  EXPECT_FALSE(fs::exists(pdf));
}

TEST(ProofReport, TextReportListsEveryFrameOfThePage) {
  const Issue issue = load_issue(kSample);
  TempDir dir;
  for (const PagePlan& plan : issue.pages) {
    const RunResult r = proof(kSample, plan.number, dir.path() / "p.pdf", "--report");
    ASSERT_EQ(r.exit_code, 0) << r.all();
    // Rows: page, frame letter, article, ...
    std::vector<std::pair<char, std::string>> rows;
    std::istringstream lines(r.out);
    for (std::string l; std::getline(lines, l);) {
      std::istringstream w(l);
      std::string page, letter, module, fit;
      if (w >> page >> letter >> module && page == std::to_string(plan.number) && letter.size() == 1) {
        rows.emplace_back(letter[0], module);
        // No widow, orphan or subhead at a column end anywhere in the sample (#15).
        int cols = 0, needed = 0, overset = 0, underset = 0, widows = -1, orphans = -1, subheads = -1;
        w >> cols >> fit >> needed >> overset >> underset >> widows >> orphans >> subheads;
        EXPECT_EQ(widows, 0) << l;
        EXPECT_EQ(orphans, 0) << l;
        EXPECT_EQ(subheads, 0) << l;
      }
    }
    int frames = 0;
    for (const Area& a : plan.areas) {
      if (a.module[0] == '@') continue;
      ++frames;
      EXPECT_EQ(std::count(rows.begin(), rows.end(), std::make_pair(a.letter, a.module)), 1)
          << "page " << plan.number << ": frame " << a.letter << " (" << a.module << ") is not in the report:\n"
          << r.out;
    }
    EXPECT_EQ(static_cast<int>(rows.size()), frames) << "page " << plan.number << ":\n" << r.out;
  }
}

// --- PNG ------------------------------------------------------------------------

uint32_t be32(const std::string& b, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

class ProofPng : public ::testing::TestWithParam<int> {};

TEST_P(ProofPng, OnePngOfThePageWithBleedAtTheRequestedResolution) {
  const int dpi = GetParam();
  const Layout L = load_layout(PAIBAN_SOURCE_DIR "/layouts/" + load_issue(kSample).layout + ".toml");
  TempDir dir;
  const RunResult r = proof(kSample, 3, dir.path() / "p", "--png --dpi " + std::to_string(dpi));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir.path())) files.push_back(e.path());
  ASSERT_EQ(files.size(), 1u) << r.all();
  EXPECT_EQ(files[0].filename(), "p-3.png");
  const std::string png = slurp(files[0]);
  ASSERT_GE(png.size(), 33u);
  ASSERT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << "not a PNG";
  ASSERT_EQ(png.substr(12, 4), "IHDR");
  const double w = L.trim_w + 2 * L.bleed, h = L.trim_h + 2 * L.bleed;  // the media box, pt
  EXPECT_EQ(be32(png, 16), static_cast<uint32_t>(std::lround(w * dpi / 72))) << "width at " << dpi << " dpi";
  EXPECT_EQ(be32(png, 20), static_cast<uint32_t>(std::lround(h * dpi / 72))) << "height at " << dpi << " dpi";
}

INSTANTIATE_TEST_SUITE_P(Sample, ProofPng, ::testing::Values(30, 72),
                         [](const ::testing::TestParamInfo<int>& i) { return "Dpi" + std::to_string(i.param); });

}  // namespace
}  // namespace paiban
