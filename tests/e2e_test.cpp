// End-to-end tests: the real `paiban` command line on the sample issue
// (issues/2024-05-07), checked from outside with qpdf and poppler-utils, plus
// a round trip of every article's text through the PDF's text layer.
#include <gtest/gtest.h>
#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/issue.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

// `paiban build <issue> -o <pdf> [extra]`.
RunResult build(const std::string& issue, const fs::path& pdf, const std::string& extra = "") {
  return run(paiban_command("build " + quoted(issue) + " -o " + quoted(pdf.string()) +
                            (extra.empty() ? "" : " " + extra)));
}

// Extra options for building the sample. Empty: the sample must fit, since
// overset is an error (use "--allow-overset" only while the sample is being
// refitted, and note it).
const char kSampleFlags[] = "";

// One build of the sample per test process.
const PdfBuild& sample() {
  static const PdfBuild b(kSample, "2024-05-07.pdf", kSampleFlags);
  return b;
}

#define REQUIRE_SAMPLE_PDF() REQUIRE_PDF(sample())

TEST(EndToEnd, SampleBuildsWithExitCodeZero) {
  const PdfBuild& s = sample();
  EXPECT_EQ(s.result.exit_code, 0) << s.result.out;
  EXPECT_TRUE(fs::exists(s.pdf)) << s.result.out;
  EXPECT_NE(s.result.out.find("wrote " + s.pdf.string()), std::string::npos) << s.result.out;
  // Nothing but the PDF in the output folder: no temporary files.
  EXPECT_EQ(s.dir.entries(), std::vector<std::string>{"2024-05-07.pdf"});
}

TEST(EndToEnd, SampleHasFourPages) {
  REQUIRE_SAMPLE_PDF();
  expect_pages(sample().pdf, 4);
}

TEST(EndToEnd, QpdfCheckPasses) {
  REQUIRE_SAMPLE_PDF();
  expect_qpdf_check_passes(sample().pdf);
}

