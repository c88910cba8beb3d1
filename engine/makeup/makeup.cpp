// The page plan made real: frames on the grid, articles flowed through them in
// page order, jumps numbered by where the text lands, rules between modules.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "image/image.h"
#include "makeup/blocks.h"

namespace paiban {

bool Edition::ok() const {
  return std::none_of(notices.begin(), notices.end(), [](const Notice& n) { return n.level == Notice::Error; });
}

namespace makeup {
namespace {

struct Frame {
  int page;              // 1-based
  const Area* area;
  int top = 0, lines = 0;  // grid lines
  bool separator = false;  // the frame's last line is white space with a rule
  bool under_span = false;  // beside another module under a 通栏: its left rule starts at its text
  double x = 0, width = 0;
  int body_lines() const { return lines - (separator ? 1 : 0); }
};

std::vector<int> row_tops(const PagePlan& p, const Layout& L) {
  std::vector<int> tops{0};
  size_t rows = p.grid.size();
  for (size_t r = 0; r < rows; ++r) {
    int h = p.row_lines.empty() ? static_cast<int>((r + 1) * L.lines / rows - r * L.lines / rows) : p.row_lines[r];
    tops.push_back(tops.back() + h);
  }
  return tops;
}

void photo(Page& page, const Context& ctx, const Article& a, const Frame& f, FrameFit& fit) {
  const Layout& L = ctx.layout;
  const Block& b = a.blocks[0];
  std::string caption;
  for (const Span& s : b.spans) caption += s.text;
  std::u32string repaired = to_u32(caption);
  ctx.edition.copy_desk[a.id] += copy_desk(repaired);  // set_string repairs it the same way
  const Caption c = set_caption(ctx, a, f.width);
  const TextPtr& t = c.text;
  report_missing(ctx, *t, a.id, 1);
  if (c.credit) {
    auto at = a.lines.find("credit");
    report_missing(ctx, *c.credit, a.id, 0, at == a.lines.end() ? 1 : at->second);
  }
  const int cap = c.lines;
  Display head = a.title.empty() ? Display{} : headline_block(ctx, a, f.width);
  report_missing_in(ctx, head, a);
  int img_lines = f.body_lines() - cap - head.lines;
  if (img_lines < 3) {
    ctx.notice(Notice::Error, a.id, 1, "photo frame too short for its caption");
    return;
  }
  draw_display(page, head, f.x, L.line_top(f.top));
  int img_top = f.top + head.lines;
  std::string path = (std::filesystem::path(ctx.issue.dir) / b.image).string();
  try {
    page.images.push_back(
        place_image(path, f.x, L.line_top(img_top), f.width, img_lines * L.leading - L.leading * 0.35, a));
    const ImagePlacement& im = page.images.back();
    ImageInfo info = probe_image(path);
    int ppi = static_cast<int>(info.width * im.crop_w * 72.0 / im.w);
    fit.images.push_back({b.image, std::min(ppi, static_cast<int>(L.press.max_ppi)), ppi});
  } catch (const InputError& e) {
    throw InputError(a.file, b.line, "image '" + b.image + "': " + e.what());
  }
  int text_lines = static_cast<int>(t->para.lines.size());
  for (int k = 0; k < text_lines; ++k) draw_line(page, *t, t->para.lines[k], f.x, L.baseline(img_top + img_lines + k));
  draw_caption_fill(page, c, ctx.style(L.style("caption")), f.x, L.baseline(img_top + img_lines + cap - 1));
  if (c.credit && c.credit_own_lines == 0 && !c.credit->para.lines.empty())
    draw_line(page, *c.credit, c.credit->para.lines[0], f.x + c.credit_x, L.baseline(img_top + img_lines + cap - 1));
  for (int k = 0; c.credit && k < c.credit_own_lines; ++k)
    draw_line(page, *c.credit, c.credit->para.lines[k], f.x, L.baseline(img_top + img_lines + text_lines + k));
  fit.lines_used = fit.lines_available = f.body_lines();
}

std::string frame_name(const Frame& f) {
  return "frame " + std::string(1, f.area->letter) + " on page " + std::to_string(f.page);
}

FrameFit fit_of(const Frame& f, const std::string& id, const Layout& L) {
  FrameFit fit;
  fit.page = f.page;
  fit.letter = f.area->letter;
  fit.module = id;
  fit.columns = f.area->cols;
  fit.x = f.x;
  fit.y = L.line_top(f.top);
  fit.width = f.width;
  fit.height = f.lines * L.leading;
  return fit;
}

std::string line_text(const Slot& s) {
  if (s.kind != Slot::Text) return "[image]";
  const Line& l = s.text->para.lines[s.line];
  return to_utf8(s.text->shaped.text.substr(l.text_begin, l.text_end - l.text_begin));
}

// Flows an article through its frames, as far as the pages asked for need it.
void article(std::vector<Page>& pages, const Context& ctx, const Article& a, const std::vector<Frame>& frames,
             const MakeupOptions& opt, size_t needed) {
  const Layout& L = ctx.layout;
  const double inset = box_inset(L, a), measure = L.column_width() - 2 * inset;
  Body body = set_body(ctx, a, measure);
  const int n = static_cast<int>(body.slots.size());
  int from = 0;
  for (size_t k = 0; k < needed; ++k) {
    const Frame& f = frames[k];
    Page& page = pages[f.page - 1];
    FrameFit fit = fit_of(f, a.id, L);
    bool last = k + 1 == frames.size() || from >= n;
    if (from >= n && k > 0) {
      fit.underset_lines = f.body_lines();
      ctx.edition.frames.push_back(fit);
      ctx.notice(Notice::Warning, a.id, 0, frame_name(f) + " is empty: the text ended before it");
      continue;
    }
    // A headline may span only some of the frame's columns; the others run from the frame's top.
    int head_cols = k == 0 && a.headline_columns > 0 ? std::min(a.headline_columns, f.area->cols) : f.area->cols;
    Display head = k == 0 ? headline_block(ctx, a, L.span_width(head_cols) - 2 * inset)
                          : jump_head(ctx, a, frames[k - 1].page, f.width - 2 * inset);
    report_missing_in(ctx, head, a);
    int cap = f.body_lines() - head.lines;
    if (cap < 2) {
      ctx.notice(Notice::Error, a.id, 0, frame_name(f) + " has no room under its headline");
      ctx.edition.frames.push_back(fit);
      continue;
    }
    draw_display(page, head, f.x + inset, L.line_top(f.top));
    std::vector<int> caps(static_cast<size_t>(f.area->cols), cap), tops(caps.size(), 0);
    for (int c = head_cols; c < f.area->cols; ++c) {
      caps[c] = f.body_lines();
      tops[c] = -head.lines;
    }
    for (int& t : tops) t += head.lines;
    Fill fill = fill_columns(body.slots, from, caps, tops, last ? 0 : 1, last, !last);
    int body_top = f.top + head.lines;
    for (size_t c = 0; c < fill.columns.size(); ++c)
      for (auto [slot, placed] : fill.columns[c]) {
        double x = L.column_x(f.area->col + static_cast<int>(c)) + inset;
        const Slot& s = body.slots[slot];
        int offset = placed + tops[c] - head.lines;
        draw_slot(page, ctx, s, x, body_top + offset);
        if (s.kind == Slot::Text) {
          const Line& l = s.text->para.lines[s.line];
          if (l.max_gap_stretch > 0.15 || l.ratio < -0.5) {
            ++fit.adjusted_lines;
            ctx.edition.marks.push_back(ProofMark{ProofMark::Adjusted, f.page, x, L.line_top(body_top + offset),
                                                  L.column_width(), L.leading, line_text(s)});
          }
        }
        if (s.kind == Slot::Image) {
          ImageInfo info = probe_image((std::filesystem::path(ctx.issue.dir) / s.block->image).string());
          int ppi = static_cast<int>(info.width * 72.0 / L.column_width());  // the PDF keeps at most max_ppi
          fit.images.push_back({s.block->image, std::min(ppi, static_cast<int>(L.press.max_ppi)), ppi});
        }
      }
    Lonely lonely = lonely_lines(fill, body.slots);
    fit.widows += lonely.widows;
    fit.orphans += lonely.orphans;
    fit.subheads_at_foot += lonely.subheads;
    for (int i = from; i < fill.next; ++i) fit.lines_needed += body.slots[i].lines;
    from = fill.next;
    if (!last && from < n) {
      // 下转: the page where the text goes on is known from the plan.
      const TextStyleSpec& js = L.style("jump");
      auto t = set_string(ctx, "（下转第" + std::to_string(frames[k + 1].page) + "版）", ctx.style(js),
                          ctx.settings(js, measure));
      draw_line(page, *t, t->para.lines[0], L.column_x(f.area->col + f.area->cols - 1) + inset,
                L.baseline(body_top + cap - 1));
    }
    // Fit in lines under the headline: how far down the fullest column reaches.
    int reach = 0;
    for (size_t c = 0; c < fill.columns.size(); ++c)
      if (!fill.columns[c].empty()) {
        auto [slot, placed] = fill.columns[c].back();
        reach = std::max(reach, tops[c] - head.lines + placed + body.slots[slot].lines);
      }
    fit.lines_available = cap;
    fit.lines_used = reach;
    fit.underset_lines = last ? cap - reach : 0;
    if (fit.underset_lines > 2)
      ctx.notice(Notice::Warning, a.id, 0,
                 frame_name(f) + " is underset by " + std::to_string(fit.underset_lines) + " lines");
    if (k + 1 == frames.size() && from < n) {
      int over = 0;
      for (int i = from; i < n; ++i) {
        over += body.slots[i].lines;
        fit.overflow.push_back(line_text(body.slots[i]));
      }
      fit.overset_lines = over;
      ctx.notice(opt.allow_overset ? Notice::Warning : Notice::Error, a.id, body.slots[from].paragraph,
                 "overset: " + std::to_string(over) + " lines do not fit (" + frame_name(f) + ")");
      ctx.edition.marks.push_back(ProofMark{ProofMark::Overset, f.page, f.x, L.line_top(f.top), f.width,
                                            f.lines * L.leading, std::to_string(over) + " lines overset"});
      if (opt.allow_overset) {
        // Marked on the page for the editor: a red bar at the frame's foot.
        page.boxes.push_back(Box{f.x, L.line_top(f.top + f.lines) - 3, f.width, 3, Cmyk{0, 1, 1, 0}});
      }
    }
    ctx.edition.frames.push_back(fit);
  }
}

// Rules between modules sit on the gutter midlines and in the white line under a
// module; each runs on to the rules it meets, so every T and cross is joined.
struct Edges {
  double x1, y1, x2, y2;
};
Edges module_edges(const Layout& L, const Frame& f) {
  double g = L.gutter / 2;
  auto mid = [&](int line) { return L.line_top(line) - L.leading / 2; };  // the white line above grid line `line`
  return Edges{f.area->col > 0 ? f.x - g : f.x, f.top > 0 && !f.under_span ? mid(f.top) : L.line_top(f.top),
               f.area->col + f.area->cols < L.columns ? f.x + f.width + g : f.x + f.width,
               f.separator ? mid(f.top + f.lines) : L.line_top(f.top + f.lines)};
}

void module_rules(Page& page, const Layout& L, const Frame& f) {
  Edges e = module_edges(L, f);
  // A span's headline belongs to the modules under it: no rule between them.
  if (f.separator && f.area->module != "@span") page.rules.push_back(Rule{e.x1, e.y2, e.x2, e.y2, L.rule_width, Cmyk{}});
  if (f.area->col > 0) page.rules.push_back(Rule{e.x1, e.y1, e.x1, e.y2, L.rule_width, Cmyk{}});
}

// A box drawn on a module's edges replaces the thin rules that ran along them.
void clear_rules_under(Page& page, const Box& b) {
  std::vector<Rule> kept;
  auto along = [&](double a1, double a2, double lo, double hi, const Rule& r, bool vertical) {
    double from = std::min(a1, a2), to = std::max(a1, a2);
    auto piece = [&](double p, double q) {
      if (q - p < 0.01) return;
      Rule c = r;
      if (vertical) c.y1 = p, c.y2 = q;
      else c.x1 = p, c.x2 = q;
      kept.push_back(c);
    };
    piece(from, std::min(to, lo));
    piece(std::max(from, hi), to);
  };
  auto near = [](double a, double b) { return std::abs(a - b) < 0.01; };
  for (const Rule& r : page.rules) {
    bool vertical = near(r.x1, r.x2), horizontal = near(r.y1, r.y2);
    if (vertical && (near(r.x1, b.x) || near(r.x1, b.x + b.w)))
      along(r.y1, r.y2, b.y, b.y + b.h, r, true);
    else if (horizontal && (near(r.y1, b.y) || near(r.y1, b.y + b.h)))
      along(r.x1, r.x2, b.x, b.x + b.w, r, false);
    else
      kept.push_back(r);
  }
  page.rules.swap(kept);
}

}  // namespace
}  // namespace makeup

std::vector<CopyFit> copyfit(const Issue& issue, const Layout& L, const FontRegistry& fonts, TextCache* cache) {
  using namespace makeup;
  Edition scratch;
  // Every body paragraph set first, side by side on all cores (a repeated one once).
  TextCache own;
  Context ctx{issue, L, fonts, scratch, cache ? cache : &own};
  makeup::set_bodies_ahead(ctx);
  std::vector<CopyFit> out;
  for (const auto& [id, a] : issue.articles) {
    CopyFit f;
    f.article = id;
    if (!is_photo(a)) {
      double inset = box_inset(L, a);
      Body body = set_body(ctx, a, L.column_width() - 2 * inset);
      for (const Slot& s : body.slots) f.body_lines += s.lines;
      for (int c = 1; c <= L.columns; ++c)
        f.headline_lines.push_back(headline_block(ctx, a, L.span_width(c) - 2 * inset).lines);
    }
    out.push_back(f);
  }
  return out;
}

void set_bodies_ahead(const Issue& issue, const Layout& L, const FontRegistry& fonts, TextCache& cache) {
  Edition scratch;
  makeup::set_bodies_ahead(makeup::Context{issue, L, fonts, scratch, &cache});
}

namespace makeup {
namespace {

// One makeup run: the pages wanted, the frames of every article by first appearance.
struct Run {
  const Issue& issue;
  const Layout& L;
  const MakeupOptions& opt;
  Context& ctx;
  std::vector<Page> pages;
  std::vector<std::string> order;  // articles by first appearance
  std::map<std::string, std::vector<Frame>> frames;

