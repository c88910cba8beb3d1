// 报头 (masthead) of page 1 and 报眉 (folio line) of every page. The engine owns
// the issue metadata: weekday, lunar date and page count are computed, not typed.
#include <filesystem>

#include "calendar/calendar.h"
#include "image/image.h"
#include "fonts/fonts.h"
#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

constexpr Cmyk kMastheadRed{0, 1, 1, 0};

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
  const MastheadSpec& ms = L.masthead;
  const Issue& is = ctx.issue;
  Date date = issue_date(ctx);
  double height = lines * L.leading;

  std::string why, cn;
  if (!is.paper.cn.empty()) {
    auto code = parse_cn(is.paper.cn, &why);
    if (!code) throw InputError(is.file, line(is, "cn"), "bad CN code '" + is.paper.cn + "': " + why);
    cn = "国内统一连续出版物号：" + code->text("—");
  }
  int pages = static_cast<int>(is.pages.size());
  std::string count = ms.page_count_chinese ? page_count_zh(pages) : "今日" + std::to_string(pages) + "版";
  std::string dated = date_zh(date) + "　" + weekday_zh(date);
  std::string lunar = "农历" + lunar_date_zh(date);
  std::string number = "第" + std::to_string(ctx.edition.number) + "期";

  // The paper's name: calligraphy artwork when the paper has it, else set large in the masthead face.
  double name_h = ms.name * 1.05, name_w;
  double name_top = top + (ms.centred ? 0.06 : 0.12) * height;
  if (!is.paper.masthead_image.empty()) {
    std::string path = (std::filesystem::path(is.dir) / is.paper.masthead_image).string();
    ImageInfo info;
    try {
      info = probe_image(path);
    } catch (const InputError& e) {
      throw InputError(is.file, line(is, "masthead_image"), std::string("masthead image: ") + e.what());
    }
    name_w = name_h * info.width / std::max(1, info.height);
  } else {
    name_w = natural_width(is.paper.name, ctx.style(TextStyleSpec{"masthead", ms.name, Align::Left, Align::Left, 0}));
  }
  double name_x = ms.centred ? x + (width - name_w) / 2 : x + L.body.size;
  if (!is.paper.masthead_image.empty())
    page.images.push_back(ImagePlacement{(std::filesystem::path(is.dir) / is.paper.masthead_image).string(), name_x,
                                         name_top, name_w, name_h});
  else
    put(page, ctx, is.paper.name, "masthead", ms.name, name_x, name_top + 0.88 * ms.name, name_w + 1, Align::Left,
        kMastheadRed);
  double sponsor_base = name_top + name_h + ms.sponsor * 1.3;
  if (!is.paper.sponsor.empty())
    put(page, ctx, is.paper.sponsor, "kicker", ms.sponsor, name_x, sponsor_base, name_w, Align::Center);

  if (ms.centred) {
    // Two lines across the foot of the block: date and lunar date left, number and pages right.
    double y1 = top + height - ms.meta * 2.6, y2 = y1 + ms.meta * 1.6;
    put(page, ctx, dated + "　" + lunar, "sans", ms.meta, x, y1, width, Align::Left);
    put(page, ctx, number + "　" + count, "sans", ms.meta, x, y1, width, Align::Right);
    put(page, ctx, is.paper.publisher, "sans", ms.meta, x, y2, width, Align::Left);
    if (!cn.empty()) put(page, ctx, cn, "sans", ms.meta, x, y2, width, Align::Right);
    return;
  }
  // The metadata panel to the right of the name, behind a rule.
  std::vector<std::string> meta = {dated, lunar, number + "　" + count, is.paper.publisher, cn};
  double panel_x = name_x + name_w + 2.5 * L.body.size;
  double panel_w = x + width - panel_x;
  page.rules.push_back(Rule{panel_x - L.body.size, top + 0.1 * height, panel_x - L.body.size, top + 0.9 * height,
                            0.75, Cmyk{}});
  double step = ms.meta * 1.9;
  double y = top + (height - step * static_cast<double>(meta.size())) / 2 + 0.88 * ms.meta + step * 0.3;
  for (const std::string& m : meta) {
    if (m.empty()) continue;
    put(page, ctx, m, "sans", ms.meta, panel_x, y, panel_w, Align::Center);
    y += step;
  }
}

void printer_label(Page& page, const Context& ctx) {
  const Layout& L = ctx.layout;
  std::string label = ctx.issue.paper.name + "　" + ctx.issue.date + "　第" + std::to_string(page.number) +
                      "版　CMYK　paiban";
  double y = L.trim_h + L.bleed + L.press.slug * 0.6;
  // The bottom-left crop mark runs down from the trim's left edge and the
  // registration target sits at the middle: the label keeps 3 mm clear of the
  // one and stays left of the other.
  const double clear = 3 * 72 / 25.4;
  put(page, ctx, label, "sans", 7, clear, y, L.trim_w / 2 - 2 * clear, Align::Left, Cmyk{1, 1, 1, 1});
}

void draw_folio(Page& page, const Context& ctx, const PagePlan& plan) {
  const Layout& L = ctx.layout;
  const TextStyleSpec& fs = L.style("folio");
  Date date = issue_date(ctx);
  double y = L.folio_y;
  double left = L.left(), width = L.type_width();
  std::string number = "第" + (L.masthead.folio_chinese ? chinese_numeral(plan.number) : std::to_string(plan.number)) + "版";
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
