// Print truth for photos: what the press receives stays within the layout's
// ink limit at every pixel (measured from outside by Ghostscript's tiffsep and
// inside by the preflight), carries no more pixels than max_ppi, and the JPEG
// encoder's overshoot is taken back before the file is written.
#include <gtest/gtest.h>

#include <cstdint>
#include <regex>
#include <sstream>

#include "image/image.h"
#include "support.h"

namespace paiban::test {
namespace {

constexpr double kTac = 220;  // layouts/broadsheet.toml [print] tac

// An uncompressed 8-bit grey TIFF (a tiffsep separation): its samples.
std::vector<unsigned char> tiff_samples(const std::string& b, int& width, int& height) {
  auto u16 = [&](size_t at) { return static_cast<uint32_t>(static_cast<unsigned char>(b.at(at)) | static_cast<unsigned char>(b.at(at + 1)) << 8); };
  auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  if (b.size() < 8 || b.compare(0, 2, "II") != 0) throw std::runtime_error("not a little-endian TIFF");
  const size_t ifd = u32(4);
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> tags;  // tag -> type, count, value
  std::map<uint32_t, uint32_t> value;
  for (uint32_t i = 0, n = u16(ifd); i < n; ++i) {
    size_t e = ifd + 2 + 12 * i;
    tags[u16(e)] = {u16(e + 2), u32(e + 4)};
    value[u16(e)] = u16(e + 2) == 3 ? u16(e + 8) : u32(e + 8);
  }
  if (value[259] != 1 || value[258] != 8) throw std::runtime_error("TIFF not 8-bit uncompressed");
  width = static_cast<int>(value[256]);
  height = static_cast<int>(value[257]);
  auto list = [&](uint32_t tag) {
    std::vector<uint32_t> v;
    auto [type, count] = tags.at(tag);
    if (count == 1) return std::vector<uint32_t>{value[tag]};
    for (uint32_t k = 0; k < count; ++k) v.push_back(type == 3 ? u16(value[tag] + 2 * k) : u32(value[tag] + 4 * k));
    return v;
  };
  std::vector<uint32_t> offsets = list(273), counts = list(279);
  std::vector<unsigned char> out;
  for (size_t k = 0; k < offsets.size(); ++k) out.insert(out.end(), b.begin() + offsets[k], b.begin() + offsets[k] + counts[k]);
  return out;
}

// The largest C+M+Y+K of any pixel of page `page`, percent, from tiffsep's
// separations (min-is-black: 0 is solid ink).
double tiffsep_max_ink(const TempDir& dir, int page) {
  int most = 0, w = 0, h = 0;
  std::vector<std::vector<unsigned char>> seps;
  for (const char* ink : {"Cyan", "Magenta", "Yellow", "Black"})
    seps.push_back(tiff_samples(slurp(dir.path() / ("p" + std::to_string(page) + "(" + ink + ").tif")), w, h));
  const size_t n = static_cast<size_t>(w) * h;
  for (const auto& s : seps)
    if (s.size() < n) throw std::runtime_error("short separation");
  for (size_t i = 0; i < n; ++i) most = std::max(most, 4 * 255 - seps[0][i] - seps[1][i] - seps[2][i] - seps[3][i]);
  return most * 100.0 / 255;
}

TEST(Ink, TiffsepOfEveryPageStaysWithinTheLimit) {
  PdfBuild b(kSample, "ink.pdf");
  REQUIRE_PDF(b);
  // 150 dpi: every photo pixel of the sample is about one device pixel or more.
  const RunResult gs = run("gs -q -dSAFER -sDEVICE=tiffsep -sCompression=none -r150 -o " +
                           quoted((b.dir.path() / "p%d.tif").string()) + " " + quoted(b.pdf.string()));
  ASSERT_EQ(gs.exit_code, 0) << gs.out;
  int pages = 0;
  for (int page = 1; page <= 4; ++page, ++pages) {
    const double max = tiffsep_max_ink(b.dir, page);
    EXPECT_LE(max, kTac + 1) << "page " << page;
    std::printf("page %d: tiffsep max total ink %.1f%%\n", page, max);
  }
  EXPECT_EQ(pages, 4);
}

TEST(Ink, PreflightReportsTheDarkestPixelOfEveryPhoto) {
  PdfBuild b(kSample, "preflight.pdf");
  REQUIRE_PDF(b);
  const RunResult pf = run(paiban_command("preflight " + quoted(b.pdf.string())));
  EXPECT_EQ(pf.exit_code, 0) << pf.out;
  std::regex line("page (\\d): image Im\\d: \\d+x\\d+ px, darkest pixel ([0-9.]+)% total ink");
  int photos = 0;
  for (auto it = std::sregex_iterator(pf.out.begin(), pf.out.end(), line); it != std::sregex_iterator(); ++it, ++photos)
    EXPECT_LE(std::stod((*it)[2]), kTac + 1) << (*it)[0];
  EXPECT_EQ(photos, 2) << pf.out;  // the two colour photos (pages 1 and 4); the grey one is one ink
}

TEST(Ink, EveryImageCarriesAtMostMaxPpi) {
  PdfBuild b(kSample, "ppi.pdf");
  REQUIRE_PDF(b);
  const RunResult list = run_apart("pdfimages -list " + quoted(b.pdf.string()));
  ASSERT_EQ(list.exit_code, 0) << list.all();
  std::istringstream lines(list.out);
  int images = 0;
  for (std::string l; std::getline(lines, l);) {
    std::istringstream w(l);
    std::vector<std::string> f;
    for (std::string s; w >> s;) f.push_back(s);
    if (f.size() < 14 || f[1].find_first_not_of("0123456789") != std::string::npos) continue;
    ++images;
    EXPECT_LE(std::stoi(f[12]), 315) << l;  // x-ppi: max_ppi 300 + 5%
    EXPECT_LE(std::stoi(f[13]), 315) << l;
    EXPECT_GE(std::stoi(f[12]), 250) << "downsampled too far: " << l;
  }
  EXPECT_EQ(images, 3) << list.out;
}

// A CMYK test card at the ink limit with hard edges: the worst case for JPEG's ringing.
Pixels card(double tac) {
  Pixels px;
  px.info.width = px.info.height = 64;
  px.info.components = 4;
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      bool dark = ((x / 3) + (y / 5)) % 2 == 0;
      int k = dark ? 200 : 0, rest = dark ? static_cast<int>(tac * 255 / 100) - k : 0;
      unsigned char p[4] = {static_cast<unsigned char>(rest / 3), static_cast<unsigned char>(rest / 3),
                            static_cast<unsigned char>(rest - 2 * (rest / 3)), static_cast<unsigned char>(k)};
      px.data.insert(px.data.end(), p, p + 4);
    }
  return px;
}

TEST(Ink, TrialEncodesKeepTheDecodedPhotoWithinTheLimit) {
  const Pixels px = card(kTac);
  ASSERT_LE(max_ink(px), kTac);
  // Plain encoding overshoots: the case the encoder must handle.
  EXPECT_GT(max_ink(decode_jpeg(encode_jpeg(px, 90))), kTac + 1);
  const std::string fitted = encode_within_ink(px, kTac, 90);
  ASSERT_FALSE(fitted.empty());
  EXPECT_LE(max_ink(decode_jpeg(fitted)), kTac);
}

TEST(Ink, AreaAverageDownsampling) {
  Pixels px;
  px.info.width = 4;
  px.info.height = 2;
  px.info.components = 1;
  px.data = {0, 255, 0, 255, 255, 0, 255, 0};
  const Pixels half = resample(px, 2, 1);
  ASSERT_EQ(half.data.size(), 2u);
  EXPECT_EQ(half.data[0], 128);  // the mean, not a sample
  EXPECT_EQ(half.data[1], 128);
  const Pixels third = resample(px, 3, 2);  // fractional shares
  ASSERT_EQ(third.data.size(), 6u);
  EXPECT_EQ(third.data[0], 64);  // 1⅓ source pixels: (0 × 1 + 255 × ⅓) / 1⅓
  EXPECT_EQ(resample(px, 8, 8).data, px.data) << "never made larger";
}

TEST(Ink, TestsKeepTheirCacheInTheBuildTree) {
  const char* cache = std::getenv("PAIBAN_CACHE");
  ASSERT_NE(cache, nullptr);
  EXPECT_EQ(std::string(cache), PAIBAN_TEST_CACHE);
  EXPECT_EQ(std::string(cache).find(std::getenv("HOME") ? std::getenv("HOME") + std::string("/.cache") : "~"),
            std::string::npos);
}

}  // namespace
}  // namespace paiban::test
