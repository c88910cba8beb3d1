// The page grid and the styles of a paper (layouts/NAME.toml): trim size,
// columns measured in body characters, the baseline grid, text styles.
#pragma once

#include <algorithm>

#include <map>
#include <string>
#include <vector>

#include "style/press.h"
#include "style/settings.h"

namespace paiban {

struct TextStyleSpec {
  std::string font = "body";  // font role
  double size = 9;            // pt
  Align align = Align::Justify;
  Align last_align = Align::Left;  // last line of a justified paragraph
  int line = 0;               // where the layout defines it, for reports
};

// 引题 / 主题 / 副题 of one headline style.
struct HeadlineSpec {
  TextStyleSpec kicker, title, subtitle;
  double min_title_size = 14;  // long titles shrink down to this before breaking more
  // Title size by the width of the headline: entry k for k + 1 columns, the last
  // for anything wider (a 3-column and a 6-column 头条 are not the same size).
  // Empty: title.size at every width.
  std::vector<double> title_sizes;
  double title_size(int columns) const {
    if (title_sizes.empty()) return title.size;
    return title_sizes[static_cast<size_t>(std::clamp(columns, 1, static_cast<int>(title_sizes.size())) - 1)];
  }
  int max_title_lines = 2;
  bool subtitle_dash = false;  // 副题 set after a dash: ——我市全方位…纪实
};

// The masthead block (报头): sizes and arrangement, and how numbers are written.
struct MastheadSpec {
  double name = 86, sponsor = 11, meta = 9;  // pt; `name` is the largest the name is set
  double name_min = 24;  // pt: a name that only fits smaller is an error naming the block
  bool centred = false;              // arrangement: "left" (name left, panel right) or "center"
  bool page_count_chinese = true;    // 今日四版 (chinese) or 今日4版 (arabic)
  bool folio_chinese = false;        // 第二版 (chinese) or 第2版 (arabic)
  int lines = 20;  // the block's height in grid lines where the planner places it (page 1's top)
};

// The 栏目 band over an article: the column's name between a rule above and
// below ("rules"), or reversed out of a solid tint of black ("reversed").
struct BandSpec {
  bool reversed = false;
  double tint = 1.0;  // K of the reversed band, 0..1
  int line = 0;       // where the layout sets it, for reports
};

// Where type sits in its em box: the baseline this far below the box's top, in
// em (the ideographic em box of the CJK faces: 880 units up, 120 down). Every
// line of the grid, headline, masthead and missing-glyph box is placed by it.
constexpr double kEmAscent = 0.88;

struct Layout {
  std::string name, file;
  // Page, in pt.
  double trim_w = 0, trim_h = 0, bleed = 0;
  double top = 0;         // trim top to the top of the first grid line
  double folio_y = 0;     // baseline of the folio line (报眉), from the trim top
  int columns = 8;
  int column_chars = 13;  // column width in body characters
  double gutter = 8;      // pt
  int lines = 100;        // grid lines in the type area
  // Body text.
  TextStyleSpec body;
  double leading = 13.5;  // pt: one grid line
  double indent = 2;      // em
  Kinsoku kinsoku = Kinsoku::Strict;
  double latin_space = 0.25;  // em between Han characters and Latin letters
  double digit_space = 0;     // em between Han characters and digits (dailies: none)
  bool hanging = false;               // hanging punctuation (most mainland papers: no)
  bool compress_punctuation = true;   // punctuation = "mainland" (标点挤压) or "taiwan" (full em)
  double rule_width = 0.5;  // pt, rules between modules
  std::map<std::string, TextStyleSpec> styles;     // subhead, byline, caption, ...
  std::map<std::string, HeadlineSpec> headlines;   // lead, major, minor
  MastheadSpec masthead;
  BandSpec band;
  PressSpec press;

  double column_width() const { return column_chars * body.size; }
  double type_width() const { return columns * column_width() + (columns - 1) * gutter; }
  double left() const { return (trim_w - type_width()) / 2; }
  double column_x(int col) const { return left() + col * (column_width() + gutter); }
  double span_width(int cols) const { return cols * column_width() + (cols - 1) * gutter; }
  // Top of grid line k (0-based) and the baseline of a body line in it.
  double line_top(int k) const { return top + k * leading; }
  double baseline(int k) const { return line_top(k) + (leading - body.size) / 2 + kEmAscent * body.size; }

  const TextStyleSpec& style(const std::string& name) const;  // throws InputError
  const HeadlineSpec& headline(const std::string& name) const;
};

// Reads layouts/NAME.toml. Throws InputError naming file:line.
Layout load_layout(const std::string& file);

// Every font role the layout names must be one of `roles` (fonts.toml's);
// an unknown one is reported at the layout line that names it.
void check_font_roles(const Layout& layout, const std::vector<std::string>& roles);

}  // namespace paiban
