// Page makeup on the sample issue (issues/2024-05-07), read from the engine's
// placed pages (paiban::Workshop) and, for errors, from the real command line:
// body lines on the baseline grid, balanced columns, jumps, overset and
// underset, white space at column feet, photos scaled and cropped, bad images.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "image/image.h"
#include "makeup/makeup.h"
#include "model/issue.h"
#include "pipeline/pipeline.h"
#include "style/layout.h"
#include "text/text.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

// `paiban build` of an issue into a temporary folder; stdout and stderr together.
struct CliBuild {
  TempDir out;
  fs::path pdf;
  RunResult r;
  explicit CliBuild(const fs::path& issue) : pdf(out.path() / "out.pdf") {
    r = run(paiban_command("build " + quoted(issue.string()) + " -o " + quoted(pdf.string())));
  }
};

// An issue made up by the engine. The workshop stays open: the pages' text
// runs point at its fonts.
struct Made {
  Issue issue;
  Layout layout;
  Workshop shop{PAIBAN_SOURCE_DIR};
  BuildResult r;
  explicit Made(const std::string& dir, bool allow_overset = false) {
    issue = load_issue(dir);
    layout = load_layout(PAIBAN_SOURCE_DIR "/layouts/" + issue.layout + ".toml");
    BuildOptions o;
    o.issue_dir = dir;
    o.pdfx = PdfX::None;
    o.preflight = false;
    o.allow_overset = allow_overset;
    r = shop.build(o);
  }
  const FrameFit* frame(int page, const std::string& module) const {
    for (const FrameFit& f : r.edition.frames)
      if (f.page == page && f.module == module) return &f;
    return nullptr;
  }
};

const Made& sample() {
  static const Made m(kSample);
  return m;
}

// --- Lines of body text as placed -------------------------------------------------

// One line of a frame as placed: the runs on one grid line of one column.
struct PlacedLine {
  int column = 0;  // page column (0-based) of the line's start
  int grid = 0;    // grid line
  double baseline = 0, size = 0;
  std::u32string text;
};

std::u32string without_space(const std::u32string& s) {
  std::u32string o;
  for (char32_t c : s)
    if (c != U' ' && c != U'\u3000' && c != U'\n') o += c;
  return o;
}

int column_of(const Layout& L, double x) {
  return static_cast<int>(std::floor((x - L.left() + L.gutter / 2) / (L.column_width() + L.gutter)));
}

bool inside(const FrameFit& f, double x, double y) {
  return x >= f.x - 0.5 && x <= f.x + f.width + 0.5 && y >= f.y && y <= f.y + f.height;
}

// Body lines (body size: paragraphs, subheads, 电头, captions) of a frame, in
// reading order; the byline of the headline block is not body text.
std::vector<PlacedLine> body_lines(const Made& m, const FrameFit& f) {
  const Layout& L = m.layout;
  const Page& page = m.r.edition.pages.at(static_cast<size_t>(f.page - 1));
  const Article& a = m.issue.articles.at(f.module);
  const std::u32string byline = without_space(to_u32(a.byline));
  std::map<std::pair<int, int>, std::vector<const TextRun*>> by_place;
  for (const TextRun& r : page.text) {
    if (r.glyphs.empty() || std::abs(r.size - L.body.size) > 1e-6) continue;
    const double x = r.glyphs[0].x;
    if (!inside(f, x, r.baseline)) continue;
    if (!byline.empty() && without_space(r.text) == byline) continue;
    const int k = static_cast<int>(std::lround((r.baseline - L.baseline(0)) / L.leading));
    by_place[{column_of(L, x), k}].push_back(&r);
  }
  std::vector<PlacedLine> out;
  for (auto& [at, runs] : by_place) {
    std::sort(runs.begin(), runs.end(), [](auto* a, auto* b) { return a->glyphs[0].x < b->glyphs[0].x; });
    PlacedLine l{at.first, at.second, runs[0]->baseline, runs[0]->size, {}};
    for (const TextRun* r : runs) l.text += r->text;
    out.push_back(l);
  }
  return out;  // ordered by column, then grid line
}

