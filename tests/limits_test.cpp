// Hostile input: the real `paiban` command line on issues generated in
// temporary folders. Every case must end in a clear error (exit code 1 or 2
// with a message on stderr, no PDF) or a correct page (exit code 0, a PDF with
// nothing dropped) — never a crash, a hang or unbounded memory. Each run is
// under `timeout` and, when it is installed, GNU time for its peak memory.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "limits.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

// The harness itself: a crash is seen as one, memory is measured.
TEST(LimitsHarness, SeesACrashAndMeasuresMemory) {
  TempDir dir;
  const Outcome crash = run_limited(dir, "sh -c 'echo dying >&2; kill -SEGV $$'", dir.path() / "none.pdf");
  EXPECT_GE(crash.exit_code, 128) << crash.all();
  EXPECT_NONFATAL_FAILURE(expect_sane(crash), "crashed, hung or failed inside");
  if (!fs::exists("/usr/bin/time")) GTEST_SKIP() << "no GNU time: memory is not measured";
  const Outcome big = run_limited(dir, "python3 -c 'x = bytearray(64 << 20); x[::4096] = b\"x\" * len(x[::4096])'",
                                  dir.path() / "none.pdf");
  EXPECT_EQ(big.exit_code, 0) << big.all();
  EXPECT_GT(big.rss_kb, 64 * 1024) << big.all();
}

TEST(Limits, ArticleWithATitleOnly) {
  Folder issue;
  issue.article("a", "+++\ntitle = \"只有标题\"\n+++\n");
  const Outcome r = paiban(issue.dir, "build " + issue.arg());
  expect_sane(r);
  if (r.exit_code != 0) {
    EXPECT_NE(r.err.find("a.md"), std::string::npos) << r.all();
  }
}

TEST(Limits, ArticleWithATitleOnlyIsSetWithItsTitle) {
  Folder issue;
  issue.article("a", "+++\ntitle = \"只有标题\"\n+++\n");
  const Outcome r = paiban(issue.dir, "build " + issue.arg());
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_NE(pdf_text(r.pdf).find("只有标题"), std::string::npos) << "the title is not on the page: " << r.all();
}

// A character no font has is an error wherever it stands: in a headline (named
// at the title's line) as in the body; never a box printed without a word.
TEST(Limits, CharacterNoFontHasInATitleIsAnErrorAtItsLine) {
  Folder issue;
  issue.article("a", "+++\nsection = \"要闻\"\ntitle = \"城市🩰公园\"\n+++\n\n正文一段。\n");
  const Outcome r = paiban(issue.dir, "build " + issue.arg());
  expect_sane(r);
  EXPECT_NE(r.exit_code, 0) << r.all();
  EXPECT_NE(r.err.find("a.md:3: error"), std::string::npos) << r.all();
  EXPECT_NE(r.err.find("U+1FA70"), std::string::npos) << r.all();
  EXPECT_FALSE(fs::exists(r.pdf)) << "no PDF with a missing glyph";
}

// The same for text from issue.toml: the paper's name on the masthead and folios.
TEST(Limits, CharacterNoFontHasInThePapersNameIsAnErrorAtItsLine) {
  Folder issue;
  issue.article("a", kFront + "正文一段。\n");
  std::string toml = slurp(issue.path / "issue.toml");
  toml.replace(toml.find("测试日报"), std::string("测试日报").size(), "测试🩰日报");
  spit(issue.path / "issue.toml", toml);
  const Outcome r = paiban(issue.dir, "build " + issue.arg());
  expect_sane(r);
  EXPECT_NE(r.exit_code, 0) << r.all();
  EXPECT_NE(r.err.find("issue.toml:2: error: 缺字"), std::string::npos) << r.all();
  EXPECT_FALSE(fs::exists(r.pdf));
}

TEST(Limits, CompletelyEmptyArticleFile) {
  Folder issue;
  issue.article("a", "");
  const Outcome r = paiban(issue.dir, "build " + issue.arg());
  expect_sane(r);
  if (r.exit_code != 0) {
    EXPECT_NE(r.err.find("a.md"), std::string::npos) << r.all();
  }
}

