// Rare characters (缺字 in the body face) reach the PDF through the fallback
// chain, each one visible and in the text layer; a character no font has fails
// the build with a report naming it, or becomes a boxed code point on request.
#include <gtest/gtest.h>

#include "support.h"

namespace paiban::test {
namespace {

const std::string kRare = PAIBAN_SOURCE_DIR "/tests/data/rare";

TEST(Rare, NameCharactersAndAnEmojiAreSetFromTheFallbackFonts) {
  PdfBuild b(kRare, "rare.pdf", "--root " PAIBAN_SOURCE_DIR);
  REQUIRE_PDF(b);
  const std::string text = without_space(pdf_text(b.pdf));
  for (const char* c : {"䶮", "𠮷", "堃", "犇", "𪛖", "😀"}) EXPECT_NE(text.find(c), std::string::npos) << c;
  // The faces that had them are embedded too.
  const std::string fonts = run_apart("pdffonts " + quoted(b.pdf.string())).out;
  EXPECT_NE(fonts.find("HanaMinB"), std::string::npos) << fonts;
  for (const PdfFontLine& l : pdffonts_lines(fonts)) expect_embedded_subset_with_to_unicode(l);
}

TEST(Rare, PdfcheckFindsNoNotdefAndEveryCharacter) {
  if (!fs::exists("/usr/bin/python3") || !fs::exists(PAIBAN_SOURCE_DIR "/../shared/tools/pdfcheck"))
    GTEST_SKIP() << "pdfcheck is not beside the project";
  PdfBuild b(kRare, "rare.pdf", "--root " PAIBAN_SOURCE_DIR);
  REQUIRE_PDF(b);
  const RunResult r = run_apart("/usr/bin/python3 " PAIBAN_SOURCE_DIR "/../shared/tools/pdfcheck " +
                                quoted(b.pdf.string()) + " --source " + kRare + "/rare.md");
  EXPECT_NE(r.out.find("notdef=0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("roundtrip=100.0%"), std::string::npos) << r.out;
}

TEST(Rare, CharacterNoFontHasFailsTheBuildNamingIt) {
  const TempDir dir;
  fs::copy(kRare, dir.path() / "issue", fs::copy_options::recursive);
  spit(dir.path() / "issue" / "rare.md",
       "+++\ntitle = \"缺字\"\n+++\n\n私用区的字\xf3\xb0\x80\x80不在任何字体里。\n");
  const RunResult r = run(paiban_command("build " + quoted((dir.path() / "issue").string()) + " --root " +
                                         PAIBAN_SOURCE_DIR " -o " + quoted(dir.file("x.pdf"))));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("U+F0000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rare.md:5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("paragraph 1"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir.file("x.pdf")));
  // With --allow-missing-glyphs the page is set, the character a boxed code point, and the rest intact.
  const RunResult ok = run(paiban_command("build " + quoted((dir.path() / "issue").string()) + " --root " +
                                          PAIBAN_SOURCE_DIR " --allow-missing-glyphs -o " + quoted(dir.file("y.pdf"))));
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_NE(without_space(pdf_text(dir.file("y.pdf"))).find("私用区的字"), std::string::npos);
}

}  // namespace
}  // namespace paiban::test