TEST(Makeup, BodyBaselinesLieOnTheGridSoColumnsAlign) {
  const Made& m = sample();
  ASSERT_TRUE(m.r.edition.ok());
  const Layout& L = m.layout;
  std::map<int, int> lines_per_page;
  for (const FrameFit& f : m.r.edition.frames) {
    for (const PlacedLine& l : body_lines(m, f)) {
      ++lines_per_page[f.page];
      EXPECT_NEAR(l.baseline, L.baseline(l.grid), 0.1)
          << "page " << f.page << ", " << f.module << ": '" << to_utf8(l.text) << "' is off the baseline grid";
      EXPECT_GE(l.grid, 0);
      EXPECT_LT(l.grid, L.lines);
    }
  }
  EXPECT_GT(lines_per_page[1], 300) << "too few body lines found on page 1 to judge";
  // Neighbouring columns of page 1: every pair of lines at about the same
  // height shares its baseline, across frames and articles.
  std::map<int, std::vector<double>> by_column;
  for (const FrameFit& f : m.r.edition.frames)
    if (f.page == 1)
      for (const PlacedLine& l : body_lines(m, f)) by_column[l.column].push_back(l.baseline);
  int pairs = 0;
  for (int c = 0; c + 1 < L.columns; ++c)
    for (double a : by_column[c])
      for (double b : by_column[c + 1])
        if (std::abs(a - b) < L.leading / 2) {
          ++pairs;
          EXPECT_NEAR(a, b, 0.1) << "columns " << c + 1 << " and " << c + 2 << " of page 1";
        }
  EXPECT_GT(pairs, 200);
}

TEST(Makeup, OneShotBuildKeepsTheFontsItsPagesPointAt) {
  BuildOptions o;
  o.issue_dir = kSample;
  o.pdfx = PdfX::None;
  o.preflight = false;
  const BuildResult r = build(o);
  const Made& m = sample();
  ASSERT_EQ(r.edition.pages.size(), m.r.edition.pages.size());
  ASSERT_EQ(r.edition.pages[0].text.size(), m.r.edition.pages[0].text.size());
  for (size_t i = 0; i < r.edition.pages[0].text.size(); ++i)
    EXPECT_EQ(r.edition.pages[0].text[i].face->ps_name(), m.r.edition.pages[0].text[i].face->ps_name());
}

// Each column of each text frame, from the head of the frame's body to the
// last grid line it uses (text, jump lines, images), and the white below.
struct FrameColumns {
  std::vector<int> lengths;  // lines used, per column
  std::vector<int> white;    // empty grid lines at the foot, per column
  bool subhead_or_image = false;
  std::string what;          // for messages
};

std::vector<std::pair<const FrameFit*, FrameColumns>> text_frames(const Made& m) {
  const Layout& L = m.layout;
  auto grid = [&](double baseline) { return static_cast<int>(std::lround((baseline - L.baseline(0)) / L.leading)); };
  std::vector<std::pair<const FrameFit*, FrameColumns>> out;
  for (const FrameFit& f : m.r.edition.frames) {
    const Article& a = m.issue.articles.at(f.module);
    if (a.blocks.size() == 1 && a.blocks[0].kind == BlockKind::Image) continue;  // a photo (title optional)
    int top = L.lines;
    std::map<int, int> last;  // page column → last grid line used
    for (const PlacedLine& l : body_lines(m, f)) {
      top = std::min(top, l.grid);
      last[l.column] = std::max(last[l.column], l.grid);
    }
    const Page& page = m.r.edition.pages.at(static_cast<size_t>(f.page - 1));
    for (const TextRun& r : page.text)  // jump lines (下转) in the body's last line
      if (!r.glyphs.empty() && r.size < L.body.size && inside(f, r.glyphs[0].x, r.baseline) && grid(r.baseline) >= top)
        last[column_of(L, r.glyphs[0].x)] = std::max(last[column_of(L, r.glyphs[0].x)], grid(r.baseline));
    for (const ImagePlacement& im : page.images)
      if (inside(f, im.x, im.y + 1)) {
        const int k = static_cast<int>(std::floor((im.y + im.h - L.line_top(0)) / L.leading));
        last[column_of(L, im.x)] = std::max(last[column_of(L, im.x)], k);
      }
    const int foot = top + f.lines_available;  // first grid line below the frame's body
    const int first = column_of(L, f.x + 1);
    FrameColumns c;
    std::ostringstream seen;
    for (int k = first; k < first + f.columns; ++k) {
      const int end = last.count(k) ? last.at(k) : top - 1;
      c.lengths.push_back(end - top + 1);
      c.white.push_back(foot - 1 - end);
      seen << c.lengths.back() << " ";
    }
    for (const Block& b : a.blocks) c.subhead_or_image |= b.kind != BlockKind::Paragraph;
    c.what = "page " + std::to_string(f.page) + ", " + f.module + " (lines per column: " + seen.str() +
             "; report " + std::to_string(f.lines_used) + "/" + std::to_string(f.lines_available) + ", underset " +
             std::to_string(f.underset_lines) + ")";
    out.emplace_back(&f, c);
  }
  return out;
}