  bool wanted(int page) const {
    return opt.pages.empty() || std::find(opt.pages.begin(), opt.pages.end(), page) != opt.pages.end();
  }

  // The plan's grid against the layout; the top line of each row.
  std::vector<int> checked_rows(const PagePlan& plan) const {
    const std::string page = "page " + std::to_string(plan.number);
    if (plan.grid.empty()) throw InputError(issue.file, plan.line, page + " has no grid (the planner draws it)");
    if (static_cast<int>(plan.grid[0].size()) != L.columns)
      throw InputError(issue.file, plan.line, page + ": grid has " + std::to_string(plan.grid[0].size()) +
                                                  " columns, the layout " + std::to_string(L.columns));
    std::vector<int> tops = row_tops(plan, L);
    if (tops.back() > L.lines)
      throw InputError(issue.file, plan.line, page + ": rows add up to " + std::to_string(tops.back()) +
                                                  " lines, the layout has " + std::to_string(L.lines));
    return tops;
  }

  // A page's frames: rules between them, the built-in modules drawn, article frames kept for later.
  void lay_out(const PagePlan& plan) {
    Page& page = pages[plan.number - 1];
    page.number = plan.number;
    page.width = L.trim_w;
    page.height = L.trim_h;
    page.bleed = L.bleed;
    std::vector<int> tops = checked_rows(plan);
    // The masthead page carries no 报眉: nothing is set above the paper's name.
    bool masthead = std::any_of(plan.areas.begin(), plan.areas.end(), [](const Area& a) { return a.module == "@masthead"; });
    if (wanted(plan.number) && !masthead) draw_folio(page, ctx, plan);
    if (wanted(plan.number) && plan.number == static_cast<int>(issue.pages.size())) draw_imprint(page, ctx);
    for (const Area& a : plan.areas) {
      Frame f{plan.number, &a, tops[a.row], tops[a.row + a.rows] - tops[a.row]};
      f.separator = tops[a.row + a.rows] < L.lines;
      f.x = L.column_x(a.col);
      f.width = L.span_width(a.cols);
      f.under_span = std::any_of(plan.areas.begin(), plan.areas.end(), [&](const Area& s) {
        return s.module == "@span" && s.col < a.col && s.span.over.find(a.letter) != std::string::npos;
      });
      module_rules(page, L, f);
      if (a.module == "@span") {
        if (wanted(plan.number)) draw_span(page, ctx, plan.number, a, f.x, f.width, f.top, f.lines);
        continue;
      }
      if (a.module == "@masthead") {
        if (!wanted(plan.number)) continue;
        draw_masthead(page, ctx, f.x, L.line_top(f.top), f.width, f.body_lines());
        double y = L.line_top(f.top + f.lines - 1) + L.leading / 2 - 2;
        page.rules.push_back(Rule{f.x, y, f.x + f.width, y, 2.0, Cmyk{}});  // the masthead's heavy rule
        continue;
      }
      if (a.module[0] == '@') throw InputError(issue.file, plan.line, "unknown built-in module '" + a.module + "'");
      if (!frames.count(a.module)) order.push_back(a.module);
      frames[a.module].push_back(f);
    }
  }

