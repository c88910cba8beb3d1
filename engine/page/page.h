// The placed page: everything on a page at its final position, in points from
// the top-left corner of the trim box (y down). Knows nothing of PDF, so the
// print writer and the proofs share it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace paiban {

class Face;

// Process colour, each channel 0..1; text and rules are 100% K by default.
struct Cmyk {
  double c = 0, m = 0, y = 0, k = 1;
  bool operator==(const Cmyk& o) const { return c == o.c && m == o.m && y == o.y && k == o.k; }
};

struct GlyphPos {
  uint32_t gid;
  double x;           // pen position
  double dy;          // offset up from the baseline
  uint32_t text_begin, text_end;  // the glyph's characters in TextRun::text
};

// Glyphs of one face and size on one baseline (usually one line of text).
struct TextRun {
  std::shared_ptr<const Face> face;  // shared: a page outlives the font registry safely
  double size = 9;
  double baseline = 0;
  Cmyk colour;
  std::u32string text;  // what the glyphs stand for (the text layer)
  std::vector<GlyphPos> glyphs;
};

struct Rule {
  double x1, y1, x2, y2;
  double width = 0.5;  // pt
  Cmyk colour;
};

struct Box {
  double x, y, w, h;
  Cmyk fill;
  bool stroke = false;  // outline in `fill` colour instead of filling
  double width = 0.5;
};

// An image drawn into a frame; the source pixels [crop] are scaled to [x, y, w, h].
struct ImagePlacement {
  std::string path;
  double x, y, w, h;
  double crop_x = 0, crop_y = 0, crop_w = 1, crop_h = 1;  // fractions of the source
};

struct Page {
  int number = 1;
  double width = 0, height = 0;  // trim size, pt
  double bleed = 0;              // pt beyond the trim on each side
  std::vector<TextRun> text;
  std::vector<Rule> rules;
  std::vector<Box> boxes;
  std::vector<ImagePlacement> images;
};

}  // namespace paiban
