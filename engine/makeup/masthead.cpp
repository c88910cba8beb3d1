// 报头 (masthead) of page 1 and 报眉 (folio line) of every page. The engine owns
// the issue metadata: weekday, lunar date and page count are computed, not typed.
#include <algorithm>
#include <cmath>
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
           double baseline, double width, Align align, Cmyk colour = {}, int line = 0) {
  TextStyleSpec spec;
  spec.font = role;
  spec.size = size;
  spec.align = align;
  LineSettings ls = ctx.settings(spec, width);
  ls.latin_space = 0;  // dates and numbers on the masthead and folio are set solid: 2024年5月7日
  auto t = set_string(ctx, text, ctx.style(spec), ls);
  report_missing(ctx, *t, "", 0, line, ctx.issue.file);  // the paper's name, furniture and editor come from issue.toml
  if (t->para.lines.empty()) return 0;
  draw_line(page, *t, t->para.lines[0], x, baseline, colour);
  return t->para.lines[0].width;
}

// One line of the masthead's metadata, with what to call it when it does not fit.
struct MetaLine {
  std::string text, what;
};

std::vector<MetaLine> metadata(const Context& ctx) {
  const Issue& is = ctx.issue;
  const MastheadSpec& ms = ctx.layout.masthead;
  Date date = issue_date(ctx.issue);
  std::string why, cn;
  if (!is.paper.cn.empty()) {
    auto code = parse_cn(is.paper.cn, &why);
    if (!code) throw InputError(is.file, is.line("cn"), "bad CN code '" + is.paper.cn + "': " + why);
    cn = "国内统一连续出版物号：" + code->text("—");
  }
  int pages = static_cast<int>(is.pages.size());
  std::string count = ms.page_count_chinese ? page_count_zh(pages) : "今日" + std::to_string(pages) + "版";
  std::vector<MetaLine> m = {{date_zh(date) + "　" + weekday_zh(date), "the date and weekday"},
                             {"农历" + lunar_date_zh(date), "the lunar date"},
                             {"第" + std::to_string(ctx.edition.number) + "期　" + count, "the issue number and page count"},
                             {is.paper.publisher, "the publisher"},
                             {cn, "the CN code"},
                             {is.paper.post_code.empty() ? "" : "邮发代号：" + is.paper.post_code, "邮发代号"},
                             {is.weather.empty() ? "" : "天气：" + is.weather, "the weather"},
                             {is.paper.price.empty() ? "" : "零售价：" + is.paper.price, "the price"},
                             {is.paper.web, "the web address"}};
  std::erase_if(m, [](const MetaLine& l) { return l.text.empty(); });
  return m;
}

[[noreturn]] void does_not_fit(const Context& ctx, const std::string& what, double need, double room) {
  const Issue& is = ctx.issue;
  throw InputError(is.file, is.line("name"),
                   "the masthead block does not fit " + what + ": it needs " + std::to_string(std::lround(need)) +
                       " pt, the @masthead area leaves " + std::to_string(std::lround(room)) +
                       " pt (widen or heighten the @masthead area in the page plan, or shorten the text)");
}

// The two-line foot of a centred masthead: one item left and one right on each line.
void centred_foot(Page& page, const Context& ctx, const std::vector<MetaLine>& m, double x, double top, double width,
                  double height) {
  const MastheadSpec& ms = ctx.layout.masthead;
  TextStyle st = ctx.style(TextStyleSpec{"sans", ms.meta, Align::Left, Align::Left, 0});
  size_t rows = (m.size() + 1) / 2;
  double y = top + height - ms.meta * (0.9 + 1.6 * static_cast<double>(rows - 1)) - ms.meta;
  for (size_t r = 0; r < rows; ++r, y += ms.meta * 1.6) {
    const MetaLine& left = m[2 * r];
    double need = natural_width(left.text, st);
    if (2 * r + 1 < m.size()) need += ms.meta * 2 + natural_width(m[2 * r + 1].text, st);
    if (need > width) does_not_fit(ctx, left.text, need, width);
    put(page, ctx, left.text, "sans", ms.meta, x, y, width, Align::Left);
    if (2 * r + 1 < m.size()) put(page, ctx, m[2 * r + 1].text, "sans", ms.meta, x, y, width, Align::Right);
  }
}

}  // namespace

