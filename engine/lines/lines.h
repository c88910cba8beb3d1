// Line breaking and justification of Chinese text (W3C clreq): 禁则, 标点挤压,
// CJK–Latin spacing and full justification, chosen for the whole paragraph at
// once (a Knuth–Plass total-fit builder over units, gaps and break penalties).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "shape/shape.h"
#include "style/settings.h"
#include "text/text.h"

namespace paiban {

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

namespace lines {
// A web address (scheme://… or www.…) or an e-mail address: it breaks only at
// its own points (after /, before . @ ? & #), not by the rules of 禁则.
bool address_like(std::u32string_view word);
}  // namespace lines

}  // namespace paiban
