// The fast proof (pages drawn straight from the placed page) against Poppler's
// rendering of the PDF of the same pages: same size, text and rules in the
// same places, pixels within a stated bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "image/image.h"
#include "pdf/pdf.h"
#include "pipeline/pipeline.h"
#include "proof/proof.h"
#include "proof/raster.h"
#include "support.h"

namespace paiban {
namespace {

using namespace paiban::test;

// Darkness (0 white .. 255 black) averaged over blocks of 8 × 8 pixels: a
// glyph or rule moved by more than a pixel or two changes its blocks.
std::vector<double> blocks(const Pixels& px, int& bw, int& bh) {
  const int w = px.info.width, h = px.info.height, n = px.info.components;
  bw = (w + 7) / 8;
  bh = (h + 7) / 8;
  std::vector<double> out(static_cast<size_t>(bw) * bh, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* q = &px.data[(static_cast<size_t>(y) * w + x) * n];
      double grey = n >= 3 ? (q[0] + q[1] + q[2]) / 3.0 : q[0];
      out[static_cast<size_t>(y / 8) * bw + x / 8] += (255 - grey) / 64;
    }
  return out;
}

struct Difference {
  double mean = 0;        // mean absolute difference of all samples, 0..255
  double worst_block = 0; // largest difference of an 8 × 8 block's darkness
  double blocks_over = 0; // fraction of blocks differing by more than 24
};

// Mean absolute difference of the samples with b moved by (dx, dy) pixels.
double mean_difference(const Pixels& a, const Pixels& b, int dx, int dy) {
  const int w = a.info.width, h = a.info.height, n = a.info.components;
  double sum = 0;
  size_t count = 0;
  for (int y = 1; y + 1 < h; ++y)
    for (int x = 1; x + 1 < w; ++x)
      for (int c = 0; c < n; ++c, ++count)
        sum += std::abs(a.data[(static_cast<size_t>(y) * w + x) * n + c] -
                        b.data[(static_cast<size_t>(y + dy) * w + x + dx) * n + c]);
  return sum / static_cast<double>(count);
}

Difference compare(const Pixels& a, const Pixels& b) {
  Difference d;
  d.mean = mean_difference(a, b, 0, 0);
  int bw, bh;
  std::vector<double> x = blocks(a, bw, bh), y = blocks(b, bw, bh);
  size_t over = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    d.worst_block = std::max(d.worst_block, std::abs(x[i] - y[i]));
    if (std::abs(x[i] - y[i]) > 24) ++over;
  }
  d.blocks_over = static_cast<double>(over) / static_cast<double>(x.size());
  return d;
}

class RasterAgainstPoppler : public ::testing::TestWithParam<int> {};

TEST_P(RasterAgainstPoppler, PageOneOfTheSampleMatchesPopplersRendering) {
  TempDir dir;
  BuildOptions o;
  o.issue_dir = kSample;
  o.allow_overset = true;
  o.pages = {1};
  o.pdfx = PdfX::None;  // as a proof is built
  BuildResult r = build(o);
  ASSERT_EQ(r.edition.pages.size(), 1u);
  const double dpi = GetParam();
  const std::vector<std::string> ours = render_png(r.edition.pages, dpi, dir.file("ours"));
  const std::vector<std::string> theirs = render_png(r.pdf, dpi, dir.file("poppler"), {1});
  ASSERT_EQ(ours.size(), 1u);
  ASSERT_EQ(theirs.size(), 1u);
  const Pixels a = decode_image(ours[0]), b = decode_image(theirs[0]);
  ASSERT_EQ(a.info.width, b.info.width);
  ASSERT_EQ(a.info.height, b.info.height);
  ASSERT_EQ(a.data.size(), b.data.size());
  const Difference d = compare(a, b);
  std::printf("dpi %g: mean %.2f, worst 8x8 block %.1f, blocks over 24: %.4f%%\n", dpi, d.mean, d.worst_block,
              100 * d.blocks_over);
  // The bound: anti-aliasing differs a little at every edge of every glyph
  // (mean 1.2 at 72 dpi, 4.6 at 150 when this was written); a misplaced line
  // of text, a missing photo or another colour would not stay under it.
  EXPECT_LT(d.mean, 6.0);
  EXPECT_LT(d.blocks_over, 0.0005);
  // Same positions: Poppler's page moved a pixel any way matches worse.
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      if (dx == 0 && dy == 0) continue;
      EXPECT_GT(mean_difference(a, b, dx, dy), d.mean) << "moved by " << dx << "," << dy;
    }
  // And the page is not blank: the comparison has something to compare.
  int bw, bh;
  double ink = 0;
  for (double v : blocks(a, bw, bh)) ink += v;
  EXPECT_GT(ink / (bw * bh), 10.0);
}

INSTANTIATE_TEST_SUITE_P(Sample, RasterAgainstPoppler, ::testing::Values(72, 150));

}  // namespace
}  // namespace paiban

namespace paiban {
namespace {

// A long-lived process (watch mode, the proof desk) pastes photos drawn before
// and compresses again only the bands of rows a change touched: what it writes
// is still exactly the page as drawn from scratch.
TEST(ProofPng, PhotosAndBandsKeptFromTheLastProofStillGiveThePage) {
  TempDir dir;
  BuildOptions o;
  o.issue_dir = test::kSample;
  o.allow_overset = true;
  o.pages = {1};
  o.pdfx = PdfX::None;
  o.write_pdf = false;
  BuildResult r = build(o);
  ASSERT_EQ(r.edition.pages.size(), 1u);
  const Page& page = r.edition.pages[0];
  ASSERT_FALSE(page.images.empty()) << "page 1 has a photo";
  const std::string first = render_png({page}, 72, dir.file("a")).at(0);
  // The same page again: every band and the photo come from what was kept.
  const std::string again = render_png({page}, 72, dir.file("b")).at(0);
  EXPECT_EQ(test::slurp(first), test::slurp(again));
  // One story's text gone: a few bands change, the rest are kept.
  Page changed = page;
  ASSERT_GT(changed.text.size(), 10u);
  auto longest = std::max_element(changed.text.begin(), changed.text.end(), [](const TextRun& a, const TextRun& b) {
    return a.glyphs.size() < b.glyphs.size();
  });
  changed.text.erase(longest);
  const Pixels got = decode_image(render_png({changed}, 72, dir.file("c")).at(0));
  const RasterPage want = rasterise(changed, 72);
  ASSERT_EQ(got.info.width, want.width);
  ASSERT_EQ(got.info.height, want.height);
  ASSERT_EQ(got.info.components, 3);
  EXPECT_TRUE(got.data == want.rgb) << "the PNG differs from the page drawn afresh";
  EXPECT_FALSE(got.data == decode_image(first).data) << "the change shows";
}

}  // namespace
}  // namespace paiban