TEST(Limits, TenThousandCharacterUnbrokenLatinString) {
  Folder issue;
  issue.article("a", kFront + std::string(10000, 'a') + "\n");
  const Outcome r = paiban(issue.dir, "build " + issue.arg());
  expect_sane(r);
  // It fits the page: every letter is set, broken where it must be.
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(count(pdf_text(r.pdf), "a"), 10000u);
}

TEST(Limits, TwoHundredThousandCharacterArticleFinishes) {
  Folder issue;
  std::string text = kFront;
  const std::string paragraph = repeat("朔州市聚焦发展新质生产力，精心谋划招商项目，着力优化投资环境，狠抓项目开工落地。", 5);
  const size_t chars = static_cast<size_t>(std::count_if(paragraph.begin(), paragraph.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // UTF-8 lead bytes: one per character
  }));
  for (size_t n = 0; n < 200000; n += chars) text += paragraph + "\n\n";
  issue.article("a", text);
  const Outcome r = paiban(issue.dir, "build " + issue.arg() + " --allow-overset");
  expect_sane(r);
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_NE(r.err.find("overset"), std::string::npos) << "the text that does not fit is reported: " << r.all();
}

TEST(Limits, SixtyFourPageIssue) {
  Folder issue(64, true);
  for (int p = 1; p <= 64; ++p)
    for (const char* side : {"a", "b"})
      issue.article("p" + std::to_string(p) + side, "+++\ntitle = \"第" + std::to_string(p) + "版稿件\"\n+++\n\n" +
                                                        repeat("这是一篇短稿，用来测试六十四个版面的报纸。", 12) + "\n");
  const Outcome r = paiban(issue.dir, "build " + issue.arg() + " --allow-overset");
  expect_sane(r);
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pdf_pages(r.pdf), 64);
}

TEST(Limits, SixtyFourPageIssueOnTheTabloid) {
  Folder issue(64, false, "tabloid");
  std::string toml = slurp(issue.path / "issue.toml");
  // The tabloid has fewer columns: one frame across its grid, whatever its width.
  const std::string grid8 = "AAAAAAAA";
  ASSERT_NE(toml.find(grid8), std::string::npos);
  const std::string layout = slurp(PAIBAN_SOURCE_DIR "/layouts/tabloid.toml");
  const size_t at = layout.find("\ncolumns");
  ASSERT_NE(at, std::string::npos);
  const int columns = std::stoi(layout.substr(layout.find('=', at) + 1));
  for (size_t k; (k = toml.find(grid8)) != std::string::npos;) toml.replace(k, grid8.size(), std::string(columns, 'A'));
  spit(issue.path / "issue.toml", toml);
  issue.article("a", kFront + repeat("这是一篇短稿，用来测试六十四个版面。\n\n", 400));
  const Outcome r = paiban(issue.dir, "build " + issue.arg() + " --allow-overset");
  expect_sane(r);
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pdf_pages(r.pdf), 64);
}

TEST(Limits, ParagraphOfNothingButPunctuation) {
  Folder issue;
  issue.article("a", kFront + repeat("。，、；：？！……", 300) + "\n");
  const Outcome r = paiban(issue.dir, "build " + issue.arg());
  expect_sane(r);
  if (r.exit_code == 0) {
    const std::string text = pdf_text(r.pdf);
    EXPECT_EQ(count(text, "。"), 300u);
    EXPECT_EQ(count(text, "？"), 300u);
    EXPECT_EQ(count(text, "…"), 600u);
  }
}

