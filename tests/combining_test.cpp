// A combining mark right after an ASCII space: HarfBuzz puts it in the space's
// cluster, and the line builder once dropped that cluster as white space, mark
// and all. Every character of the paragraph must be set.
#include <gtest/gtest.h>

#include <string>

#include "fonts/fonts.h"
#include "lines/lines.h"
#include "shape/shape.h"
#include "text/text.h"

namespace paiban {
namespace {

TEST(CombiningMark, AfterASpaceIsSetNotDropped) {
  const FontRegistry fonts(PAIBAN_SOURCE_DIR "/fonts/fonts.toml");
  const std::u32string text = U"ab \u0301cd \u0308朔州";
  const uint32_t n = static_cast<uint32_t>(text.size());
  Shaped sh = shape(std::u32string(text), {StyleRange{n, TextStyle{&fonts.face("body"), 10}}});
  LineSettings ls;
  ls.measure = 200;
  const SetParagraph p = break_lines(sh, ls);
  int marks = 0;
  for (uint32_t k = 0; k < n; ++k) {
    if (text[k] != 0x0301 && text[k] != 0x0308) continue;
    ++marks;
    bool set = false;
    for (const Line& l : p.lines)
      for (const PlacedGlyph& g : l.glyphs) set = set || (g.text_begin <= k && k < g.text_end);
    EXPECT_TRUE(set) << "the mark at " << k << " was dropped";
  }
  EXPECT_EQ(marks, 2);
}

}  // namespace
}  // namespace paiban
