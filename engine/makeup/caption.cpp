// A photo's caption and its credit, set the same way for makeup and the copyfitter.
#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

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
  Caption c;
  c.text = set_string(ctx, text, ctx.style(cs), ctx.caption_settings(cs, width));
  c.lines = static_cast<int>(c.text->para.lines.size());
  if (a.credit.empty()) return c;
  // The credit stands flush right, as a signature does (赵福胜　摄): on the
  // caption's last line when an em of white can stand before it, else on a
  // line of its own. Either way every caption line ends on the picture's edge
  // and none is spread to make room.
  TextStyleSpec rs = L.style("credit");
  rs.align = Align::Left;
  c.credit = set_string(ctx, a.credit, ctx.style(rs), ctx.settings(rs, width));
  const auto& tl = c.text->para.lines;
  const double cw = c.credit->para.lines.size() == 1 ? c.credit->para.lines[0].width : width;
  if (!tl.empty() && tl.back().width + cs.size + cw <= width) {
    c.credit_x = width - cw;
    c.fill_x = tl.back().width;
    c.fill_count = fill_spaces(c.credit_x - c.fill_x, cs.size);
    return c;
  }
  // Names in a credit are names: one too long for the line moves on whole.
  LineSettings names = ctx.settings(L.style("credit"), width);
  names.names_end = static_cast<uint32_t>(to_u32(a.credit).size());
  c.credit = set_string(ctx, a.credit, ctx.style(L.style("credit")), names);
  c.credit_own_lines = static_cast<int>(c.credit->para.lines.size());  // a credit wider than the picture wraps
  c.lines += c.credit_own_lines;
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