// A valid 1-bit grey PNG of width × height black pixels, compressed
// row by row so that the test never holds the image in memory.
std::string big_png(uint32_t width, uint32_t height) {
  auto be = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    const std::string body = type + data;
    const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    return be(static_cast<uint32_t>(data.size())) + body + be(static_cast<uint32_t>(crc));
  };
  std::string ihdr = be(width) + be(height) + std::string{1, 0, 0, 0, 0};  // depth 1, grey, no interlace
  std::string idat;
  z_stream z{};
  if (deflateInit(&z, 9) != Z_OK) throw std::runtime_error("deflateInit");
  std::vector<unsigned char> row(1 + (width + 7) / 8, 0), out(1 << 16);
  for (uint32_t y = 0; y <= height; ++y) {
    const bool last = y == height;
    z.next_in = row.data();
    z.avail_in = last ? 0 : static_cast<uInt>(row.size());
    do {
      z.next_out = out.data();
      z.avail_out = static_cast<uInt>(out.size());
      deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      idat.append(reinterpret_cast<char*>(out.data()), out.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", "");
}

TEST(Limits, TwentyThousandSquarePixelImageIsRefused) {
  const std::string png = big_png(20000, 20000);
  ASSERT_LT(png.size(), 1u << 20);  // a small file claiming 400 megapixels
  // In the body of an article, and as a photo module.
  for (const std::string& body : {kFront + std::string("正文一段。\n\n![说明](images/x.png)\n\n正文二段。\n"),
                                 std::string("+++\ncredit = \"摄\"\n+++\n\n![说明](images/x.png)\n")}) {
    Folder issue;
    spit(issue.path / "images" / "x.png", png);
    issue.article("a", body);
    const Outcome r = paiban(issue.dir, "build " + issue.arg());
    expect_sane(r);
    EXPECT_NE(r.exit_code, 0) << "a 20,000 × 20,000 image must be refused: " << r.all();
    EXPECT_NE(r.err.find("x.png"), std::string::npos) << "the error does not name the image: " << r.all();
  }
}

TEST(Limits, TruncatedJpeg) {
  const std::string jpeg = slurp(PAIBAN_SOURCE_DIR "/issues/2024-05-07/images/qilihe.jpg");
  ASSERT_GT(jpeg.size(), 1000u);
  for (const char* flags : {"", " --pdfx none"}) {
    Folder issue;
    spit(issue.path / "images" / "x.jpg", jpeg.substr(0, jpeg.size() / 2));
    issue.article("a", kFront + "正文一段。\n\n![说明](images/x.jpg)\n\n正文二段。\n");
    const Outcome r = paiban(issue.dir, "build " + issue.arg() + flags);
    expect_sane(r);
    EXPECT_NE(r.exit_code, 0) << "a truncated JPEG must be refused" << flags << ": " << r.all();
    EXPECT_NE(r.err.find("x.jpg"), std::string::npos) << "the error does not name the image: " << r.all();
  }
}

// A project folder (layouts/ and fonts/fonts.toml) whose body role names `font`.
struct BadFontRoot {
  TempDir dir;
  fs::path font;
  explicit BadFontRoot(const std::string& bytes) {
    fs::copy(PAIBAN_SOURCE_DIR "/layouts", dir.path() / "layouts", fs::copy_options::recursive);
    font = dir.path() / "fonts" / "body.otf";
    spit(font, bytes);
    std::string toml = slurp(PAIBAN_SOURCE_DIR "/fonts/fonts.toml");
    const size_t role = toml.find("[roles.body]");
    if (role == std::string::npos) throw std::logic_error("fonts.toml has no [roles.body]");
    const size_t file = toml.find("file", role), end = toml.find('\n', file);
    toml.replace(file, end - file, "file = \"" + font.string() + "\"");
    spit(dir.path() / "fonts" / "fonts.toml", toml);
  }
};

TEST(Limits, FontFileThatIsNotAFont) {
  const std::string real = slurp("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf");
  std::vector<std::string> fakes = {"this is not a font\n", std::string(70000, '\0')};
  if (real.size() > 8192) fakes.push_back(real.substr(0, 4096));  // a real font's head, cut off
  for (const std::string& bytes : fakes) {
    BadFontRoot root(bytes);
    Folder issue;
    issue.article("a", kFront + "正文。\n");
    for (const char* command : {"build", "proof"}) {
      const Outcome r = paiban(issue.dir, std::string(command) + " " + issue.arg() + " --page 1 --root " +
                                          quoted(root.dir.path().string()));
      expect_sane(r);
      EXPECT_NE(r.exit_code, 0) << command << " with a body font that is not a font: " << r.all();
      EXPECT_NE(r.err.find("fonts.toml"), std::string::npos) << command << ": " << r.all();
      EXPECT_NE(r.err.find("body.otf"), std::string::npos) << command << ": " << r.all();
    }
  }
}

}  // namespace
}  // namespace paiban