TEST(Makeup, ColumnsOfFramesOfPlainParagraphsAreBalanced) {
  int frames = 0;
  for (const auto& [f, c] : text_frames(sample())) {
    if (c.subhead_or_image || f->columns < 2) continue;
    ++frames;
    const int longest = *std::max_element(c.lengths.begin(), c.lengths.end());
    const int shortest = *std::min_element(c.lengths.begin(), c.lengths.end());
    EXPECT_GT(shortest, 0) << "an empty column: " << c.what;
    EXPECT_LE(longest, f->lines_available) << c.what;
    EXPECT_EQ(c.lengths.back(), shortest) << "the last column is longer than another: " << c.what;
    EXPECT_LE(longest - shortest, 1) << c.what;
  }
  EXPECT_GE(frames, 5);
}

TEST(Makeup, ColumnsOfFramesWithSubheadsOrImagesAreBalanced) {
  int frames = 0;
  for (const auto& [f, c] : text_frames(sample())) {
    if (!c.subhead_or_image || f->columns < 2) continue;
    ++frames;
    const int longest = *std::max_element(c.lengths.begin(), c.lengths.end());
    const int shortest = *std::min_element(c.lengths.begin(), c.lengths.end());
    const int others = *std::max_element(c.lengths.begin(), c.lengths.end() - 1);
    EXPECT_GT(shortest, 0) << "an empty column: " << c.what;
    EXPECT_LE(longest, f->lines_available) << c.what;
    // A subhead never ends a column and an image never splits, so a column may
    // stop a line or two early when the next block does not fit there; then
    // the columns may differ by 2 lines and the last need not be the shortest,
    // but it never reaches below all the others.
    EXPECT_LE(c.lengths.back(), others) << "the last column is the longest: " << c.what;
    EXPECT_LE(longest - shortest, 2) << c.what;
  }
  EXPECT_GE(frames, 5);
}

// The title of a frame: its largest text run.
const TextRun* title_run(const Made& m, const FrameFit& f) {
  const TextRun* best = nullptr;
  for (const TextRun& r : m.r.edition.pages.at(static_cast<size_t>(f.page - 1)).text)
    if (!r.glyphs.empty() && inside(f, r.glyphs[0].x, r.baseline) && (!best || r.size > best->size)) best = &r;
  return best;
}

// A headline's weight picks its face, its width in columns its size (#15): the
// 二条 on page 1 (a national leaders' meeting) in 大标宋 (Noto Serif CJK Black),
// the city meeting beside it, as wide, in 小标宋 (Serif Bold); the 头条 in Black.
TEST(Makeup, HeadlineWeightAndWidthChooseFaceAndSize) {
  const Made& m = sample();
  const FrameFit *summit = m.frame(1, "summit"), *meeting = m.frame(1, "meeting"), *lead = m.frame(1, "lead");
  ASSERT_TRUE(summit && meeting && lead);
  ASSERT_EQ(summit->columns, meeting->columns);
  const TextRun *s = title_run(m, *summit), *k = title_run(m, *meeting), *l = title_run(m, *lead);
  ASSERT_TRUE(s && k && l);
  EXPECT_EQ(s->face->ps_name(), "NotoSerifCJKsc-Black");
  EXPECT_EQ(k->face->ps_name(), "NotoSerifCJKsc-Bold");
  EXPECT_EQ(l->face->ps_name(), "NotoSerifCJKsc-Black");
  EXPECT_GT(l->size, s->size) << "the 头条 over five columns is larger than the 二条 over three";
  // The same weight is set larger over more columns.
  const HeadlineSpec& major = m.layout.headline("major");
  EXPECT_LT(major.title_size(3), major.title_size(6));
  EXPECT_EQ(major.title_size(20), major.title_sizes.back());
}

