// Proof overlays: what the night editor needs to see on the page itself — the
// grid, the frames with their fit, the baselines, lines set loose or tight,
// overset text. Drawn only into proofs.
#include <cstdio>

#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

constexpr Cmyk kGrid{0.25, 0, 0, 0};
constexpr Cmyk kBaseline{0, 0.35, 0, 0};
constexpr Cmyk kFrame{1, 0.5, 0, 0};
constexpr Cmyk kAdjusted{0, 0.6, 1, 0};
constexpr Cmyk kOverset{0, 1, 1, 0};

void label(Page& page, const Context& ctx, const std::string& text, double x, double baseline, double width,
           Cmyk colour) {
  TextStyleSpec spec;
  spec.font = "sans";
  spec.size = 7;
  spec.align = Align::Left;
  LineSettings ls = ctx.settings(spec, width);
  ls.latin_space = 0;
  auto t = set_string(ctx, text, ctx.style(spec), ls);
  for (size_t i = 0; i < t->para.lines.size() && i < 12; ++i)
    draw_line(page, *t, t->para.lines[i], x, baseline + i * 8.5, colour);
}

}  // namespace

void draw_overlays(Page& page, const Context& ctx, unsigned overlays) {
  const Layout& L = ctx.layout;
  const double top = L.line_top(0), bottom = L.line_top(L.lines);
  if (overlays & OverlayGrid) {
    for (int c = 0; c < L.columns; ++c) {
      double x = L.column_x(c);
      page.rules.push_back(Rule{x, top, x, bottom, 0.3, kGrid});
      page.rules.push_back(Rule{x + L.column_width(), top, x + L.column_width(), bottom, 0.3, kGrid});
      if (c + 1 < L.columns)
        page.boxes.push_back(Box{x + L.column_width(), top, L.gutter, bottom - top, Cmyk{0.08, 0, 0, 0}});
    }
  }
  if (overlays & OverlayBaselines)
    for (int k = 0; k < L.lines; ++k) {
      double y = L.baseline(k);
      page.rules.push_back(Rule{L.left(), y, L.left() + L.type_width(), y, 0.2, kBaseline});
    }
  for (const FrameFit& f : ctx.edition.frames) {
    if (f.page != page.number) continue;
    bool over = f.overset_lines > 0;
    if ((overlays & OverlayFrames) || over) {
      page.boxes.push_back(Box{f.x, f.y, f.width, f.height, over ? kOverset : kFrame, true, over ? 1.5 : 0.6});
      char fit[96];
      std::snprintf(fit, sizeof fit, " %d栏 %d/%d行", f.columns, f.lines_used, f.lines_available);
      std::string text = std::string(1, f.letter) + " " + f.module + fit;
      if (over) text += " 超版" + std::to_string(f.overset_lines) + "行";
      else if (f.underset_lines > 0) text += " 缺" + std::to_string(f.underset_lines) + "行";
      label(page, ctx, text, f.x + 2, f.y + 8, f.width - 4, over ? kOverset : kFrame);
    }
    if (over) {
      // The overflowing text, shown under the frame.
      std::string text;
      for (const std::string& l : f.overflow) text += l;
      label(page, ctx, "超版：" + text, f.x + 2, f.y + f.height + 9, f.width - 4, kOverset);
    }
  }
  if (overlays & OverlayAdjustments)
    for (const ProofMark& m : ctx.edition.marks)
      if (m.page == page.number && m.kind == ProofMark::Adjusted)
        page.boxes.push_back(Box{m.x - 3.5, m.y + 2, 2.5, m.h - 4, kAdjusted});
}

}  // namespace paiban::makeup
