// The typographic settings a stylesheet chooses and the stages obey: 禁则
// level, alignment and how one piece of text is broken into lines. Plain
// values with no dependencies, so style/ reads them without knowing any stage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace paiban {

// 禁则 levels (clreq §3.1.4).
enum class Kinsoku { Basic, GB, Strict };

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
  // Captions: break only at word boundaries (or between phrases), with no
  // preference for phrase ends, so lines stay full and justified.
  bool words_only = false;
  uint32_t names_end = 0;    // characters [0, names_end) are a byline or dateline: a name never splits

  // Every field takes part, so a setting added here can never be left out of
  // a comparison (the watch-mode text cache is keyed on it).
  bool operator==(const LineSettings&) const = default;
};

// A hash agreeing with ==; a field it leaves out only costs collisions.
size_t hash_value(const LineSettings& s);

}  // namespace paiban
