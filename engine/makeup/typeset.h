// Internal to makeup/: setting a piece of text (shape + break) and drawing its
// lines onto a page, shared by body text, headlines, captions and the masthead.
#pragma once

#include <memory>

#include "lines/lines.h"
#include "makeup/makeup.h"
#include "shape/shape.h"

namespace paiban::makeup {

struct SetText {
  Shaped shaped;
  SetParagraph para;
  int missing = 0;  // glyphs the font lacks (.notdef)
};

using TextPtr = std::shared_ptr<const SetText>;

struct Context {
  const Issue& issue;
  const Layout& layout;
  const FontRegistry& fonts;
  Edition& edition;
  TextCache* cache = nullptr;
  bool allow_missing = false;  // 缺字 set as boxed code points instead of failing

  TextStyle style(const TextStyleSpec& s) const { return {&fonts.face(s.font), s.size}; }
  LineSettings settings(const TextStyleSpec& s, double measure, double indent = 0) const;
  // Headlines and subheads: phrases first, then word boundaries, lines balanced.
  LineSettings display_settings(const TextStyleSpec& s, double measure) const;
  // Captions: justified across the picture, breaking only between words.
  LineSettings caption_settings(const TextStyleSpec& s, double measure) const;
  // Notices carry the article and paragraph so an editor can find the text.
  void notice(Notice::Level level, const std::string& article, int paragraph, const std::string& what) const;
};

// One text to set, as set_text takes it.
struct TextRequest {
  std::u32string text;
  std::vector<StyleRange> styles;
  LineSettings settings;
};
// Sets the requests ctx.cache does not hold yet, side by side on all cores,
// into the cache (a no-op without one). The same texts, whatever the thread count.
void set_texts_ahead(const Context& ctx, std::vector<TextRequest>& requests);

// Shapes and breaks; `normalise` applies the copy-desk punctuation repairs.
TextPtr set_text(const Context& ctx, std::u32string text, const std::vector<StyleRange>& styles,
                 const LineSettings& settings);
TextPtr set_string(const Context& ctx, const std::string& utf8, const TextStyle& style, const LineSettings& settings,
                   bool normalise = true);

// Width of the text set on one line, pt (for fitting display type).
double natural_width(const std::string& utf8, const TextStyle& style);

// Draws one line with its start edge at x and its baseline at y.
void draw_line(Page& page, const SetText& t, const Line& line, double x, double y, Cmyk colour = {});

// Watch mode: marks a build's start and end, so unused texts leave the cache.
void begin_build(TextCache* cache);
void end_build(TextCache* cache);

// Reports glyphs the font lacks, with the article and paragraph (or, for text
// from the front matter or issue.toml, the file and line it came from).
void report_missing(const Context& ctx, const SetText& t, const std::string& article, int paragraph, int line = 0,
                    const std::string& file = "");

}  // namespace paiban::makeup
