// Tests of engine/fonts: FontRegistry on the project's fonts/fonts.toml with the
// real font files (Debian fonts-noto-cjk, fonts-lxgw-wenkai), and its errors on
// broken configurations written to a temporary directory.
#include "fonts/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/issue.h"
#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

const std::string kSerifTtc = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

// The PDF font descriptor's metrics are read from the head, hhea and OS/2
// tables directly: they must be FreeType's, for every face the project uses.
TEST(FontRegistry, DescriptorMetricsAreFreeTypes) {
  FT_Library lib;
  ASSERT_EQ(FT_Init_FreeType(&lib), 0);
  const FontRegistry& fonts = project_fonts();
  for (const std::string& role : fonts.roles()) {
    const Face& face = fonts.face(role);
    hb_blob_t* blob = hb_face_reference_blob(face.hb_face());
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    FT_Face ft;
    ASSERT_EQ(FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(data), len, face.index(), &ft), 0) << role;
    auto k = [&](long v) { return static_cast<int>(v * 1000 / static_cast<long>(ft->units_per_EM)); };
    const Face::Metrics m = face.descriptor_metrics();
    EXPECT_EQ(m.ascent, k(ft->ascender)) << role;
    EXPECT_EQ(m.descent, k(ft->descender)) << role;
    EXPECT_EQ(m.bbox[0], k(ft->bbox.xMin)) << role;
    EXPECT_EQ(m.bbox[1], k(ft->bbox.yMin)) << role;
    EXPECT_EQ(m.bbox[2], k(ft->bbox.xMax)) << role;
    EXPECT_EQ(m.bbox[3], k(ft->bbox.yMax)) << role;
    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(ft, FT_SFNT_OS2));
    EXPECT_EQ(m.cap_height, os2 && os2->sCapHeight > 0 ? k(os2->sCapHeight) : 733) << role;
    FT_Done_Face(ft);
    hb_blob_destroy(blob);
  }
  FT_Done_FreeType(lib);
}

TEST(FontRegistry, EveryRoleLoads) {
  const FontRegistry& fonts = project_fonts();
  const std::vector<std::string> roles = fonts.roles();
  const std::set<std::string> have(roles.begin(), roles.end());
  for (const char* want : {"body", "body_bold", "headline", "headline_song", "kicker", "sans", "caption", "masthead"})
    EXPECT_TRUE(have.count(want)) << "fonts.toml lacks role " << want;
  for (const std::string& role : roles) {
    SCOPED_TRACE(role);
    const Face* face = nullptr;
    ASSERT_NO_THROW(face = &fonts.face(role));
    EXPECT_TRUE(fs::exists(face->file())) << face->file();
    EXPECT_FALSE(face->ps_name().empty());
    EXPECT_GT(face->upem(), 0u);
    EXPECT_NE(face->hb_face(), nullptr);
    EXPECT_NE(face->hb_font(), nullptr);
    // Every role sets Chinese text, except fallbacks that exist for what the others lack.
    if (role.rfind("fallback_", 0) == 0) continue;
    EXPECT_NE(face->glyph_for(U'报'), 0u);
    EXPECT_NE(face->glyph_for(U'朔'), 0u);
  }
}

TEST(FontRegistry, FallbackChainCoversRareCharacters) {
  const FontRegistry& fonts = project_fonts();
  const std::vector<const Face*>& chain = fonts.fallback();
  ASSERT_GE(chain.size(), 3u);
  const Face& body = fonts.face("body");
  // Each of these needs a face of the chain (or the body itself): name characters and an emoji.
  for (char32_t c : {U'\u4DAE', U'\U00020BB7', U'\u5803', U'\u7287', U'\U0002A6D6', U'\U0001F600'}) {
    bool found = body.glyph_for(c) != 0;
    for (const Face* f : chain) found = found || f->glyph_for(c) != 0;
    EXPECT_TRUE(found) << "no face has U+" << std::hex << static_cast<unsigned>(c);
  }
  EXPECT_EQ(body.glyph_for(U'\U0002A6D6'), 0u) << "the test needs a character the body face lacks";
}

TEST(FontRegistry, BodyIsNotoSerifScChosenByNameFromTheCollection) {
  const Face& body = project_fonts().face("body");
  EXPECT_EQ(body.ps_name(), "NotoSerifCJKsc-Regular");
  EXPECT_EQ(body.file(), kSerifTtc);
  // jp, kr, sc, tc, hk: the Simplified Chinese face is the third of the collection.
  EXPECT_EQ(body.index(), 2u);
  EXPECT_EQ(body.upem(), 1000u);
  EXPECT_TRUE(body.is_cff());
  // The face HarfBuzz holds is that face of the collection.
  EXPECT_EQ(hb_face_get_index(body.hb_face()), 2u);
}

