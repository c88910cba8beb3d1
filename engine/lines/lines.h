// Line breaking and justification of Chinese text (W3C clreq): 禁则, 标点挤压,
// CJK–Latin spacing and full justification, chosen for the whole paragraph at
// once (a Knuth–Plass total-fit builder over units, gaps and break penalties).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "shape/shape.h"
#include "text/text.h"

namespace paiban {

enum class Align { Justify, Left, Center, Right };

struct LineSettings {
  double measure = 117;  // pt
  double indent = 0;     // first-line indent, pt
  Kinsoku kinsoku = Kinsoku::Strict;
  Align align = Align::Justify;
  Align last_align = Align::Left;           // last line of a justified paragraph
  double latin_space = 0.25;               // em between a Han character and a Latin letter
  double digit_space = 0;                  // em between a Han character and a digit (dailies: 2024年5月7日, tight)
  bool trim_opening_at_line_start = false;  // clreq: an opening bracket at line start may lose its leading half em
  bool hanging = false;                     // 、，。． may hang outside the measure at a line end
  bool compress_punctuation = true;         // mainland style 标点挤压; false: every mark a full em (Taiwan)
  // Display text (headlines, subheads): break at the spaces and marks between
  // phrases first, inside a phrase only at a word boundary (ICU's dictionary).
  bool word_breaks = false;
  bool balance = false;      // lines of even length (the last line too), not filled greedily
  uint32_t names_end = 0;    // characters [0, names_end) are a byline or dateline: a name never splits
};

// A glyph placed on a line; x is measured from the line's start edge.
struct PlacedGlyph {
  uint32_t gid;
  uint16_t style;        // index into Shaped::styles
  double x, dy;          // pt; dy up
  uint32_t text_begin;   // characters this glyph stands for in the text layer
  uint32_t text_end;     // (empty for the second and later glyphs of a cluster)
};

struct Line {
  std::vector<PlacedGlyph> glyphs;
  double width = 0;      // set width, pt (the measure for justified lines)
  double ratio = 0;      // >0 stretched, <0 compressed, in units of the line's adjustability
  double max_gap_stretch = 0;  // largest extra space added to one gap, in em
  uint32_t text_begin = 0, text_end = 0;
  bool last = false;     // last line of the paragraph
  bool overfull = false;
};

// Something the breaker could only do by bending a rule; reported, never silent.
// A notice that also knows where in the paragraph it happened.
struct LineProblem : Notice {
  uint32_t at = 0;  // character index
  LineProblem(std::string problem, uint32_t index) : at(index) { what = std::move(problem); }
};

struct SetParagraph {
  std::vector<Line> lines;
  std::vector<LineProblem> problems;
};

SetParagraph break_lines(const Shaped& shaped, const LineSettings& settings);

}  // namespace paiban
