// Headline blocks: 栏目 banner, 引题, 主题, 副题, byline; and jump heads.
#include <cmath>

#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

struct Stack {
  const Context& ctx;
  double width;
  Display d;
  double y = 0;  // pt used so far
  size_t fixed = 0;  // items at the top that stay put when the rest is centred (the band)

  // Adds text set across the width; each of its lines advances by `step`.
  void add(TextPtr t, double size, double step, double space_before, Cmyk colour = {}) {
    if (!t || t->para.lines.empty()) return;
    y += space_before;
    double first = y + (step - size) / 2 + kEmAscent * size;
    y += step * static_cast<double>(t->para.lines.size());
    d.items.push_back(Display::Item{std::move(t), first, step, 0, colour});
  }

  // Sets text across the width; display text breaks between phrases and words, balanced.
  void line(const std::string& text, const TextStyleSpec& spec, double space_before, double step_factor = 1.3,
            const LineSettings* settings = nullptr) {
    if (text.empty()) return;
    auto t = set_string(ctx, text, ctx.style(spec), settings ? *settings : ctx.display_settings(spec, width));
    add(std::move(t), spec.size, std::max(spec.size * step_factor, ctx.layout.leading), space_before);
  }

  // The main title: at its size for the headline's width in columns, as large
  // as it can be in its lines, shrinking a little before it would have to break
  // inside a word.
  void title(const std::string& text, const HeadlineSpec& h) {
    TextStyleSpec spec = h.title;
    const Layout& L = ctx.layout;
    const double largest = h.title_size(static_cast<int>(std::lround((width + L.gutter) / (L.column_width() + L.gutter))));
    const double smallest = std::min(h.min_title_size, largest);
    double before = y > 0 ? largest * 0.25 : 0;
    for (double size = largest;; size *= 0.94) {
      spec.size = std::max(size, smallest);
      auto t = set_string(ctx, text, ctx.style(spec), ctx.display_settings(spec, width));
      bool fits = static_cast<int>(t->para.lines.size()) <= h.max_title_lines && t->para.problems.empty();
      if (fits || spec.size <= smallest + 0.01) {
        add(std::move(t), spec.size, std::max(spec.size * 1.2, ctx.layout.leading), before);
        return;
      }
    }
  }

  void finish(double space_after_lines) {
    const double lead = ctx.layout.leading;
    d.lines = static_cast<int>(std::ceil((y + space_after_lines * lead) / lead - 0.05));
    // Centre the block's content in the lines it takes, above the gap to the body.
    double spare = (d.lines - space_after_lines) * lead - y;
    if (spare > 0)
      for (size_t i = fixed; i < d.items.size(); ++i) d.items[i].baseline += spare / 2;
  }
};

// 栏目: the column's name in a band two grid lines deep, between a heavy rule
// above and a light one below, or reversed (paper white) out of a solid tint.
// Either way the name's em box is centred in the band, clear of its edges.
void band(Stack& s, const std::string& name) {
  const Layout& L = s.ctx.layout;
  const TextStyleSpec& sec = L.style("section");
  const double h = 2 * L.leading - 4;  // the band; the rest of the two lines is white under it
  const double top_rule = 1.5, foot_rule = 0.75;
  Cmyk ink{};
  if (L.band.reversed) {
    s.d.boxes.push_back(Box{0, 0, s.width, h, Cmyk{0, 0, 0, L.band.tint}});
    ink = Cmyk{0, 0, 0, 0};  // knocked out of the tint, never overprinted (pdf/content.cpp)
  } else {
    s.d.rules.push_back(Rule{0, 0, s.width, 0, top_rule, Cmyk{}});
    s.d.rules.push_back(Rule{0, h, s.width, h, foot_rule, Cmyk{}});
  }
  TextStyleSpec spec = sec;
  spec.align = Align::Left;
  auto t = set_string(s.ctx, name, s.ctx.style(spec), s.ctx.settings(spec, s.width - 2 * sec.size));
  const double base = (h - sec.size) / 2 + kEmAscent * sec.size;
  if (!t->para.lines.empty()) s.d.items.push_back(Display::Item{std::move(t), base, sec.size * 1.3, sec.size, ink});
  s.fixed = s.d.items.size();
  s.y = h + 4 + L.leading * 0.5;
}

}  // namespace

Display headline_block(const Context& ctx, const Article& a, double width) {
  const Layout& L = ctx.layout;
  Stack s{ctx, width, {}};
  if (!a.section.empty()) band(s, a.section);
  auto hs = L.headlines.find(a.headline);
  if (hs == L.headlines.end()) {
    auto at = a.lines.find("headline");
    throw InputError(a.file, at == a.lines.end() ? 1 : at->second,
                     "no headline style '" + a.headline + "' in " + L.file + " (it has lead, major, minor)");
  }
  const HeadlineSpec& h = hs->second;
  CopyDesk& desk = ctx.edition.copy_desk[a.id];  // what set_string repairs, counted once here
  for (const std::string* text : {&a.section, &a.kicker, &a.title, &a.subtitle, &a.byline}) {
    std::u32string t = to_u32(*text);
    desk += copy_desk(t);
  }
  s.line(a.kicker, h.kicker, 0);
  if (!a.title.empty()) s.title(a.title, h);
  // 副题 after a dash where the paper's style says so (——我市全方位…纪实).
  bool dash = h.subtitle_dash && !a.subtitle.empty() && a.subtitle.rfind("\u2014", 0) != 0;
  s.line(dash ? "\u2014\u2014" + a.subtitle : a.subtitle, h.subtitle, h.subtitle.size * 0.3);
  if (!a.byline.empty()) {
    // A byline stands under the headline's axis: centred under a centred title.
    TextStyleSpec by = L.style("byline");
    if (h.title.align == Align::Center) by.align = Align::Center;
    LineSettings ls = ctx.display_settings(by, width);
    ls.names_end = UINT32_MAX;  // the whole byline
    s.line(a.byline, by, L.leading * 0.25, 1.0, &ls);
  }
  s.finish(1);
  return std::move(s.d);
}

Display jump_head(const Context& ctx, const Article& a, int from_page, double width) {
  const Layout& L = ctx.layout;
  Stack s{ctx, width, {}};
  std::string title = a.jump_title.empty() ? a.title : a.jump_title;
  s.line(title, L.style("jump_title"), 0, 1.2);
  TextStyleSpec j = L.style("jump");
  j.align = Align::Left;
  s.line("（上接第" + std::to_string(from_page) + "版）", j, 0, 1.0);
  s.finish(0.5);
  return std::move(s.d);
}

void report_missing_in(const Context& ctx, const Display& d, const Article& a) {
  auto at = a.lines.find("title");
  if (at == a.lines.end()) at = a.lines.find("headline");  // a 通栏's line in issue.toml
  for (const Display::Item& it : d.items)
    if (it.text) report_missing(ctx, *it.text, a.id, 0, at == a.lines.end() ? 1 : at->second, a.file);
}

void draw_display(Page& page, const Display& d, double x, double top) {
  for (const Box& b : d.boxes) page.boxes.push_back(Box{x + b.x, top + b.y, b.w, b.h, b.fill, b.stroke, b.width});
  for (const Rule& r : d.rules)
    page.rules.push_back(Rule{x + r.x1, top + r.y1, x + r.x2, top + r.y2, r.width, r.colour});
  for (const auto& it : d.items) {
    double y = top + it.baseline;
    for (const Line& l : it.text->para.lines) {
      draw_line(page, *it.text, l, x + it.x, y, it.colour);
      y += it.step;
    }
  }
}

}  // namespace paiban::makeup