// The block is made for the paper's name, whatever its length: the metadata panel
// takes the width its longest line needs, the name is scaled into the rest (up to
// the layout's size), and what cannot fit is an error, never clipped.
void draw_masthead(Page& page, const Context& ctx, double x, double top, double width, int lines) {
  const Layout& L = ctx.layout;
  const MastheadSpec& ms = L.masthead;
  const Issue& is = ctx.issue;
  const double height = lines * L.leading;
  std::vector<MetaLine> meta = metadata(ctx);
  TextStyle meta_style = ctx.style(TextStyleSpec{"sans", ms.meta, Align::Left, Align::Left, 0});

  // Room for the name: beside the panel (left arrangement) or above the foot lines (centred).
  double panel_w = 0;
  for (const MetaLine& m : meta) panel_w = std::max(panel_w, natural_width(m.text, meta_style) + ms.meta);
  const double gap = 1.5 * L.body.size;
  double room_w = ms.centred ? width : width - panel_w - 2 * gap;
  double foot = ms.centred ? ms.meta * (1.6 * static_cast<double>((meta.size() + 1) / 2) + 0.6) : 0;
  double sponsor_h = is.paper.sponsor.empty() ? 0 : ms.sponsor * 1.8;
  double room_h = (height - foot - sponsor_h) * 0.9;
  if (!ms.centred && static_cast<double>(meta.size()) * ms.meta * 1.3 > height)
    does_not_fit(ctx, std::to_string(meta.size()) + " metadata lines", static_cast<double>(meta.size()) * ms.meta * 1.3,
                 height);

  // The paper's name: calligraphy artwork when the paper has it, else set in the masthead face.
  std::string image;
  double aspect;  // width per pt of height
  if (!is.paper.masthead_image.empty()) {
    image = (std::filesystem::path(is.dir) / is.paper.masthead_image).string();
    ImageInfo info;
    try {
      info = probe_image(image);
    } catch (const InputError& e) {
      throw InputError(is.file, is.line("masthead_image"), std::string("masthead image: ") + e.what());
    }
    aspect = static_cast<double>(info.width) / std::max(1, info.height) / 1.05;
  } else {
    aspect = natural_width(is.paper.name, ctx.style(TextStyleSpec{"masthead", 100, Align::Left, Align::Left, 0})) / 100;
  }
  double size = std::min({ms.name, room_w / std::max(aspect, 1e-6), room_h / 1.05});
  if (size < ms.name_min)
    does_not_fit(ctx, "the paper's name '" + is.paper.name + "' at " + std::to_string(std::lround(ms.name_min)) + " pt",
                 ms.name_min * aspect, room_w);
  double name_w = size * aspect, name_h = size * 1.05;
  double sponsor_w = is.paper.sponsor.empty() ? 0 : natural_width(is.paper.sponsor, ctx.style({"kicker", ms.sponsor}));
  if (sponsor_w > room_w) does_not_fit(ctx, "the sponsor line '" + is.paper.sponsor + "'", sponsor_w, room_w);

  double name_x = x + (room_w - name_w) / 2;
  double name_top = top + (height - foot - name_h - sponsor_h) / 2;
  if (!image.empty())
    page.images.push_back(ImagePlacement{image, name_x, name_top, name_w, name_h});
  else
    put(page, ctx, is.paper.name, "masthead", size, name_x, name_top + kEmAscent * size, name_w + 1, Align::Left,
        kMastheadRed, is.line("name"));
  if (!is.paper.sponsor.empty())
    put(page, ctx, is.paper.sponsor, "kicker", ms.sponsor, x, name_top + name_h + ms.sponsor * 1.4, room_w,
        Align::Center);

  if (ms.centred) return centred_foot(page, ctx, meta, x, top, width, height);
  // The metadata panel at the right of the block, behind a rule that runs down to the masthead's heavy rule.
  double rule_x = x + width - panel_w - gap;
  page.rules.push_back(Rule{rule_x, top, rule_x, top + height + L.leading / 2 - 3, 0.75, Cmyk{}});
  double step = std::min(ms.meta * 2.2, height / static_cast<double>(meta.size()));
  double y = top + (height - step * static_cast<double>(meta.size())) / 2 + step / 2 + 0.35 * ms.meta;
  for (const MetaLine& m : meta) {
    put(page, ctx, m.text, "sans", ms.meta, x + width - panel_w, y, panel_w, Align::Center);
    y += step;
  }
}

// The imprint (报尾) under the type area of the last page: address, phone, printer,
// when the paper gives them.
void draw_imprint(Page& page, const Context& ctx) {
  const Layout& L = ctx.layout;
  const Paper& p = ctx.issue.paper;
  std::string text;
  for (auto [label, value] : {std::pair{"地址：", &p.address}, {"电话：", &p.phone}, {"印刷：", &p.printer}})
    if (!value->empty()) text += (text.empty() ? "" : "　　") + std::string(label) + *value;
  if (text.empty()) return;
  const TextStyleSpec& fs = L.style("folio");
  double size = std::max(L.press.min_text, fs.size * 0.85);
  double y = L.line_top(L.lines) + L.leading * 0.5;
  page.rules.push_back(Rule{L.left(), y, L.left() + L.type_width(), y, L.rule_width, Cmyk{}});
  if (natural_width(text, ctx.style({fs.font, size})) > L.type_width())
    throw InputError(ctx.issue.file, ctx.issue.line("name"), "the imprint line (address, phone, printer) is wider than the page");
  put(page, ctx, text, fs.font, size, L.left(), y + size * 1.6, L.type_width(), Align::Center);
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
  Date date = issue_date(ctx.issue);
  double y = L.folio_y;
  double left = L.left(), width = L.type_width();
  std::string number = "第" + (L.masthead.folio_chinese ? chinese_numeral(plan.number) : std::to_string(plan.number)) + "版";
  std::string section = plan.section.empty() ? "" : "　" + plan.section;
  std::string dated = date_zh(date) + "　" + weekday_zh(date) + "　" + ctx.issue.paper.name;
  // Odd pages carry the page number at the outer (right) edge, even pages at the left.
  bool odd = plan.number % 2 == 1;
  put(page, ctx, number + section, "headline", fs.size * 1.3, left, y, width, odd ? Align::Right : Align::Left, {},
      plan.line);
  put(page, ctx, dated, fs.font, fs.size, left, y, width, odd ? Align::Left : Align::Right, {}, ctx.issue.line("name"));
  if (!plan.editor.empty())
    put(page, ctx, plan.editor, fs.font, fs.size * 0.9, left, y, width, Align::Center, {}, plan.line);
  double rule_y = L.top - L.leading * 0.6;
  page.rules.push_back(Rule{left, rule_y, left + width, rule_y, 0.75, Cmyk{}});
}

}  // namespace paiban::makeup
