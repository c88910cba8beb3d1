// A photo's caption and its credit, set the same way for makeup and the copyfitter.
#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

// The credit follows the caption in brackets: （赵福胜　摄）.
std::string bracketed(const std::string& credit) {
  if (credit.rfind("（", 0) == 0 || credit.rfind("(", 0) == 0) return credit;
  return "（" + credit + "）";
}

// Ideographic spaces from the caption's last word to the credit: a gap a reader
// and a text extractor both see as space, and no hole inside the line.
int fill_spaces(double gap, double em) {
  int n = 0;
  for (double covered = 0; gap - covered > 0.5 * em; covered += em) ++n;
  return n;
}

}  // namespace

Caption set_caption(const Context& ctx, const Article& a, double width) {
  const Layout& L = ctx.layout;
  std::string text;
  for (const Span& s : a.blocks[0].spans) text += s.text;
  const TextStyleSpec& cs = L.style("caption");
  LineSettings ls = ctx.caption_settings(cs, width);
  Caption c;
  TextStyleSpec rs = L.style("credit");
  if (!a.credit.empty()) {
    rs.align = Align::Left;
    c.credit = set_string(ctx, bracketed(a.credit), ctx.style(rs), ctx.settings(rs, width));
    // The credit stands flush right on the caption's last line, which the
    // breaker keeps short enough for it (…面纱。　　（赵福胜　摄）): the caption's
    // lines all end on the picture's right edge.
    if (c.credit->para.lines.size() == 1 && c.credit->para.lines[0].width < 0.6 * width)
      ls.last_room = c.credit->para.lines[0].width;
  }
  c.text = set_string(ctx, text, ctx.style(cs), ls);
  c.lines = static_cast<int>(c.text->para.lines.size());
  if (!c.credit) return c;
  if (ls.last_room > 0 && !c.text->para.lines.empty()) {
    const double last = c.text->para.lines.back().width;
    c.credit_x = width - ls.last_room;
    c.fill_x = last;
    c.fill_count = fill_spaces(c.credit_x - last, cs.size);
    return c;
  }
  // A credit too long to share a line stands flush right on a line of its own.
  ++c.lines;
  c.credit = set_string(ctx, bracketed(a.credit), ctx.style(L.style("credit")), ctx.settings(L.style("credit"), width));
  return c;
}

void draw_caption_fill(Page& page, const Caption& c, const TextStyle& style, double x, double baseline) {
  if (c.fill_count == 0) return;
  TextRun run;
  run.face = style.face->shared_from_this();
  run.size = style.size;
  run.baseline = baseline;
  const uint32_t gid = style.face->glyph_for(0x3000);
  if (gid == 0) return;  // a face without the ideographic space: the gap stays plain white
  for (int k = 0; k < c.fill_count; ++k) {
    run.text += U'\u3000';
    run.glyphs.push_back(GlyphPos{gid, x + c.fill_x + k * style.size, 0, static_cast<uint32_t>(k),
                                  static_cast<uint32_t>(k + 1)});
  }
  page.text.push_back(std::move(run));
}

}  // namespace paiban::makeup
