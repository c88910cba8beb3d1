// paiban import on the seed copy (tests/data/seed, the raw text the sample
// issue was made from by hand): the imported articles must match the
// hand-made ones field by field, whatever the file's encoding.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <filesystem>

#include "import/import.h"
#include "model/issue.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
const std::string kSeed = PAIBAN_TEST_DATA "/seed/000_9cd99de5643e8486.txt";

// The hand-made articles that come from the seed (those not marked sample).
std::vector<Article> hand_made() {
  std::vector<Article> out;
  for (const auto& e : fs::directory_iterator(test::kSample)) {
    if (e.path().extension() != ".md") continue;
    Article a = parse_article(e.path().stem().string(), e.path().string(), test::slurp(e.path()));
    if (!a.sample) out.push_back(a);
  }
  return out;
}

std::vector<Article> imported(const ImportedIssue& is) {
  std::vector<Article> out;
  for (const ImportedArticle& a : is.articles) out.push_back(parse_article(a.id, a.id + ".md", article_markdown(a)));
  return out;
}

std::string block_text(const Block& b) {
  std::string s;
  for (const Span& sp : b.spans) s += sp.text;
  return s;
}

// The differences the test allows, each with its reason.
std::string allowed(const std::string& id, std::string text) {
  // The editor translated the stray English word the import only flags.
  if (id == "lead") {
    size_t at = text.find("搅拌机等施工");
    if (at != std::string::npos) text.replace(at, std::string("搅拌机等施工").size(), "搅拌机 etc 施工");
  }
  return text;
}

const Article* counterpart(const std::vector<Article>& in, const Article& hand) {
  for (const Article& a : in) {
    // A photo is found by its caption: the editor gave the sample's photo a title line the seed lacks.
    bool photo = hand.blocks.size() == 1 && hand.blocks[0].kind == BlockKind::Image;
    if (!photo && a.title == hand.title) return &a;
    if (photo && !a.blocks.empty() &&
        block_text(a.blocks[0]) == block_text(hand.blocks[0]))
      return &a;
  }
  return nullptr;
}

void expect_same_articles(const ImportedIssue& is) {
  std::vector<Article> hand = hand_made(), got = imported(is);
  ASSERT_EQ(hand.size(), 8u);
  EXPECT_EQ(got.size(), hand.size()) << "every story of the seed is one article, and nothing more";
  for (const Article& h : hand) {
    SCOPED_TRACE("hand-made article " + h.id);
    const Article* a = counterpart(got, h);
    ASSERT_NE(a, nullptr) << "no imported article with the title or caption of " << h.id;
    EXPECT_EQ(a->section, h.section);
    EXPECT_EQ(a->kicker, h.kicker);
    EXPECT_EQ(a->subtitle, h.subtitle);
    EXPECT_EQ(a->byline, h.byline);
    EXPECT_EQ(a->dateline, h.dateline);
    EXPECT_EQ(a->credit, h.credit);
    ASSERT_EQ(a->blocks.size(), h.blocks.size());
    for (size_t i = 0; i < h.blocks.size(); ++i) {
      EXPECT_EQ(a->blocks[i].kind, h.blocks[i].kind) << "block " << i;
      EXPECT_EQ(block_text(a->blocks[i]), allowed(h.id, block_text(h.blocks[i]))) << "block " << i;
    }
  }
}

TEST(ImportSeed, ArticlesMatchTheHandMadeIssueFieldByField) {
  ImportedIssue is = import_file(kSeed);
  expect_same_articles(is);
  EXPECT_EQ(is.name, "朔州日报");
  EXPECT_EQ(is.sponsor, "中共朔州市委机关报");
  EXPECT_EQ(is.publisher, "朔州日报社出版");
  EXPECT_EQ(is.cn, "CN14—0031");
  EXPECT_EQ(is.date, "2024-05-07");
  EXPECT_EQ(is.number, 9033);
  EXPECT_EQ(is.pages, 4);
}

