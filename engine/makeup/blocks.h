// Internal to makeup/: the pieces a frame is made of.
#pragma once

#include <memory>
#include <vector>

#include "makeup/typeset.h"

namespace paiban::makeup {

// A stack of display lines (headline, jump head, caption) across a frame,
// taking a whole number of grid lines so that body text below stays on the grid.
struct Display {
  struct Item {
    TextPtr text;
    double baseline;  // pt below the block's top, of the first line
    double step;      // pt between the text's lines
    double x = 0;     // inset from the block's left edge
    Cmyk colour;
  };
  std::vector<Item> items;
  std::vector<Box> boxes;  // relative to the block's top-left
  std::vector<Rule> rules;
  int lines = 0;
};

// A photo module: one image and its caption, with an optional title line (图片新闻).
inline bool is_photo(const Article& a) { return a.blocks.size() == 1 && a.blocks[0].kind == BlockKind::Image; }

Display headline_block(const Context& ctx, const Article& a, double width);
Display jump_head(const Context& ctx, const Article& a, int from_page, double width);
void draw_display(Page& page, const Display& d, double x, double top);
// 通栏: a span's headline set across its row, `lines` grid lines from `top`.
void draw_span(Page& page, const Context& ctx, int page_number, const Area& a, double x, double width, int top,
               int lines);

// A photo's caption with its credit: run on after the caption's last line when
// it fits there, else flush right on a line of its own.
struct Caption {
  TextPtr text, credit;
  double credit_x = 0;  // where the credit starts, from the caption's left edge
  double fill_x = 0;    // ideographic spaces from the last word up to the credit
  int fill_count = 0;
  int credit_own_lines = 0;  // lines of a credit set under the caption (0: on its last line)
  int lines = 0;        // grid lines the caption and credit take
};
Caption set_caption(const Context& ctx, const Article& a, double width);
// Glyphs missing from a headline block or a caption's credit, reported at the
// front-matter line of the article's title (or credit), as body text is at its paragraph.
void report_missing_in(const Context& ctx, const Display& d, const Article& a);
// The spaces before a flush-right credit, on the caption's last line.
void draw_caption_fill(Page& page, const Caption& c, const TextStyle& style, double x, double baseline);

// Body text as a sequence of slots, each a whole number of grid lines in one column.
struct Slot {
  enum Kind { Text, Blank, Image } kind = Text;
  int lines = 1;
  const SetText* text = nullptr;  // Text: the paragraph or subhead
  int line = 0;                   // Text: line index in it
  int paragraph = 0;              // 1-based block index, for reports
  bool keep_with_next = false;    // subheads stay with the text they introduce
  const Block* block = nullptr;   // Image
  const SetText* caption = nullptr;
};

struct Body {
  std::vector<TextPtr> texts;
  std::vector<Slot> slots;
};

Body set_body(const Context& ctx, const Article& a, double measure);
// Every article's body at its column measure (as makeup and the copyfitter
// set it) put into ctx.cache ahead, paragraphs on all cores; set_body then
// finds them there. Nothing is reported here: set_body still does that.
void set_bodies_ahead(const Context& ctx);

// Where the slots of one frame part went: per column, (slot index, line offset).
struct Fill {
  std::vector<std::vector<std::pair<int, int>>> columns;
  int next = 0;       // first slot not placed
  int tallest = 0;    // lines used in the fullest column
};

// Fills columns from slots[from]: column c takes at most caps[c] lines and
// starts tops[c] lines down the frame's body (under a headline that spans only
// some columns). `reserve` lines at the foot of the last column stay free (for a
// jump line). With `balance`, the columns are made as even as the slots allow.
// A column never ends at a widow, an orphan or a subhead with less than two
// lines of its text while it can give lines on: to the later columns when they
// have room, or, when the text `jumps` on to another frame, to that frame.
Fill fill_columns(const std::vector<Slot>& slots, int from, const std::vector<int>& caps, const std::vector<int>& tops,
                  int reserve, bool balance, bool jumps);

// Where fill_columns(slots, from, caps, tops, reserve, balance, false) stops (its
// `next`), found without the search for a tidy cut: columns filled as full as
// they go reach furthest, and no tidier cut of text that does not jump reaches
// further. The copyfitter asks it of every trial height.
int fill_reach(const std::vector<Slot>& slots, int from, const std::vector<int>& caps, int reserve);

// Lines left alone at column ends: a paragraph's last line at a column head
// (widow), its first line at a column foot (orphan), a subhead at a foot.
struct Lonely {
  int widows = 0, orphans = 0, subheads = 0;
  int total() const { return widows + orphans + subheads; }
};
Lonely lonely_lines(const Fill& fill, const std::vector<Slot>& slots);

void draw_slot(Page& page, const Context& ctx, const Slot& s, double x, int grid_line);

// A boxed module (知识窗) keeps half a character clear inside its box on each
// side; makeup and the copyfitter both measure its text this much narrower.
inline double box_inset(const Layout& L, const Article& a) { return a.boxed ? L.body.size / 2 : 0; }

// Fill: the part of the image that covers the box, cut around the article's
// focus point; fit (fit = "fit"): the whole image, centred in the box.
ImagePlacement place_image(const std::string& path, double x, double y, double w, double h, const Article& a);

// The masthead block of page 1 and the folio (报眉) of the other pages.
void draw_masthead(Page& page, const Context& ctx, double x, double top, double width, int lines);
void draw_folio(Page& page, const Context& ctx, const PagePlan& plan);
void draw_imprint(Page& page, const Context& ctx);
// Proof overlays (grid, frames, baselines, adjusted lines); never in the print PDF.
void draw_overlays(Page& page, const Context& ctx, unsigned overlays);

// The page label in the slug, outside the bleed: paper, date, page, plates.
void printer_label(Page& page, const Context& ctx);

}  // namespace paiban::makeup
