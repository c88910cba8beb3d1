// The build's own preflight (from the placed pages) against preflight() reading
// the PDF the writer made of the same pages: the same verdicts, page by page,
// on the sample and on a page made deliberately bad.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "image/image.h"
#include "pdf/pdf.h"
#include "pipeline/pipeline.h"
#include "preflight/preflight.h"
#include "support.h"

namespace paiban {
namespace {

using namespace paiban::test;

using Verdict = std::tuple<int, std::string, int>;  // page, rule, level

std::set<Verdict> verdicts(const std::vector<PreflightIssue>& issues) {
  std::set<Verdict> out;
  for (const PreflightIssue& i : issues) out.emplace(i.page, i.rule, static_cast<int>(i.level));
  return out;
}

std::string listing(const std::vector<PreflightIssue>& issues) {
  std::string s;
  for (const PreflightIssue& i : issues) s += std::to_string(i.page) + " " + i.rule + " " + i.object + ": " + i.what + "\n";
  return s;
}

BuildResult sample_pages() {
  BuildOptions o;
  o.issue_dir = kSample;
  o.allow_overset = true;
  o.preflight = false;
  return build(o);
}

// Both preflights of `pages`; the PDF-reading one must find nothing wrong with
// the document as a whole (the writer's guarantees).
void expect_agreement(const std::vector<Page>& pages, std::set<Verdict>* seen = nullptr) {
  PreflightLimits limits;
  limits.rasterise_ink = false;
  const std::string pdf = write_pdf(pages, PdfMeta{"agree", "2024-05-07", "paiban", "test"});
  const PreflightReport read = preflight_bytes(pdf, "agree.pdf", limits);
  const std::vector<PreflightIssue> own = preflight_pages(pages, limits);
  for (const PreflightIssue& i : read.issues) EXPECT_NE(i.page, 0) << listing(read.issues);
  EXPECT_EQ(verdicts(own), verdicts(read.issues)) << "own:\n" << listing(own) << "read back:\n" << listing(read.issues);
  if (seen) *seen = verdicts(own);
}

TEST(PreflightOwn, AgreesWithTheReadBackPreflightOnTheSample) {
  BuildResult r = sample_pages();
  ASSERT_FALSE(r.edition.pages.empty());
  expect_agreement(r.edition.pages);
}

TEST(PreflightOwn, AgreesOnADeliberatelyBadPage) {
  TempDir dir;
  BuildResult r = sample_pages();
  ASSERT_GE(r.edition.pages.size(), 2u);
  std::vector<Page> pages(r.edition.pages.begin(), r.edition.pages.begin() + 2);
  Page& bad = pages[1];
  ASSERT_FALSE(bad.text.empty());
  for (size_t i = 0; i < bad.text.size(); i += 7) bad.text[i].size = 4.5;  // under 6 pt
  bad.rules.push_back(Rule{40, 300, 400, 300, 0.1, Cmyk{}});                // under 0.1 mm
  bad.rules.push_back(Rule{40, 320, 400, 320, 0, Cmyk{}});                  // a hairline
  bad.boxes.push_back(Box{40, 340, 300, 0.2, Cmyk{}, false, 0.5});          // a thin tint
  bad.boxes.push_back(Box{40, 360, 300, 50, Cmyk{}, true, 0.05});           // a thin outline
  Pixels px;
  px.info.width = px.info.height = 16;
  px.info.components = 1;
  px.data.assign(16 * 16, 128);
  const std::string jpeg = dir.write("small.jpg", encode_jpeg(px, 90)).string();
  bad.images.push_back(ImagePlacement{jpeg, 40, 420, 200, 150});  // 16 px over 200 pt: 6 ppi
  std::set<Verdict> seen;
  expect_agreement(pages, &seen);
  // Not agreement by both finding nothing: every planted fault is found.
  EXPECT_TRUE(seen.count({2, "min-text", PreflightIssue::Failure}));
  EXPECT_TRUE(seen.count({2, "min-rule", PreflightIssue::Failure}));
  EXPECT_TRUE(seen.count({2, "image-ppi", PreflightIssue::Warning}));
  EXPECT_FALSE(seen.count({1, "min-rule", PreflightIssue::Failure}));
}

// Ink is judged from the page model too (the build's one ink check): a tint of
// 300% and a CMYK photo darker than the limit fail, marks in the slug do not.
TEST(PreflightOwn, InkOverTheLimitFailsFromThePageModel) {
  TempDir dir;
  Page p;
  p.number = 3;
  p.width = 400;
  p.height = 600;
  p.boxes.push_back(Box{40, 40, 100, 50, Cmyk{1, 1, 1, 0}, false, 0.5});  // 300%
  p.boxes.push_back(Box{-8, -8, 5, 5, Cmyk{1, 1, 1, 1}, false, 0.5});     // registration, in the slug
  Pixels px;
  px.info.width = px.info.height = 16;
  px.info.components = 4;
  px.data.assign(16 * 16 * 4, 0);
  for (int i = 0; i < 4; ++i) px.data[i] = 255;  // one pixel of 400%
  const std::string jpeg = dir.write("dark.jpg", encode_jpeg(px, 100)).string();
  p.images.push_back(ImagePlacement{jpeg, 40, 200, 100, 100});
  PreflightLimits limits;
  limits.max_tac = 240;
  const std::vector<PreflightIssue> own = preflight_pages({p}, limits);
  std::vector<std::string> tac;
  for (const PreflightIssue& i : own)
    if (i.rule == "tac") tac.push_back(i.object + ": " + i.what);
  ASSERT_EQ(tac.size(), 2u) << listing(own);
  EXPECT_NE(tac[0].find("a tint: carries 300% ink, over the 240% limit"), std::string::npos) << tac[0];
  EXPECT_NE(tac[1].find("darkest pixel of image"), std::string::npos) << tac[1];
  limits.max_tac = 400;
  for (const PreflightIssue& i : preflight_pages({p}, limits)) EXPECT_NE(i.rule, "tac") << listing({i});
}

}  // namespace
}  // namespace paiban