TEST(ImportSeed, ReportListsTheTwelveJoinsAndTheStrayWord) {
  ImportedIssue is = import_file(kSeed);
  int joins = 0, flags = 0, warnings = 0;
  for (const ImportNote& n : is.notes) {
    joins += n.kind == ImportNote::Repair;
    flags += n.kind == ImportNote::Flag;
    warnings += n.kind == ImportNote::Warning;
  }
  EXPECT_EQ(joins, 12);
  ASSERT_EQ(flags, 1);
  EXPECT_EQ(warnings, 0) << import_report(is) << "(the weekday and lunar date printed are right)";
  std::string report = import_report(is);
  EXPECT_NE(report.find("line 18: stray Latin word 'etc'"), std::string::npos) << report;
  EXPECT_NE(report.find("line 36: joined line 36 to line 38"), std::string::npos) << report;
  EXPECT_NE(report.find("line 140: joined line 140 to line 142"), std::string::npos) << report;
  EXPECT_GT(is.halfwidth, 100) << "the seed types , : ( ) half-width throughout";
}

TEST(ImportSeed, IdsArePinyinAsciiUniqueAndStable) {
  ImportedIssue a = import_file(kSeed), b = import_file(kSeed);
  std::set<std::string> ids;
  for (size_t i = 0; i < a.articles.size(); ++i) {
    const std::string& id = a.articles[i].id;
    EXPECT_EQ(id, b.articles[i].id);
    EXPECT_TRUE(ids.insert(id).second) << id;
    EXPECT_LE(id.size(), 24u);
    for (char c : id) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') << id;
  }
  EXPECT_EQ(a.articles[0].id, "peiyufazhanxin");
}

std::string convert(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

TEST(ImportSeed, Gb18030ImportsToTheSameArticlesWithTheGuessReported) {
  std::string gb = convert(test::slurp(kSeed), "GB18030");
  ImportedIssue is = import_copy(gb, "seed-gb18030.txt");
  EXPECT_TRUE(is.guessed);
  EXPECT_EQ(is.encoding, "GB18030");
  EXPECT_GT(is.confidence, 0);
  EXPECT_NE(import_report(is).find("GB18030 (guessed by ICU's charset detector, confidence"), std::string::npos);
  expect_same_articles(is);
}

TEST(ImportSeed, Utf16WithBomAndCrlfImportToTheSameArticles) {
  std::string crlf;
  for (char c : test::slurp(kSeed)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string le = convert(crlf, "UTF-16LE"), be = convert(crlf, "UTF-16BE");
  ImportedIssue a = import_copy("\xFF\xFE" + le, "seed-utf16le.txt");
  EXPECT_EQ(a.encoding, "UTF-16LE");
  expect_same_articles(a);
  ImportedIssue b = import_copy("\xFE\xFF" + be, "seed-utf16be.txt");
  expect_same_articles(b);
  ImportedIssue c = import_copy("\xEF\xBB\xBF" + crlf, "seed-bom.txt");
  EXPECT_EQ(c.encoding, "UTF-8 (with BOM)");
  expect_same_articles(c);
}

TEST(ImportSeed, ForcedEncodingIsUsedAndWrongBytesNameTheLine) {
  std::string gb = convert(test::slurp(kSeed), "GB18030");
  ImportedIssue is = import_copy(gb, "seed.txt", ImportOptions{"GBK"});
  EXPECT_FALSE(is.guessed);
  expect_same_articles(is);
  auto err = test::catch_input_error([&] { import_copy(gb, "seed.txt", ImportOptions{"UTF-8"}); });
  ASSERT_TRUE(err);
  EXPECT_GT(err->line(), 0);
  EXPECT_NE(std::string(err->what()).find("not valid UTF-8"), std::string::npos) << err->what();
}

}  // namespace
}  // namespace paiban
