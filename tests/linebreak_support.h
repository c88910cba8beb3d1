// Internal to the line-breaking tests: the real body face at 10 pt (1 em =
// 10 pt), a paragraph set with given options, and the checks every set
// paragraph must pass (禁则, measure, text layer). Shared by linebreak_test.cpp
// and linebreak_more_test.cpp.
#pragma once

#include "lines/lines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "fonts/fonts.h"
#include "model/issue.h"
#include "shape/shape.h"
#include "support.h"
#include "text/text.h"

namespace paiban {
namespace {

constexpr double kEm = 10;    // pt: the body size used throughout, 1 em
constexpr double kTol = 0.01; // em

inline const FontRegistry& fonts() { return test::project_fonts(); }
inline const Face& body() { return fonts().face("body"); }

inline const char* level_name(Kinsoku k) {
  return k == Kinsoku::Basic ? "Basic" : k == Kinsoku::GB ? "GB" : "Strict";
}

// A paragraph as set: the shaped text and its lines.
struct Set {
  Shaped shaped;
  SetParagraph para;
  const std::u32string& text() const { return shaped.text; }
  std::string line_text(const Line& l) const {
    return to_utf8(shaped.text.substr(l.text_begin, l.text_end - l.text_begin));
  }
  std::string dump() const {
    std::string s;
    for (const Line& l : para.lines) {
      char buf[96];
      snprintf(buf, sizeof buf, "  | width %.3f em, ratio %.3f%s\n", l.width / kEm, l.ratio, l.last ? ", last" : "");
      s += "  [" + line_text(l) + "]" + buf;
    }
    for (const LineProblem& p : para.problems) s += "  problem: " + p.what + " at " + std::to_string(p.at) + "\n";
    return s;
  }
};

struct Options {
  double measure = 13;  // em
  Kinsoku kinsoku = Kinsoku::Strict;
  double indent = 0;    // em
  bool normalise = false;  // apply fullwidth_punctuation first
  // These cases were written for papers that space digits like letters (¼ em);
  // dailies set them tight, the engine's default (DigitsAreSetTightByDefault).
  double digit_space = 0.25;
};

inline Set set_paragraph(const std::string& utf8, const Options& o) {
  std::u32string text = to_u32(utf8);
  if (o.normalise) fullwidth_punctuation(text);
  Set s;
  const uint32_t n = static_cast<uint32_t>(text.size());
  s.shaped = shape(std::move(text), {StyleRange{n, TextStyle{&body(), kEm}}});
  LineSettings ls;
  ls.measure = o.measure * kEm;
  ls.indent = o.indent * kEm;
  ls.kinsoku = o.kinsoku;
  ls.digit_space = o.digit_space;
  s.para = break_lines(s.shaped, ls);
  return s;
}

// Natural advance of a Latin word or number in the body face, in em: for the
// expected widths of lines that carry one.
inline double latin(const char* word) {
  std::u32string t = to_u32(word);
  const uint32_t n = static_cast<uint32_t>(t.size());
  Shaped sh = shape(std::move(t), {StyleRange{n, TextStyle{&body(), kEm}}});
  double w = 0;
  for (const ShapedGlyph& g : sh.glyphs) w += g.advance;
  return w / kEm;
}

// Natural width of Latin words set with the engine's 1/4-em word space, in em.
inline double words(const std::string& text) {
  double w = 0;
  int n = 0;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find(' ', b);
    if (e == std::string::npos) e = text.size();
    w += latin(text.substr(b, e - b).c_str());
    ++n;
    b = e + 1;
  }
  return w + 0.25 * (n - 1);
}

// The glyph standing for character `index` of the text (its cluster's first
// glyph), with the line it is on; fails the test if there is none.
struct Found {
  const Line* line = nullptr;
  const PlacedGlyph* glyph = nullptr;
};
inline Found glyph_at(const Set& s, uint32_t index) {
  for (const Line& l : s.para.lines)
    for (const PlacedGlyph& g : l.glyphs)
      if (g.text_begin == index && g.text_end > index) return {&l, &g};
  ADD_FAILURE() << "no glyph carries character " << index;
  return {};
}
inline double x_em(const Set& s, uint32_t index) {
  Found f = glyph_at(s, index);
  return f.glyph ? f.glyph->x / kEm : NAN;
}
inline uint32_t index_of(const Set& s, const char* utf8, size_t from = 0) {
  size_t i = s.text().find(to_u32(utf8), from);
  EXPECT_NE(i, std::u32string::npos) << utf8;
  return static_cast<uint32_t>(i);
}

// The 禁则 as the rules list them (clreq §3.1.4 and Appendix A), written out
// here so that the breaker is judged by the rules, not by its own table.
inline bool forbidden_at_start(char32_t c, Kinsoku k) {
  static const std::u32string all = U"，。、；：？！‼⁇⁈⁉．”’）》〉」』】〕〗］｝〞％%‰℃°′″·・‧～–〜";
  static const std::u32string strict = U"—―⸺…⋯";
  return all.find(c) != std::u32string::npos || (k == Kinsoku::Strict && strict.find(c) != std::u32string::npos);
}
inline bool forbidden_at_end(char32_t c, Kinsoku k) {
  static const std::u32string all = U"“‘（《〈「『【〔〖［｛〝￥¥$＄£￡€";
  static const std::u32string solidus = U"/／";
  return all.find(c) != std::u32string::npos || (k != Kinsoku::Basic && solidus.find(c) != std::u32string::npos);
}

// Rules every paragraph must keep, whatever the case: justified lines fill the
// measure, the last line is flush left at its natural width, no line breaks a
// 禁则 of its level, nothing is wider than the measure, nothing is lost.
inline void expect_well_set(const Set& s, const Options& o) {
  ASSERT_FALSE(s.para.lines.empty());
  uint32_t next = 0;
  for (size_t i = 0; i < s.para.lines.size(); ++i) {
    const Line& l = s.para.lines[i];
    SCOPED_TRACE("line " + std::to_string(i) + " [" + s.line_text(l) + "]");
    EXPECT_EQ(l.last, i + 1 == s.para.lines.size());
    EXPECT_LE(l.width / kEm, o.measure + kTol);
    EXPECT_FALSE(l.overfull);
    if (!l.last) {
      EXPECT_NEAR(l.width / kEm, o.measure, kTol) << "a justified line fills the measure";
    }
    // Text is consecutive: only white space (U+0020, U+3000) may vanish at a break.
    while (next < l.text_begin && (s.text()[next] == U' ' || s.text()[next] == U'\u3000')) ++next;
    EXPECT_EQ(l.text_begin, next);
    next = l.text_end;
    ASSERT_LT(l.text_begin, l.text_end);
    const char32_t first = s.text()[l.text_begin], last = s.text()[l.text_end - 1];
    if (i > 0) {
      EXPECT_FALSE(forbidden_at_start(first, o.kinsoku) || no_line_start(char_class(first), o.kinsoku))
          << to_utf8(std::u32string(1, first)) << " starts a line";
    }
    if (!l.last) {
      EXPECT_FALSE(forbidden_at_end(last, o.kinsoku) || no_line_end(char_class(last), o.kinsoku))
          << to_utf8(std::u32string(1, last)) << " ends a line";
    }
    if (i > 0) {
      // Never inside —— or ……: the two halves never sit on two lines.
      const char32_t a = s.text()[l.text_begin - 1], b = s.text()[l.text_begin];
      EXPECT_FALSE(a == b && (a == U'—' || a == U'…' || a == U'⋯')) << "—— or …… split across lines";
    }
  }
  EXPECT_EQ(next, s.text().size());
  const Line& last = s.para.lines.back();
  EXPECT_LE(last.ratio, 0) << "the last line is never stretched";
  if (!last.glyphs.empty()) {
    const double start = s.para.lines.size() == 1 ? o.indent : 0;
    // An opening mark keeps its full em at a line start: its pen sits at the start edge.
    EXPECT_NEAR(last.glyphs.front().x / kEm, start, kTol) << "the last line is flush left";
  }
}

struct ExpectedLine {
  std::string text;
  double width;  // em
};

struct Case {
  std::string rule;
  std::string input;
  Options opt;
  std::vector<ExpectedLine> lines;
};

// Sets the case, compares its lines and checks the general rules.
inline Set check(const Case& c) {
  SCOPED_TRACE(c.rule + ": \"" + c.input + "\" at " + std::to_string(c.opt.measure) + " em, " +
               level_name(c.opt.kinsoku));
  Set s = set_paragraph(c.input, c.opt);
  const std::string got = s.dump();
  EXPECT_EQ(s.para.lines.size(), c.lines.size()) << got;
  for (size_t i = 0; i < std::min(s.para.lines.size(), c.lines.size()); ++i) {
    EXPECT_EQ(s.line_text(s.para.lines[i]), c.lines[i].text) << "line " << i << "\n" << got;
    EXPECT_NEAR(s.para.lines[i].width / kEm, c.lines[i].width, kTol) << "line " << i << "\n" << got;
  }
  EXPECT_TRUE(s.para.problems.empty()) << got;
  expect_well_set(s, c.opt);
  return s;
}

inline Options at(double measure, Kinsoku k = Kinsoku::Strict, double indent = 0, bool normalise = false) {
  return Options{measure, k, indent, normalise};
}


}  // namespace
}  // namespace paiban