TEST(Makeup, TitleSizesMustBeSizesNamedAtTheirLine) {
  std::string what = broadsheet_error("title_sizes = [16, 18, 22, 22, 22, 26, 28, 30]", "title_sizes = [16, \"big\", 22]");
  EXPECT_NE(what.find("title_sizes"), std::string::npos) << what;
}

TEST(Makeup, FitReportShowsNoFrameUndersetByMoreThanTwoLines) {
  size_t frames = 0;
  for (const FrameFit& f : sample().r.edition.frames) {
    EXPECT_LE(f.underset_lines, 2) << "page " << f.page << ", " << f.module;
    ++frames;
  }
  EXPECT_GE(frames, 10u) << "too few frames in the sample's fit report to judge";
}

TEST(Makeup, AtMostTwoLinesOfWhiteSpaceAtTheFootOfAnyColumn) {
  size_t columns = 0;
  for (const auto& [f, c] : text_frames(sample()))
    for (size_t k = 0; k < c.white.size(); ++k, ++columns)
      EXPECT_LE(c.white[k], 2) << "column " << k + 1 << ": " << c.white[k] << " empty lines at the foot; " << c.what;
  EXPECT_GE(columns, 20u) << "too few text columns in the sample to judge";
}

TEST(Makeup, FitReportCountsTheLinesAsPlaced) {
  for (const auto& [f, c] : text_frames(sample())) {
    const int longest = *std::max_element(c.lengths.begin(), c.lengths.end());
    EXPECT_EQ(f->lines_used, longest) << c.what;
    if (f->overset_lines == 0 && f->underset_lines > 0) {
      EXPECT_EQ(f->underset_lines, f->lines_available - longest) << c.what;
    }
  }
}

// --- Jumps ---------------------------------------------------------------------

// What the editor wrote, folded for comparison: no front matter, no markup, no
// white space, full-width ASCII forms as ASCII.
std::u32string fold(const std::u32string& s) {
  std::u32string o;
  for (char32_t c : without_space(s)) {
    if (c == U'\t' || c == U'#' || c == U'*') continue;
    o += c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c;
  }
  return o;
}

std::u32string article_text(const fs::path& md) {
  std::string t = slurp(md);
  const size_t close = t.find("\n+++", 3);
  if (t.rfind("+++", 0) != 0 || close == std::string::npos) throw std::logic_error(md.string() + ": no front matter");
  return fold(to_u32(t.substr(close + 4)));
}

bool frame_has_text(const Made& m, const FrameFit& f, const std::u32string& what) {
  for (const TextRun& r : m.r.edition.pages.at(static_cast<size_t>(f.page - 1)).text)
    if (!r.glyphs.empty() && inside(f, r.glyphs[0].x, r.baseline) && r.text == what) return true;
  return false;
}

TEST(Makeup, JumpLinesNameThePagesAndTheTextRunsOnAcrossThem) {
  const Made& m = sample();
  const FrameFit* one = m.frame(1, "lead");
  const FrameFit* two = m.frame(2, "lead");
  ASSERT_TRUE(one && two) << "the lead is planned on pages 1 and 2";
  EXPECT_TRUE(frame_has_text(m, *one, U"（下转第2版）")) << "no 下转 line in the lead on page 1";
  EXPECT_TRUE(frame_has_text(m, *two, U"（上接第1版）")) << "no 上接 line in the lead on page 2";
  EXPECT_FALSE(frame_has_text(m, *two, U"（下转第3版）"));
  const std::vector<PlacedLine> a = body_lines(m, *one), b = body_lines(m, *two);
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  // Page 1 ends in its last column, page 2 starts in its first one.
  EXPECT_EQ(a.back().column, column_of(m.layout, one->x + one->width - 1));
  EXPECT_EQ(b.front().column, column_of(m.layout, two->x + 1));
  const std::u32string source = article_text(fs::path(kSample) / "lead.md");
  const std::u32string end = fold(a.back().text), start = fold(b.front().text);
  const size_t at = source.find(end + start);
  EXPECT_NE(at, std::u32string::npos) << "the last line on page 1 '" << to_utf8(a.back().text)
                                      << "' and the first on page 2 '" << to_utf8(b.front().text)
                                      << "' are not consecutive in lead.md";
  // And the whole of page 1's part comes before the whole of page 2's.
  EXPECT_LT(source.find(fold(a.front().text)), at);
}

