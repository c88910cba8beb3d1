// 报头 (masthead) of page 1 and 报眉 (folio line) of every page. The engine owns
// the issue metadata: weekday, lunar date and page count are computed, not typed.
#include "calendar/calendar.h"
#include "fonts/fonts.h"
#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

constexpr Cmyk kMastheadRed{0, 1, 1, 0};

double size_of(const Context& ctx, const char* part, double fallback) {
  auto it = ctx.layout.masthead.find(part);
  return it == ctx.layout.masthead.end() ? fallback : it->second;
}

// One line of display text at (x, baseline), aligned within `width`.
double put(Page& page, const Context& ctx, const std::string& text, const std::string& role, double size, double x,
           double baseline, double width, Align align, Cmyk colour = {}) {
  TextStyleSpec spec;
  spec.font = role;
  spec.size = size;
  spec.align = align;
  auto t = set_string(text, ctx.style(spec), ctx.settings(spec, width));
  if (t->para.lines.empty()) return 0;
  draw_line(page, *t, t->para.lines[0], x, baseline, colour);
  return t->para.lines[0].width;
}

Date issue_date(const Context& ctx) {
  std::string why;
  auto d = Date::parse(ctx.issue.date, &why);
  if (!d) throw InputError(ctx.issue.file, 0, "bad issue date: " + why);
  return *d;
}

}  // namespace

void draw_masthead(Page& page, const Context& ctx, double x, double top, double width, int lines) {
  const Layout& L = ctx.layout;
  const Issue& is = ctx.issue;
  Date date = issue_date(ctx);
  double name_size = size_of(ctx, "name", 86), sponsor_size = size_of(ctx, "sponsor", 11);
  double meta_size = size_of(ctx, "meta", 9);
  double height = lines * L.leading;

  // The paper's name, large, in the masthead face and the paper's red.
  double name_base = top + 0.12 * height + 0.88 * name_size;
  double name_w = natural_width(is.paper.name, ctx.style(TextStyleSpec{"masthead", name_size, Align::Left, Align::Left, 0}));
  double name_x = x + L.body.size;
  put(page, ctx, is.paper.name, "masthead", name_size, name_x, name_base, name_w + 1, Align::Left, kMastheadRed);
  if (!is.paper.sponsor.empty())
    put(page, ctx, is.paper.sponsor, "kicker", sponsor_size, name_x, name_base + 0.2 * name_size + sponsor_size * 1.2,
        name_w, Align::Center);

  // The metadata panel to the right of the name, behind a rule.
  std::string why;
  std::string cn;
  if (!is.paper.cn.empty()) {
    auto code = parse_cn(is.paper.cn, &why);
    if (!code) throw InputError(is.file, 0, "bad CN code '" + is.paper.cn + "': " + why);
    cn = "国内统一连续出版物号：" + code->text("—");
  }
  int pages = static_cast<int>(is.pages.size());
  std::vector<std::string> meta = {
      date_zh(date) + "　" + weekday_zh(date),
      "农历" + lunar_date_zh(date),
      "第" + std::to_string(ctx.edition.number) + "期　" + page_count_zh(pages),
      is.paper.publisher,
      cn,
  };
  double panel_x = name_x + name_w + 2.5 * L.body.size;
  double panel_w = x + width - panel_x;
  page.rules.push_back(Rule{panel_x - L.body.size, top + 0.1 * height, panel_x - L.body.size, top + 0.9 * height,
                            0.5, Cmyk{}});
  double step = meta_size * 1.9;
  double y = top + (height - step * static_cast<double>(meta.size())) / 2 + 0.88 * meta_size + step * 0.3;
  for (const std::string& m : meta) {
    if (m.empty()) continue;
    put(page, ctx, m, "sans", meta_size, panel_x, y, panel_w, Align::Center);
    y += step;
  }
}

void draw_folio(Page& page, const Context& ctx, const PagePlan& plan) {
  const Layout& L = ctx.layout;
  const TextStyleSpec& fs = L.style("folio");
  Date date = issue_date(ctx);
  double y = L.folio_y;
  double left = L.left(), width = L.type_width();
  std::string number = "第" + std::to_string(plan.number) + "版";
  std::string section = plan.section.empty() ? "" : "　" + plan.section;
  std::string dated = date_zh(date) + "　" + weekday_zh(date) + "　" + ctx.issue.paper.name;
  // Odd pages carry the page number at the outer (right) edge, even pages at the left.
  bool odd = plan.number % 2 == 1;
  put(page, ctx, number + section, "headline", fs.size * 1.3, left, y, width, odd ? Align::Right : Align::Left);
  put(page, ctx, dated, fs.font, fs.size, left, y, width, odd ? Align::Left : Align::Right);
  if (!plan.editor.empty()) put(page, ctx, plan.editor, fs.font, fs.size * 0.9, left, y, width, Align::Center);
  double rule_y = L.top - L.leading * 0.6;
  page.rules.push_back(Rule{left, rule_y, left + width, rule_y, 0.75, Cmyk{}});
}

}  // namespace paiban::makeup