TEST(FontRegistry, OtherFacesOfTheCollectionAreChosenByName) {
  TempDir dir;
  const std::string toml = dir.write("fonts.toml",
                                     "[roles.tc]\n"
                                     "file = \"" + kSerifTtc + "\"\n"
                                     "face = \"NotoSerifCJKtc-Regular\"\n"
                                     "[roles.jp]\n"
                                     "file = \"" + kSerifTtc + "\"\n"
                                     "face = \"NotoSerifCJKjp-Regular\"\n");
  FontRegistry fonts(toml);
  EXPECT_EQ(fonts.face("tc").index(), 3u);
  EXPECT_EQ(fonts.face("tc").ps_name(), "NotoSerifCJKtc-Regular");
  EXPECT_EQ(fonts.face("jp").index(), 0u);
  EXPECT_NE(&fonts.face("tc"), &fonts.face("jp"));
}

TEST(FontRegistry, TrueTypeFaceIsNotCff) {
  const Face& caption = project_fonts().face("caption");
  EXPECT_EQ(caption.ps_name(), "LXGWWenKai-Regular");
  EXPECT_EQ(caption.index(), 0u);
  EXPECT_FALSE(caption.is_cff());
}

TEST(FontRegistry, SameFileAndFaceIsOneFaceObject) {
  const FontRegistry& fonts = project_fonts();
  // body and kicker both name NotoSerifCJK-Regular.ttc / NotoSerifCJKsc-Regular.
  const Face& body = fonts.face("body");
  const Face& kicker = fonts.face("kicker");
  EXPECT_EQ(&body, &kicker);
  // body_bold and headline both name NotoSansCJK-Bold.ttc / NotoSansCJKsc-Bold.
  EXPECT_EQ(&fonts.face("body_bold"), &fonts.face("headline"));
  // Asking again gives the same object, not a new load.
  EXPECT_EQ(&fonts.face("body"), &body);
  // Different faces are different objects.
  EXPECT_NE(&fonts.face("body"), &fonts.face("headline_song"));
  EXPECT_NE(&fonts.face("body_bold"), &fonts.face("sans"));
}

TEST(FontRegistry, UnknownRoleIsAnInputError) {
  auto e = catch_input_error([] { project_fonts().face("no_such_role"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->file(), kFontsToml);
  EXPECT_NE(std::string(e->what()).find("no_such_role"), std::string::npos) << e->what();
}

// Loads `role` from a fonts.toml; the error may come from the constructor or
// from face(), as long as it is an InputError.
std::optional<InputError> load_role_error(const std::string& toml, const std::string& role) {
  return catch_input_error([&] {
    FontRegistry fonts(toml);
    fonts.face(role);
  });
}

TEST(FontRegistry, MissingFontFileNamesFontsTomlAndTheRolesLine) {
  TempDir dir;
  const std::string toml = dir.write("fonts.toml",
                                     "# fonts for a test\n"                        // 1
                                     "[roles.body]\n"                              // 2
                                     "file = \"" + kSerifTtc + "\"\n"              // 3
                                     "face = \"NotoSerifCJKsc-Regular\"\n"         // 4
                                     "\n"                                          // 5
                                     "[roles.caption]\n"                           // 6
                                     "file = \"/nonexistent/paiban/NoSuch.ttf\"\n"  // 7
                                     "face = \"NoSuch-Regular\"\n");               // 8
  auto e = load_role_error(toml, "caption");
  ASSERT_TRUE(e.has_value());
  const std::string what = e->what();
  EXPECT_EQ(e->file(), toml) << what;
  // The role's table header or its `file` line.
  EXPECT_GE(e->line(), 6) << what;
  EXPECT_LE(e->line(), 7) << what;
  EXPECT_EQ(what.rfind(toml + ":" + std::to_string(e->line()) + ":", 0), 0u) << what;
  EXPECT_NE(what.find("caption"), std::string::npos) << what;
  EXPECT_NE(what.find("/nonexistent/paiban/NoSuch.ttf"), std::string::npos) << what;
}

TEST(FontRegistry, FileThatIsNotAFontIsAnInputError) {
  TempDir dir;
  std::string garbage = "this is not a font\n";
  uint32_t x = 12345;  // deterministic noise after the text
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    garbage += static_cast<char>(x >> 24);
  }
  const std::string font = dir.write("garbage.ttf", garbage);
  const std::string empty = dir.write("empty.otf", "");
  const std::string toml = dir.write("fonts.toml",
                                     "[roles.garbage]\n"
                                     "file = \"" + font + "\"\n"
                                     "face = \"Garbage-Regular\"\n"
                                     "[roles.empty]\n"
                                     "file = \"" + empty + "\"\n"
                                     "face = \"Empty-Regular\"\n");
  for (const char* role : {"garbage", "empty"}) {
    SCOPED_TRACE(role);
    auto e = load_role_error(toml, role);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->file(), toml) << e->what();
    EXPECT_GT(e->line(), 0) << e->what();
  }
}