// --- Overset and underset ----------------------------------------------------------

TEST(Makeup, OversetIsAnErrorNamingTheArticleAndTheLinesOver) {
  IssueCopy copy;
  copy.add_paragraphs("summit", 12);
  const Made m(copy.issue.string(), true);
  const FrameFit* f = m.frame(1, "summit");
  ASSERT_TRUE(f);
  ASSERT_GT(f->overset_lines, 0);
  EXPECT_EQ(f->overset_lines, static_cast<int>(f->overflow.size()));  // one overflow entry per line
  const CliBuild b(copy.issue);
  EXPECT_EQ(b.r.exit_code, 1) << b.r.out;
  EXPECT_NE(b.r.out.find((copy.issue / "summit.md").string() + ":"), std::string::npos) << b.r.out;
  EXPECT_NE(b.r.out.find("error: article 'summit'"), std::string::npos) << b.r.out;
  EXPECT_NE(b.r.out.find("overset: " + std::to_string(f->overset_lines) + " lines"), std::string::npos)
      << "the error does not give " << f->overset_lines << " lines:\n"
      << b.r.out;
  EXPECT_FALSE(fs::exists(b.pdf));
}

TEST(Makeup, UndersetOverTwoLinesIsAWarningNamingTheArticle) {
  IssueCopy copy;
  const fs::path md = copy.issue / "summit.md";
  const std::string text = slurp(md);
  const size_t close = text.find("\n+++", 3);
  ASSERT_NE(close, std::string::npos);
  spit(md, text.substr(0, close + 4) + "\n\n当地时间5月6日上午，国家主席习近平在巴黎同法欧领导人举行会晤。\n");
  const Made m(copy.issue.string());
  const FrameFit* f = m.frame(1, "summit");
  ASSERT_TRUE(f);
  EXPECT_GT(f->underset_lines, 2);
  EXPECT_EQ(f->underset_lines, f->lines_available - f->lines_used);
  const CliBuild b(copy.issue);
  EXPECT_EQ(b.r.exit_code, 0) << "underset is a warning, not an error:\n" << b.r.out;
  EXPECT_NE(b.r.out.find("warning: article 'summit'"), std::string::npos) << b.r.out;
  EXPECT_NE(b.r.out.find("underset by " + std::to_string(f->underset_lines) + " lines"), std::string::npos)
      << b.r.out;
  // The sample itself has no such warning.
  for (const Notice& n : sample().r.edition.notices)
    EXPECT_EQ(n.what.find("underset"), std::string::npos) << format_notice(n);
}

// --- Images ----------------------------------------------------------------------

void expect_aspect_kept(const ImagePlacement& im, const std::string& what) {
  const ImageInfo info = probe_image(im.path);
  const double source = (im.crop_w * info.width) / (im.crop_h * info.height), placed = im.w / im.h;
  EXPECT_NEAR(source / placed, 1.0, 0.005) << what << ": the picture is distorted (" << info.width << "×"
                                           << info.height << " px, crop " << im.crop_w << "×" << im.crop_h
                                           << ", placed " << im.w << "×" << im.h << " pt)";
}

