// Shaping: styled text to glyphs with HarfBuzz. Runs are itemised by style and
// by script (Chinese text and its punctuation as Hani, so the fonts' zh-Hans
// forms and the —— ligature apply; Latin and digits as Latn); every glyph keeps
// its cluster, the index of the first character it came from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace paiban {

class Face;

struct TextStyle {
  const Face* face = nullptr;
  double size = 9;  // pt
  bool operator==(const TextStyle& o) const { return face == o.face && size == o.size; }
};

// A style applies to the characters [previous end, end).
struct StyleRange {
  uint32_t end;
  TextStyle style;
  bool operator==(const StyleRange&) const = default;
};

struct ShapedGlyph {
  uint32_t gid;
  uint32_t cluster;     // index of the cluster's first character
  double advance;       // pt
  double dx, dy;        // pt, offsets from the pen position (dy up)
  uint16_t style;       // index into Shaped::styles
};

struct Shaped {
  std::u32string text;
  std::vector<TextStyle> styles;
  std::vector<ShapedGlyph> glyphs;  // in logical (= visual, LTR) order
};

// `fallback`: faces tried in order, per character, for one a style's face
// lacks; a character none has keeps the style's face and shapes to glyph 0.
Shaped shape(std::u32string text, const std::vector<StyleRange>& styles,
             const std::vector<const Face*>& fallback = {});

}  // namespace paiban