  // An article into its frames, flowed as far as the last wanted page that shows it.
  void set_article(const std::string& id) {
    const Article& a = issue.articles.at(id);
    const std::vector<Frame>& fs = frames[id];
    size_t needed = 0;
    for (size_t k = 0; k < fs.size(); ++k)
      if (wanted(fs[k].page)) needed = k + 1;
    if (needed == 0) return;
    if (a.boxed)
      for (size_t k = 0; k < needed; ++k) {
        const Frame& f = fs[k];
        Edges e = module_edges(L, f);
        Box box{e.x1, e.y1, e.x2 - e.x1, e.y2 - e.y1, Cmyk{}, true, 0.75};
        clear_rules_under(pages[f.page - 1], box);
        pages[f.page - 1].boxes.push_back(box);
      }
    if (is_photo(a)) {
      FrameFit fit = fit_of(fs[0], id, L);
      photo(pages[fs[0].page - 1], ctx, a, fs[0], fit);
      ctx.edition.frames.push_back(fit);
    } else {
      article(pages, ctx, a, fs, opt, needed);
    }
  }

  // What the press cannot print is an error at build time, named; a photo under
  // 150 ppi a warning.
  void press_limits() {
    Edition& ed = ctx.edition;
    for (const FrameFit& f : ed.frames)
      for (const FrameFit::Image& im : f.images)
        if (im.ppi < 150)
          ctx.notice(Notice::Warning, f.module, 0,
                     "image " + im.path + " prints at " + std::to_string(im.ppi) + " ppi (under 150) on page " +
                         std::to_string(f.page));
    for (const Page& p : pages) {
      if (!wanted(p.number)) continue;
      const std::string page = "page " + std::to_string(p.number);
      for (const TextRun& r : p.text)
        if (r.size < L.press.min_text - 1e-6)
          ed.notices.push_back(Notice{Notice::Error, "", 0, L.file, 0,
                                      page + ": text '" + to_utf8(r.text) + "' is set at " + std::to_string(r.size) +
                                          " pt, under the press minimum of " + std::to_string(L.press.min_text) + " pt"});
      for (const Rule& r : p.rules)
        if (r.width < L.press.min_rule - 1e-6)
          ed.notices.push_back(Notice{Notice::Error, "", 0, L.file, 0,
                                      page + ": a rule of " + std::to_string(r.width) +
                                          " pt is thinner than the press minimum of " +
                                          std::to_string(L.press.min_rule) + " pt"});
    }
  }
};

}  // namespace
}  // namespace makeup

Edition make_up(const Issue& issue, const Layout& L, const FontRegistry& fonts, const MakeupOptions& opt) {
  using namespace makeup;
  Edition ed;
  ed.number = resolve_issue_number(issue);
  Context ctx{issue, L, fonts, ed, opt.cache, opt.allow_missing_glyphs};
  begin_build(opt.cache);
  for (int p : opt.pages)
    if (p < 1 || p > static_cast<int>(issue.pages.size()))
      throw InputError(issue.file, 0, "there is no page " + std::to_string(p));
  for (const auto& [id, a] : issue.articles)
    for (const auto& [line, what] : a.warnings) ed.notices.push_back(Notice{Notice::Warning, id, 0, a.file, line, what});

  Run run{issue, L, opt, ctx, std::vector<Page>(issue.pages.size()), {}, {}};
  for (const PagePlan& plan : issue.pages) run.lay_out(plan);
  for (const std::string& id : run.order) run.set_article(id);
  end_build(opt.cache);
  run.press_limits();
  std::vector<Page>& pages = run.pages;
  if (opt.marks)
    for (Page& p : pages) printer_label(p, ctx);
  if (opt.overlays)
    for (Page& p : pages)
      if (run.wanted(p.number)) draw_overlays(p, ctx, opt.overlays);
  if (!opt.pages.empty()) {
    std::vector<Page> chosen;
    for (int p : opt.pages) chosen.push_back(pages[p - 1]);
    pages.swap(chosen);
  }
  ed.pages = std::move(pages);
  return ed;
}

}  // namespace paiban
