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
  LineSettings ls = ctx.settings(spec, width);
  ls.latin_space = 0;  // dates and numbers on the masthead and folio are set solid: 2024年5月7日
  auto t = set_string(ctx, text, ctx.style(spec), ls);
  if (t->para.lines.empty()) return 0;
  draw_line(page, *t, t->para.lines[0], x, baseline, colour);
  return t->para.lines[0].width;
}

int line(const Issue& is, const char* key) {
  auto it = is.lines.find(key);
  return it == is.lines.end() ? 0 : it->second;
}

Date parse_date(const Issue& is, const std::string& text, const char* key) {
  std::string why;
  auto d = Date::parse(text, &why);
  if (!d) throw InputError(is.file, line(is, key), "bad date '" + text + "': " + why);
  return *d;
}

Date issue_date(const Context& ctx) { return parse_date(ctx.issue, ctx.issue.date, "date"); }

}  // namespace

}  // namespace paiban::makeup

namespace paiban {

int resolve_issue_number(const Issue& is) {
  using makeup::line;
  const Schedule& s = is.paper.schedule;
  if (s.reference_date.empty()) {
    if (is.number <= 0)
      throw InputError(is.file, line(is, "date"), "[issue] needs 'number', or [paper.schedule] a reference issue");
    return is.number;
  }
  Date date = makeup::parse_date(is, is.date, "date");
  Date ref = makeup::parse_date(is, s.reference_date, "reference");
  std::vector<Date> skip;
  for (const std::string& d : s.no_issue) skip.push_back(makeup::parse_date(is, d, "reference"));
  int computed = issue_number_for(date, ref, s.reference_number, skip);
  if (computed <= 0)
    throw InputError(is.file, line(is, "date"), is.date + " has no issue in the paper's schedule");
  if (is.number > 0) {
    std::string why = check_issue_number(is.number, date, ref, s.reference_number, skip);
    if (!why.empty()) throw InputError(is.file, line(is, "number"), why);
  }
  return computed;
}

}  // namespace paiban

namespace paiban::makeup {

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
    if (!code) throw InputError(is.file, line(is, "cn"), "bad CN code '" + is.paper.cn + "': " + why);
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

void printer_label(Page& page, const Context& ctx) {
  const Layout& L = ctx.layout;
  std::string label = ctx.issue.paper.name + "　" + ctx.issue.date + "　第" + std::to_string(page.number) +
                      "版　CMYK　paiban";
  double y = L.trim_h + L.bleed + L.press.slug * 0.6;
  put(page, ctx, label, "sans", 7, 0, y, L.trim_w, Align::Left, Cmyk{1, 1, 1, 1});
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