TEST(EndToEnd, EveryFontIsAnEmbeddedSubsetWithToUnicode) {
  REQUIRE_SAMPLE_PDF();
  const RunResult r = run("pdffonts " + quoted(sample().pdf.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  int fonts = 0;
  for (const PdfFontLine& f : pdffonts_lines(r.out)) {
    ASSERT_GE(f.words.size(), 6u) << f.line;
    ++fonts;
    expect_embedded_subset_with_to_unicode(f);
  }
  EXPECT_GE(fonts, 3) << r.out;
}

TEST(EndToEnd, FileIsUnderThreeMegabytes) {
  REQUIRE_SAMPLE_PDF();
  EXPECT_LT(fs::file_size(sample().pdf), 3u * 1024 * 1024);
}

TEST(EndToEnd, FrontPageCarriesMastheadAndIssueData) {
  REQUIRE_SAMPLE_PDF();
  const RunResult r = run("pdftotext -enc UTF-8 -f 1 -l 1 " + quoted(sample().pdf.string()) + " -");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  // pdftotext puts a space where the engine leaves the gap between Chinese
  // and Latin or digits (2024 年), so compare without white space.
  const std::string text = without_space(r.out);
  for (const char* want : {"朔州日报", "2024年5月7日", "星期二", "农历甲辰年三月廿九", "第9033期", "今日四版", "CN14—0031"})
    EXPECT_NE(text.find(want), std::string::npos) << "page 1 lacks " << want << "; page 1 text:\n" << r.out;
}

TEST(EndToEnd, TwoBuildsAreByteIdentical) {
  REQUIRE_SAMPLE_PDF();
  TempDir other;
  const fs::path again = other.path() / "again.pdf";
  const RunResult r = build(kSample, again, kSampleFlags);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string a = slurp(sample().pdf), b = slurp(again);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_TRUE(a == b) << "the two builds differ";
}

// issue.toml with the first page's `rows` one entry short of its grid;
// returns the line of `rows`.
int break_rows(const IssueCopy& c) {
  std::string text = slurp(c.toml());
  size_t at = text.find("\nrows", text.find("[[page]]"));
  if (at == std::string::npos) throw std::logic_error("sample issue.toml changed: no `rows` on page 1");
  ++at;
  const size_t open = text.find('[', at), close = text.find(']', at), comma = text.rfind(',', close);
  if (open == std::string::npos || close == std::string::npos || comma == std::string::npos || comma < open)
    throw std::logic_error("sample issue.toml changed: `rows` of page 1 is not a list of two or more");
  text.erase(comma, close - comma);  // drop the last entry
  spit(c.toml(), text);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(EndToEnd, BadIssueFailsNamingFileAndLineAndWritesNothing) {
  IssueCopy copy;
  const int line = break_rows(copy);
  ASSERT_GT(line, 0);
  TempDir out;
  const fs::path pdf = out.path() / "broken.pdf";
  const RunResult r = build(copy.issue.string(), pdf, kSampleFlags);
  EXPECT_NE(r.exit_code, 0) << r.out;
  const std::string where = copy.toml().string() + ":" + std::to_string(line) + ":";
  EXPECT_NE(r.out.find(where), std::string::npos) << "output does not name " << where << ":\n" << r.out;
  EXPECT_FALSE(fs::exists(pdf));
  EXPECT_TRUE(out.entries().empty()) << "files left in the output folder";
}

TEST(EndToEnd, BadIssueLeavesAnOlderPdfUntouched) {
  IssueCopy copy;
  break_rows(copy);
  TempDir out;
  const fs::path pdf = out.path() / "2024-05-07.pdf";
  const std::string older = "%PDF-1.4\n% an older build of this issue\n%%EOF\n";
  spit(pdf, older);
  const auto stamp = fs::file_time_type::clock::now() - std::chrono::hours(24);
  fs::last_write_time(pdf, stamp);
  const RunResult r = build(copy.issue.string(), pdf, kSampleFlags);
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_EQ(slurp(pdf), older);
  EXPECT_TRUE(fs::last_write_time(pdf) == stamp) << "the older PDF was rewritten";
  EXPECT_EQ(out.entries(), std::vector<std::string>{"2024-05-07.pdf"});
}

TEST(EndToEnd, OversetIsAnErrorWithoutAllowOverset) {
  // Far more text than summit's frame holds: the build must fail, name the
  // article's file and write nothing (text is never dropped silently).
  IssueCopy copy;
  copy.add_paragraphs("summit", 80);
  TempDir out;
  const fs::path pdf = out.path() / "overset.pdf";
  const RunResult r = build(copy.issue.string(), pdf);
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find((copy.issue / "summit.md").string() + ":"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("overset"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(pdf));
  EXPECT_TRUE(out.entries().empty());
}

// Replaces the first line of `file` that starts with `key` by `replacement`
// (or inserts it after the opening +++ when there is none); returns its line.
int set_line(const fs::path& file, const std::string& key, const std::string& replacement) {
  std::string text = slurp(file);
  size_t at = text.rfind(key, 0) == 0 ? 0 : text.find("\n" + key);
  if (at == std::string::npos) {
    at = text.find('\n') + 1;
    text.insert(at, replacement + "\n");
  } else {
    if (text[at] == '\n') ++at;
    text.replace(at, text.find('\n', at) - at, replacement);
  }
  spit(file, text);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// Builds a broken copy; expects a failure that names `file:line` and no PDF.
void expect_named_failure(const IssueCopy& copy, const fs::path& file, int line) {
  TempDir out;
  const fs::path pdf = out.path() / "broken.pdf";
  const RunResult r = build(copy.issue.string(), pdf);
  EXPECT_NE(r.exit_code, 0) << r.out;
  const std::string where = file.string() + ":" + std::to_string(line) + ":";
  EXPECT_NE(r.out.find(where), std::string::npos) << "the error does not name " << where << ":\n" << r.out;
  EXPECT_FALSE(fs::exists(pdf));
}

TEST(EndToEndBadInput, ArticleErrorNamesTheArticleLine) {
  IssueCopy copy;
  const fs::path md = copy.issue / "summit.md";
  const int line = set_line(md, "title", "title = 2024");  // not a string
  expect_named_failure(copy, md, line);
}

TEST(EndToEndBadInput, UnknownHeadlineStyleNamesTheArticleLine) {
  // An unknown `headline` style is reported at the article file and the line of
  // its `headline` key, not against the layout.
  IssueCopy copy;
  const fs::path md = copy.issue / "summit.md";
  const int line = set_line(md, "headline", "headline = \"bogus\"");
  expect_named_failure(copy, md, line);
}

TEST(EndToEndBadInput, MissingImageNamesTheArticleLine) {
  // A missing image is reported at the article that names it and its line.
  IssueCopy copy;
  const fs::path md = copy.issue / "photo.md";
  std::string text = slurp(md);
  const size_t at = text.find("](images/");
  ASSERT_NE(at, std::string::npos) << "photo.md has no image";
  text.replace(at, 9, "](images/nosuch-");
  spit(md, text);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  expect_named_failure(copy, md, line);
}

TEST(EndToEndBadInput, UnknownLayoutNamesTheIssueTomlLine) {
  // `layout = "<name>"` with no layouts/<name>.toml is reported at the `layout`
  // line of issue.toml, where the editor made the mistake.
  IssueCopy copy;
  const int line = set_line(copy.toml(), "layout", "layout = \"no-such-layout\"");
  expect_named_failure(copy, copy.toml(), line);
}

// --- Round trip: every article's text is in the PDF -----------------------------

// White space dropped; full-width ASCII forms folded to ASCII; U+3000 dropped.
std::u32string fold(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (c == 0x3000 || u_isUWhiteSpace(c)) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    out += static_cast<char32_t>(c);
  }
  return out;
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
  return out;
}

// An article's body as the editor wrote it: no front matter, no image lines,
// no `##` or `**` markup.
std::u32string article_body(const std::string& md) {
  std::string text = md;
  if (text.rfind("+++", 0) == 0) {
    size_t close = text.find("\n+++", 3);
    if (close == std::string::npos) throw std::logic_error("front matter not closed");
    size_t after = text.find('\n', close + 1);
    text = after == std::string::npos ? "" : text.substr(after + 1);
  }
  std::string kept;
  std::istringstream lines(text);
  for (std::string l; std::getline(lines, l);) {
    size_t first = l.find_first_not_of(" \t");
    if (first != std::string::npos && l.compare(first, 2, "![") == 0) continue;
    kept += l + "\n";
  }
  for (const char* markup : {"**", "##"})
    for (size_t at; (at = kept.find(markup)) != std::string::npos;) kept.erase(at, 2);
  return fold(kept);
}

std::vector<std::string> sample_articles() {
  std::vector<std::string> ids;
  for (const auto& e : fs::directory_iterator(kSample))
    if (e.path().extension() == ".md") ids.push_back(e.path().stem().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

const std::u32string& sample_pdf_text() {
  static const std::u32string text = [] {
    return fold(pdf_text(sample().pdf, "-raw"));
  }();
  return text;
}

struct Match {
  size_t matched = 0;  // characters of the article found in order
  size_t pdf_pos = 0;  // where in the PDF text the search stopped
  size_t solid = 0;    // article characters up to the last run of 4 or more found in a row
};

// The article's characters must appear in the PDF text in order. Between two
// consecutive characters up to kGap other characters may stand (jump lines,
// captions, hyphens, the next column's furniture); a longer gap is a jump to
// another page, allowed `jumps` times (plus once to find the start). At a gap
// the search re-anchors on the longest following piece of the article it can
// find, so a common character does not lead it astray.
Match match_in_order(const std::u32string& article, const std::u32string& pdf, int jumps) {
  const size_t kGap = 200;
  Match m;
  size_t pos = 0, n = 0;
  int left = jumps + 1;
  bool placed = false;
  auto find = [&](size_t len, bool near) -> size_t {
    const std::u32string piece = article.substr(n, len);
    size_t k = pdf.find(piece, pos);
    if (k == std::u32string::npos) return k;
    if (near && (!placed || k - pos > kGap)) return std::u32string::npos;
    return k;
  };
  size_t run = 0;
  while (n < article.size()) {
    if (placed && pos < pdf.size() && pdf[pos] == article[n]) {
      ++pos;
      ++n;
      if (++run >= 4) m.solid = n;
      continue;
    }
    run = 0;
    size_t k = std::u32string::npos;
    for (size_t len : {8, 4})
      if ((k = find(len, true)) != std::u32string::npos) break;
    if (k == std::u32string::npos && left > 0 && (k = find(8, false)) != std::u32string::npos) --left;
    if (k == std::u32string::npos)
      for (size_t len : {2, 1})
        if ((k = find(len, true)) != std::u32string::npos) break;
    if (k == std::u32string::npos && left > 0)
      for (size_t len : {4, 2, 1})
        if ((k = find(len, false)) != std::u32string::npos) {
          --left;
          break;
        }
    if (k == std::u32string::npos) break;
    pos = k;
    placed = true;
  }
  m.matched = n;
  m.pdf_pos = pos;
  return m;
}

class ArticleRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(ArticleRoundTrip, BodyTextAppearsInThePdfInOrder) {
  REQUIRE_SAMPLE_PDF();
  const std::string id = GetParam();
  const std::u32string body = article_body(slurp(fs::path(kSample) / (id + ".md")));
  const Issue issue = load_issue(kSample);
  if (body.empty()) {
    // Only a photo module has no body text: its only block is the image.
    const Article& a = issue.articles.at(id);
    ASSERT_EQ(a.blocks.size(), 1u) << id << ".md has no body text but is not a photo";
    EXPECT_EQ(a.blocks[0].kind, BlockKind::Image) << id << ".md has no body text but is not a photo";
    return;
  }

  // Pages the article flows through, from the page plan.
  std::set<int> pages;
  for (const PagePlan& p : issue.pages)
    for (const Area& a : p.areas)
      if (a.module == id) pages.insert(p.number);
  ASSERT_FALSE(pages.empty()) << id << " is on no page of the plan";

  const std::u32string& pdf = sample_pdf_text();
  const Match m = match_in_order(body, pdf, static_cast<int>(pages.size()) - 1);
  if (m.matched == body.size()) return;
  const size_t n = std::min(m.solid, m.matched);
  auto around = [](const std::u32string& s, size_t at, size_t before, size_t after) {
    const size_t from = at > before ? at - before : 0;
    return utf8(s.substr(from, at - from)) + "⟦" + utf8(s.substr(at, after)) + "⟧";
  };
  char cp[16];
  std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(body[n]));
  ADD_FAILURE() << id << ".md: character " << n << " of " << body.size() << " (" << cp << " "
                << utf8(body.substr(n, 1)) << ") is the first not found in the PDF text in order ("
                << (body.size() - n) << " characters from there on are missing or out of place; "
                << "stray single characters matched up to " << m.matched << ")\n"
                << "  article (white space dropped): " << around(body, n, 30, 30) << "\n"
                << "  PDF text where the search gave up: " << around(pdf, m.pdf_pos, 30, 30);
}

INSTANTIATE_TEST_SUITE_P(Sample, ArticleRoundTrip, ::testing::ValuesIn(sample_articles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

// The matcher itself, on made-up text, so a broken matcher cannot pass silently.
TEST(RoundTripMatcher, FindsTextWithInsertionsAndJumpsAndReportsWhatIsMissing) {
  const std::u32string article = U"第一段文字很长很长。第二段也有文字，继续写下去。";
  const std::u32string filler(500, U'杂');
  // In order with a jump line in between: found.
  EXPECT_EQ(match_in_order(article, U"标题第一段文字很长很长。（下转第2版）第二段也有文字，继续写下去。", 0).matched,
            article.size());
  // Continued on another page far away: needs one jump.
  const std::u32string split = U"第一段文字很长很长。第二段" + filler + U"也有文字，继续写下去。";
  EXPECT_EQ(match_in_order(article, split, 1).matched, article.size());
  EXPECT_LT(match_in_order(article, split, 0).matched, article.size());
  // The tail is missing: the match stops where it begins.
  const Match cut = match_in_order(article, U"前文第一段文字很长很长。第二段也有" + filler, 1);
  EXPECT_EQ(cut.matched, article.find(U"文字，继续"));
  EXPECT_EQ(cut.solid, cut.matched);
  // Out of order: not found.
  EXPECT_LT(match_in_order(article, U"第二段也有文字，继续写下去。第一段文字很长很长。", 0).matched, article.size());
}

TEST(RoundTripMatcher, FoldsFullWidthFormsAndDropsWhiteSpace) {
  EXPECT_EQ(fold("ＰＤＦ，（１）！　a b\n\tc"), U"PDF,(1)!abc");
  EXPECT_EQ(article_body("+++\ntitle = \"t\"\n+++\n\n## 小标题\n\n**加粗** 文字\n\n![说明](images/x.jpg)\n末段，完。\n"),
            U"小标题加粗文字末段,完。");
}

}  // namespace
}  // namespace paiban
