// Internal to lines/: the paragraph as units (what may not be split) and the
// gaps between them (where space may stretch or shrink and a line may break).
#pragma once

#include <vector>

#include "lines/lines.h"

namespace paiban::lines {

struct Unit {
  uint32_t glyph_begin, glyph_end;  // in Shaped::glyphs
  uint32_t text_begin, text_end;
  double width;         // pt, without the empty halves of punctuation
  double left_space;    // empty half before a mark's ink (opening marks), pt
  double right_space;   // empty half after a mark's ink (closing marks), pt
  double em;            // font size of the unit, pt
  CharClass first, last;
  bool latin;           // Latin word or number
  // White space between the previous unit and this one.
  bool word_space = false;   // an ASCII space (between Latin words)
  double em_space = 0;       // U+3000 width, pt
  int em_space_glyph = -1;   // its glyph, drawn when the line does not break there
  bool inside_word = false;  // this unit continues an over-long word cut into pieces
  bool address_point = false;  // a URL or e-mail address may break before this unit
  bool address_inner = false;  // a letter of an address that may not break before it
};

struct Gap {
  double natural = 0, stretch = 0, shrink = 0;  // pt
  double start_width = 0;  // kept at the start of the next line when breaking here
  double max_extra = 1e30;  // most the gap may grow, pt (a Han–Latin gap stays within 0.5 em)
  bool can_break = true;
  double penalty = 0;
  const char* rule = nullptr;  // the rule that forbids a break here, for reports
  int space_glyph = -1;        // an ideographic space drawn in the gap (it carries text)
};

struct Units {
  std::vector<Unit> units;
  std::vector<Gap> gaps;  // gaps[i] lies between units[i] and units[i + 1]
  std::vector<LineProblem> problems;
};

Units prepare(const Shaped& shaped, const LineSettings& s);

// The piece of `u` that is the one cluster starting at glyph `k` (a word or an
// address opened up a character at a time); `next` gets the glyph after it. A
// piece after the first keeps none of the white space before the word.
Unit cluster_piece(const Shaped& shaped, const Unit& u, uint32_t k, uint32_t& next);

// words.cpp: display text breaks between phrases, then at ICU word boundaries;
// names in bylines and datelines stay whole; addresses break at / . @ ? &.
void display_breaks(const Shaped& shaped, const LineSettings& s, Units& u);
void keep_names(const LineSettings& s, Units& u);
std::vector<Unit> open_addresses(const Shaped& shaped, std::vector<Unit> units, double measure);
void address_gap(const Unit& before, const Unit& after, Gap& gap);

}  // namespace paiban::lines
