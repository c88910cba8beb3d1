// A photo's caption and its credit, set the same way for makeup and the copyfitter.
#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

// The credit follows the caption in brackets: （赵福胜　摄）.
std::string bracketed(const std::string& credit) {
  if (credit.rfind("（", 0) == 0 || credit.rfind("(", 0) == 0) return credit;
  return "（" + credit + "）";
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
  // The credit follows the caption's last line when it fits there (…面纱。（赵福胜　摄）),
  // else it stands flush right on a line of its own.
  TextStyleSpec rs = L.style("credit");
  rs.align = Align::Left;
  const double last = c.text->para.lines.empty() ? 0 : c.text->para.lines.back().width;
  c.credit = set_string(ctx, bracketed(a.credit), ctx.style(rs), ctx.settings(rs, width));
  bool own_line = c.text->para.lines.empty() || c.credit->para.lines.empty() ||
                  last + c.credit->para.lines[0].width > width;
  if (own_line) {
    ++c.lines;
    c.credit = set_string(ctx, bracketed(a.credit), ctx.style(L.style("credit")), ctx.settings(L.style("credit"), width));
  } else {
    c.credit_x = last;
  }
  return c;
}

}  // namespace paiban::makeup