TEST(Makeup, FrontPagePhotoFillsItsFrameCroppedAboutItsCentre) {
  const Made& m = sample();
  const FrameFit* f = m.frame(1, "photo");
  ASSERT_TRUE(f);
  const ImagePlacement* im = nullptr;
  for (const ImagePlacement& p : m.r.edition.pages[0].images)
    if (fs::path(p.path).filename() == "qilihe.jpg") im = &p;
  ASSERT_TRUE(im) << "no photo on page 1";
  EXPECT_NEAR(im->x, f->x, 0.01);
  EXPECT_NEAR(im->w, f->width, 0.01) << "the photo does not fill its frame's width";
  // Under its title line (图片新闻 have their own title), on the grid.
  EXPECT_GT(im->y, f->y + m.layout.leading);
  EXPECT_NEAR(std::fmod(im->y - f->y, m.layout.leading), 0.0, 0.01);
  EXPECT_LT(im->y + im->h, f->y + f->height) << "no room for the caption";
  expect_aspect_kept(*im, "qilihe.jpg");
  // Cover: one side whole, the other cut equally on both sides.
  EXPECT_TRUE(im->crop_w == 1 || im->crop_h == 1) << im->crop_w << " × " << im->crop_h;
  EXPECT_GT(im->crop_w, 0);
  EXPECT_GT(im->crop_h, 0);
  EXPECT_NEAR(im->crop_x, (1 - im->crop_w) / 2, 1e-9);
  EXPECT_NEAR(im->crop_y, (1 - im->crop_h) / 2, 1e-9);
}

TEST(Makeup, EveryPictureKeepsItsAspectRatio) {
  const Made& m = sample();
  int images = 0;
  for (const Page& p : m.r.edition.pages)
    for (const ImagePlacement& im : p.images) {
      ++images;
      expect_aspect_kept(im, "page " + std::to_string(p.number) + ", " + fs::path(im.path).filename().string());
    }
  EXPECT_GE(images, 3);
}

// An image of the sample replaced by `bytes` (or removed); the build must fail
// naming the article file and the line of the image, and write nothing.
void expect_bad_image_named(const std::string& article, const std::string& image, const std::string* bytes) {
  IssueCopy copy;
  const fs::path md = copy.issue / (article + ".md");
  const std::string text = slurp(md);
  const size_t at = text.find("](images/" + image + ")");
  ASSERT_NE(at, std::string::npos) << article << ".md names no images/" << image;
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  const fs::path file = copy.issue / "images" / image;
  if (bytes) spit(file, *bytes);
  else fs::remove(file);
  const CliBuild b(copy.issue);
  EXPECT_NE(b.r.exit_code, 0) << b.r.out;
  EXPECT_LT(b.r.exit_code, 3) << "bad input is exit code 1 or 2, not an internal error:\n" << b.r.out;
  const std::string where = md.string() + ":" + std::to_string(line) + ":";
  EXPECT_NE(b.r.out.find(where), std::string::npos) << "the error does not name " << where << ":\n" << b.r.out;
  EXPECT_NE(b.r.out.find(image), std::string::npos) << b.r.out;
  EXPECT_FALSE(fs::exists(b.pdf));
  EXPECT_TRUE(fs::is_empty(b.out.path())) << "files left in the output folder";
}

TEST(MakeupBadImage, MissingImageNamesTheArticleLine) { expect_bad_image_named("photo", "qilihe.jpg", nullptr); }

TEST(MakeupBadImage, UnreadableImageNamesTheArticleLine) {
  const std::string garbage = "this is not a JPEG at all, just text written over the photo\n";
  expect_bad_image_named("photo", "qilihe.jpg", &garbage);
  expect_bad_image_named("leadtype", "typesetting.jpg", &garbage);
}

TEST(MakeupBadImage, TruncatedJpegNamesTheArticleLine) {
  const std::string jpeg = slurp(fs::path(kSample) / "images" / "qilihe.jpg");
  const std::string half = jpeg.substr(0, jpeg.size() / 2);
  expect_bad_image_named("photo", "qilihe.jpg", &half);
  const std::string other = slurp(fs::path(kSample) / "images" / "typesetting.jpg");
  const std::string other_half = other.substr(0, other.size() / 2);
  expect_bad_image_named("leadtype", "typesetting.jpg", &other_half);
}

}  // namespace
}  // namespace paiban

