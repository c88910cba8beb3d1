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

}  // namespace
}  // namespace paiban