TEST(FontRegistry, FaceNameMissingFromTheCollectionIsAnInputError) {
  TempDir dir;
  const std::string toml = dir.write("fonts.toml",
                                     "[roles.body]\n"
                                     "file = \"" + kSerifTtc + "\"\n"
                                     "face = \"NotoSerifCJKsc-Regular-Typo\"\n");
  auto e = load_role_error(toml, "body");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->file(), toml);
  EXPECT_GE(e->line(), 1);
  EXPECT_LE(e->line(), 3);
  EXPECT_NE(std::string(e->what()).find("NotoSerifCJKsc-Regular-Typo"), std::string::npos) << e->what();
}

TEST(FontRegistry, RoleWithoutFileOrFaceIsAnInputError) {
  TempDir dir;
  const std::string toml = dir.write("fonts.toml",
                                     "[roles.body]\n"                   // 1
                                     "file = \"" + kSerifTtc + "\"\n"   // 2
                                     "face = \"NotoSerifCJKsc-Regular\"\n"
                                     "[roles.sans]\n"                   // 4
                                     "file = \"" + kSerifTtc + "\"\n");
  auto e = load_role_error(toml, "sans");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->file(), toml);
  EXPECT_EQ(e->line(), 4) << e->what();
  EXPECT_NE(std::string(e->what()).find("sans"), std::string::npos) << e->what();
}

// fonts.toml is read like the layout: every key known, every value of its
// type, each fault said at its line when the registry is made (before any face loads).
TEST(FontRegistry, BadFontsTomlIsRejectedAtTheLineAtFault) {
  const std::string body = "[roles.body]\nfile = \"" + kSerifTtc + "\"\nface = \"NotoSerifCJKsc-Regular\"\n";  // 1-3
  struct Case {
    const char* why;
    std::string text;
    int line;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"a misspelt key in a role", body + "fase = \"NotoSerifCJKsc-Bold\"\n", 4, "fase"},
      {"a misspelt top-level table", body + "\n[role.caption]\nfile = \"x.ttf\"\n", 5, "role"},
      {"a file that is not a string", "[roles.body]\nface = \"X\"\nfile = 3\n", 3, "'file' must be a string"},
      {"a face that is not a string", "[roles.body]\nfile = \"x.ttf\"\n\nface = [\"X\"]\n", 4, "'face' must be a string"},
      {"a role that is not a table", "[roles]\nbody = \"x.ttf\"\n", 2, "body"},
      {"roles that are not a table", "roles = 3\n", 1, "roles"},
      {"a misspelt key in [fallback]", body + "[fallback]\nchains = [\"body\"]\n", 5, "chains"},
      {"a fallback without a chain", body + "[fallback]\n", 4, "chain"},
      {"a chain that is not a list", body + "[fallback]\nchain = \"body\"\n", 5, "chain"},
      {"a chain entry that is not a string", body + "[fallback]\nchain = [\n  \"body\",\n  7,\n]\n", 7, "strings"},
      {"a chain naming no role", body + "[fallback]\nchain = [\n  \"body\",\n  \"no_such_role\",\n]\n", 7, "no_such_role"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    TempDir dir;
    const std::string toml = dir.write("fonts.toml", c.text);
    auto e = catch_input_error([&] { FontRegistry fonts(toml); });
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->file(), toml) << e->what();
    EXPECT_EQ(e->line(), c.line) << e->what();
    EXPECT_NE(std::string(e->what()).find(c.says), std::string::npos) << e->what();
  }
}

TEST(FontRegistry, TheProjectsFontsTomlPassesTheChecks) {
  const FontRegistry& fonts = project_fonts();
  EXPECT_GE(fonts.roles().size(), 8u);
  EXPECT_EQ(fonts.fallback().size(), 6u);
}

TEST(Face, GlyphForMapsCharactersTheFaceHasAndOnlyThose) {
  const Face& body = project_fonts().face("body");
  EXPECT_NE(body.glyph_for(U'报'), 0u);
  EXPECT_NE(body.glyph_for(U'A'), 0u);
  EXPECT_NE(body.glyph_for(U'，'), 0u);
  EXPECT_NE(body.glyph_for(U'报'), body.glyph_for(U'纸'));
  EXPECT_EQ(body.glyph_for(0xF0000), 0u);  // Supplementary Private Use Area-A
  EXPECT_EQ(body.glyph_for(0x10FFFF), 0u);
}

TEST(Face, IdeographAdvanceIsOneEm) {
  const Face& body = project_fonts().face("body");
  const GlyphInk& ink = body.ink(body.glyph_for(U'报'));
  EXPECT_EQ(ink.advance, static_cast<int>(body.upem()));
  EXPECT_FALSE(ink.empty);
  EXPECT_LT(ink.x_min, ink.x_max);
  EXPECT_LT(ink.y_min, ink.y_max);
  const GlyphInk& space = body.ink(body.glyph_for(U' '));
  EXPECT_TRUE(space.empty);
  EXPECT_GT(space.advance, 0);
}

}  // namespace
}  // namespace paiban