namespace paiban {
namespace {

// The copyfitter measures a photo's caption as makeup sets it: a credit that
// runs on after the caption (…面纱。（赵福胜　摄）) takes no line of its own, so
// the lines it counts are the lines drawn under the picture.
TEST(Makeup, CopyfitterCountsTheCaptionLinesMakeupDraws) {
  const Made& m = sample();
  Copyfitter fit(m.issue, m.layout, test::project_fonts());
  for (const char* id : {"photo", "press"}) {
    SCOPED_TRACE(id);
    const FrameFit* f = nullptr;
    for (const FrameFit& x : m.r.edition.frames)
      if (x.module == id) f = &x;
    ASSERT_NE(f, nullptr);
    const Page& p = m.r.edition.pages.at(static_cast<size_t>(f->page - 1));
    double image_foot = 0;
    for (const ImagePlacement& im : p.images)
      if (im.x >= f->x - 0.01 && im.x < f->x + f->width) image_foot = std::max(image_foot, im.y + im.h);
    ASSERT_GT(image_foot, 0);
    std::set<double> baselines;
    for (const TextRun& r : p.text)
      if (r.baseline > image_foot && r.baseline < f->y + f->height && r.glyphs.front().x >= f->x - 0.01 &&
          r.glyphs.front().x < f->x + f->width)
        baselines.insert(std::round(r.baseline * 100) / 100);
    EXPECT_EQ(fit.caption_lines(id, f->columns), static_cast<int>(baselines.size()));
    EXPECT_EQ(baselines.size(), 2u) << "caption of two lines, the credit run on";
  }
}

// A continuation is measured by the copyfitter as makeup sets it: its 上接 head
// across the whole frame, not one column (a jump title longer than a column is
// wide takes more lines there). A page-2 frame as tall as the copyfitter says
// holds the rest of the story with at most one blank line.
TEST(Makeup, CopyfitterMeasuresAContinuationAsMakeupSetsIt) {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 200; ++i)
    body += "本报讯 这座城市的公共交通在过去一年里有了很大变化，市民出行更加方便快捷，公交线路也更加密集。\n\n";
  dir.write("story.md", "+++\ntitle = \"城市公共交通一年来的变化\"\njump_title = \"城市公共交通一年来的变化与市民出行的新体验\"\n+++\n\n" + body);
  const std::string head =
      "[paper]\nname = \"朔州日报\"\n[issue]\ndate = 2024-05-07\nnumber = 1\nlayout = \"broadsheet\"\n";
  auto page = [](int n, const std::string& grid, const std::string& rows, const std::string& areas) {
    return "\n[[page]]\nsection = \"第" + std::to_string(n) + "版\"\ngrid = \"\"\"\n" + grid + "\"\"\"\nrows = [" + rows +
           "]\n[page.areas]\n" + areas;
  };
  // Page 1: the masthead and the story's first part, 8 columns; page 2 its rest.
  Layout L = load_layout(PAIBAN_SOURCE_DIR "/layouts/broadsheet.toml");
  const int first = L.lines - L.masthead.lines;
  dir.write("issue.toml", head + page(1, "MMMMMMMM\nAAAAAAAA\n", std::to_string(L.masthead.lines) + ", " + std::to_string(first),
                                      "M = \"@masthead\"\nA = \"story\"\n") +
                              page(2, "AAAAAAAA\n", std::to_string(L.lines), "A = \"story\"\n"));
  Issue is = load_issue(dir.path().string());
  Copyfitter fit(is, L, test::project_fonts());
  const std::string style = is.articles.at("story").headline;
  const int from = fit.flow("story", style, 0, 8, first, false);
  ASSERT_GT(from, 0);
  ASSERT_LT(from, fit.slots("story")) << "the story must jump";
  const int rest = fit.frame_lines("story", style, 8, from);
  ASSERT_LE(rest, L.lines);
  dir.write("issue.toml", head + page(1, "MMMMMMMM\nAAAAAAAA\n", std::to_string(L.masthead.lines) + ", " + std::to_string(first),
                                      "M = \"@masthead\"\nA = \"story\"\n") +
                              page(2, "AAAAAAAA\n........\n", std::to_string(rest) + ", " + std::to_string(L.lines - rest),
                                   "A = \"story\"\n"));
  Made m(dir.path().string());
  const FrameFit* f = m.frame(2, "story");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->overset_lines, 0);
  EXPECT_LE(f->underset_lines, 1) << "the copyfitter asked for " << rest << " lines";
}

}  // namespace
}  // namespace paiban
