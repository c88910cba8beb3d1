// The whole path in one command: `paiban build COPY.txt` imports the seed copy
// and typesets the issue it makes; every story of the copy reaches the PDF.
#include <gtest/gtest.h>

#include <sstream>

#include "import/steps.h"
#include "support.h"

namespace paiban::test {
namespace {

// The Han characters of s: titles reach the page with their spaces and
// brackets set by the copy desk (U+3000, full-width), the characters unchanged.
std::u32string han(const std::string& s) {
  std::u32string out;
  for (char32_t c : import::u32(s))
    if (import::is_han(c)) out += c;
  return out;
}

const std::string kSeedCopy = PAIBAN_TEST_DATA "/seed/000_9cd99de5643e8486.txt";

TEST(ImportBuild, SeedCopyBuildsTheWholeIssueInOneCommand) {
  TempDir dir;
  std::string pdf = dir.file("seed.pdf");
  RunResult r = run_apart(paiban_command("build " + test::quoted(kSeedCopy) + " --root " PAIBAN_SOURCE_DIR " -o " + test::quoted(pdf)));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_NE(r.err.find("repairs (12)"), std::string::npos) << "the import report is printed";
  std::string text = without_space(pdf_text(pdf));
  for (const char* s : {"朔州日报", "2024年5月7日", "星期二", "甲辰年三月廿九", "第9033期", "CN14—0031"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // Every story, by its title as the import wrote it.
  RunResult imp = run_apart(paiban_command("import " + test::quoted(kSeedCopy) + " -o " + test::quoted(dir.file("x"))));
  ASSERT_EQ(imp.exit_code, 0) << imp.all();
  std::string sources;
  for (const auto& e : fs::directory_iterator(dir.file("x"))) {
    if (e.path().extension() != ".md") continue;
    sources += " " + test::quoted(e.path().string());
    Article a = parse_article(e.path().stem().string(), e.path().string(), slurp(e.path()));
    if (!a.title.empty()) {
      // Each part of a two-part title (they may stand on two lines of the headline).
      std::stringstream parts(a.title);
      for (std::string part; parts >> part;)
        EXPECT_NE(han(text).find(han(part)), std::u32string::npos) << a.title;
    }
  }
  if (!fs::exists("/usr/bin/python3") || !fs::exists(PAIBAN_SOURCE_DIR "/../shared/tools/pdfcheck"))
    GTEST_SKIP() << "pdfcheck is not beside the project";
  RunResult check = run_apart("/usr/bin/python3 " PAIBAN_SOURCE_DIR "/../shared/tools/pdfcheck " + test::quoted(pdf) +
                              " --source" + sources);
  for (const char* s : {"roundtrip=100.0%", "kinsoku=0 ", "split=0 ", "ragged=0 ", "overlaps=0 "})
    EXPECT_NE(check.out.find(s), std::string::npos) << s << "\n" << check.out;
}

}  // namespace
}  // namespace paiban::test
