// Body text: paragraphs and subheads set at the column measure, then poured
// into the columns of a frame.
#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>

#include "fonts/fonts.h"
#include "image/image.h"
#include "makeup/blocks.h"

namespace paiban::makeup {
namespace {

bool ends_in_ideograph(const std::u32string& s) {
  return !s.empty() && char_class(s.back()) == CharClass::Ideograph;
}

}  // namespace

namespace {

// What set_body sets for one block of an article: the text with the copy
// desk's repairs (counted into `desk`), its styles and its line settings.
struct BlockText {
  std::u32string text;
  std::vector<StyleRange> styles;
  LineSettings settings;
};

BlockText block_text(const Context& ctx, const Block& b, const std::string& dateline_copy, double measure,
                     CopyDesk& desk) {
  const Layout& L = ctx.layout;
  BlockText out;
  if (b.kind == BlockKind::Image) {
    for (const Span& s : b.spans) out.text += to_u32(s.text);
    desk += copy_desk(out.text);
    const TextStyleSpec& cs = L.style("caption");
    out.styles = {{static_cast<uint32_t>(out.text.size()), ctx.style(cs)}};
    out.settings = ctx.caption_settings(cs, measure);
    return out;
  }
  TextStyle regular = ctx.style(L.body), bold = ctx.style(L.style("bold"));
  TextStyle subhead_style = ctx.style(L.style("subhead"));  // the subhead's own font and size, bold or not
  bool subhead = b.kind == BlockKind::Subhead;
  uint32_t names_end = 0;  // the 电头's names never split
  if (!dateline_copy.empty()) {
    // 电头 opens the first paragraph in its own face.
    out.text = to_u32(dateline_copy);
    desk += copy_desk(out.text);
    if (ends_in_ideograph(out.text)) out.text += U'\u3000';
    out.styles.push_back({static_cast<uint32_t>(out.text.size()), ctx.style(L.style("dateline"))});
    names_end = static_cast<uint32_t>(out.text.size());
  }
  for (const Span& sp : b.spans) {
    out.text += to_u32(sp.text);
    out.styles.push_back({static_cast<uint32_t>(out.text.size()), subhead ? subhead_style : sp.bold ? bold : regular});
  }
  // The copy desk may shorten the text (... → ……): the style ranges follow.
  std::vector<uint32_t> ends{names_end};
  for (const StyleRange& r : out.styles) ends.push_back(r.end);
  desk += copy_desk(out.text, &ends);
  names_end = ends[0];
  for (size_t k = 0; k < out.styles.size(); ++k) out.styles[k].end = ends[k + 1];
  const TextStyleSpec& spec = subhead ? L.style("subhead") : L.body;
  out.settings = subhead ? ctx.display_settings(spec, measure) : ctx.settings(spec, measure, L.indent * L.body.size);
  out.settings.names_end = names_end;
  return out;
}

// Calls each(block index, its text) for every block of the article, in order.
template <class Each>
void for_each_block_text(const Context& ctx, const Article& a, double measure, CopyDesk& desk, Each each) {
  bool first_paragraph = true;
  for (size_t bi = 0; bi < a.blocks.size(); ++bi) {
    const Block& b = a.blocks[bi];
    bool opens = first_paragraph && b.kind == BlockKind::Paragraph;
    each(bi, block_text(ctx, b, opens ? a.dateline : std::string(), measure, desk));
    if (b.kind == BlockKind::Paragraph) first_paragraph = false;
  }
}

}  // namespace

Body set_body(const Context& ctx, const Article& a, double measure) {
  const Layout& L = ctx.layout;
  Body body;
  CopyDesk& desk = ctx.edition.copy_desk[a.id];
  for_each_block_text(ctx, a, measure, desk, [&](size_t bi, BlockText bt) {
    const Block& b = a.blocks[bi];
    int para = static_cast<int>(bi) + 1;
    if (b.kind == BlockKind::Image) {
      std::string path = (std::filesystem::path(ctx.issue.dir) / b.image).string();
      ImageInfo info;
      try {
        info = probe_image(path);
      } catch (const InputError& e) {
        throw InputError(a.file, b.line, "image '" + b.image + "': " + e.what());
      }
      body.texts.push_back(set_text(ctx, std::move(bt.text), bt.styles, bt.settings));
      Slot s;
      s.kind = Slot::Image;
      s.block = &b;
      s.paragraph = para;
      s.caption = body.texts.back().get();
      double h = measure * info.height / std::max(1, info.width);
      s.lines = static_cast<int>(std::ceil(h / L.leading)) + static_cast<int>(s.caption->para.lines.size());
      body.slots.push_back(s);
      return;
    }
    bool subhead = b.kind == BlockKind::Subhead;
    body.texts.push_back(set_text(ctx, std::move(bt.text), bt.styles, bt.settings));
    const SetText* t = body.texts.back().get();
    report_missing(ctx, *t, a.id, para);
    for (const LineProblem& p : t->para.problems)
      ctx.notice(Notice::Warning, a.id, para, p.what + " (character " + std::to_string(p.at) + ")");
    if (subhead && !body.slots.empty()) body.slots.push_back(Slot{Slot::Blank, 1, nullptr, 0, para, false, nullptr, nullptr});
    for (size_t li = 0; li < t->para.lines.size(); ++li)
      body.slots.push_back(Slot{Slot::Text, 1, t, static_cast<int>(li), para, subhead, nullptr, nullptr});
  });
  return body;
}

void set_bodies_ahead(const Context& ctx) {
  std::vector<TextRequest> requests;
  for (const auto& [id, a] : ctx.issue.articles) {
    if (is_photo(a)) continue;
    CopyDesk scratch;
    for_each_block_text(ctx, a, ctx.layout.column_width() - 2 * box_inset(ctx.layout, a), scratch, [&](size_t, BlockText bt) {
      requests.push_back({std::move(bt.text), std::move(bt.styles), bt.settings});
    });
  }
  set_texts_ahead(ctx, requests);
}

namespace {

bool several_lines(const Slot& s) { return s.kind == Slot::Text && s.text->para.lines.size() > 1; }

// May a column end between slots[j - 1] and slots[j]? Not after a subhead, not
// after a paragraph's first line (an orphan at the foot, which also keeps a
// subhead with two lines of its text), not before its last line (a widow at
// the head of the next column).
bool good_end(const std::vector<Slot>& slots, int j) {
  if (j <= 0 || j >= static_cast<int>(slots.size())) return true;
  const Slot& a = slots[j - 1];
  const Slot& b = slots[j];
  if (a.keep_with_next) return false;
  if (several_lines(a) && a.line == 0) return false;
  if (several_lines(b) && !b.keep_with_next && b.text == a.text &&
      b.line + 1 == static_cast<int>(b.text->para.lines.size()))
    return false;
  return true;
}

// Fills columns in turn, each as full as it goes: column c takes at most caps[c].
Fill pour(const std::vector<Slot>& slots, int from, const std::vector<int>& caps) {
  Fill f;
  const int cols = static_cast<int>(caps.size());
  f.columns.resize(static_cast<size_t>(cols));
  const int n = static_cast<int>(slots.size());
  int i = from;
  for (int c = 0; c < cols && i < n; ++c) {
    int used = 0;
    while (i < n) {
      const Slot& s = slots[i];
      if (s.kind == Slot::Blank && used == 0) {
        ++i;  // no blank line at the head of a column
        continue;
      }
      if (used + s.lines > caps[c]) break;
      // A subhead never ends a column: it stays with the first line it introduces.
      if (s.keep_with_next) {
        int j = i, need = 0;
        while (j < n && slots[j].keep_with_next) need += slots[j++].lines;
        if (j < n) need += slots[j].lines;
        if (used + need > caps[c] && used > 0) break;
      }
      f.columns[c].push_back({i, used});
      used += s.lines;
      ++i;
    }
    f.tallest = std::max(f.tallest, used);
  }
  f.next = i;
  return f;
}

// A column that would end at a widow, an orphan or a subhead costs more than
// two white lines at its foot, less than three; white costs the square of its
// lines, so it is shared out between columns rather than left in one.
constexpr long kLonely = 20;
constexpr long kHole = 1000;  // per white line past two: a lonely line is the lesser fault

// The fill with the least white and the fewest lonely column ends, over every
// way of cutting the slots into columns; what does not fit is the first cost.
// When the text `jumps` on, lines given up by the last column go to the next
// frame; when it does not, the column where the text ends may be short.
Fill pour_tidy(const std::vector<Slot>& slots, int from, const std::vector<int>& caps, bool jumps) {
  const int cols = static_cast<int>(caps.size());
  const int n = static_cast<int>(slots.size());
  const long kNone = LONG_MAX;
  // cost[c][i]: columns c.. hold slots [i, n) as well as they can; end[c][i]: where column c ends.
  std::vector<std::vector<long>> cost(static_cast<size_t>(cols) + 1, std::vector<long>(static_cast<size_t>(n) + 1, 0));
  std::vector<std::vector<int>> end(static_cast<size_t>(cols), std::vector<int>(static_cast<size_t>(n) + 1, 0));
  std::vector<char> good(static_cast<size_t>(n) + 1, 1);  // good_end, worked out once per slot
  for (int j = from; j <= n; ++j) good[j] = good_end(slots, j);
  long over = 0;
  for (int i = n; i >= from; --i) {
    if (i < n) over += slots[i].lines;
    cost[cols][i] = jumps ? 0 : over * 1000000;
  }
  for (int c = cols - 1; c >= 0; --c)
    for (int i = from; i <= n; ++i) {
      long best = kNone;
      int best_j = i;
      for (int j = i, h = 0; j <= n; ++j) {
        if (j > i) h += (j - 1 == i && slots[i].kind == Slot::Blank) ? 0 : slots[j - 1].lines;  // no blank at a head
        if (h > caps[c]) break;
        if (j < n && j > i && slots[j - 1].keep_with_next) continue;  // a subhead never ends a column
        long here = cost[c + 1][j];
        if (here == kNone) continue;
        if (j < n || jumps) {
          // A blank before a subhead at the foot is white; more than two white lines are a hole.
          long white = caps[c] - h + (j - 1 > i && slots[j - 1].kind == Slot::Blank ? slots[j - 1].lines : 0);
          here += white * white + (white > 2 ? (white - 2) * kHole : 0) + (good[j] ? 0 : kLonely);
        }
        if (here <= best) best = here, best_j = j;  // ties: the fuller column
      }
      cost[c][i] = best;
      end[c][i] = best_j;
    }
  Fill f;
  f.columns.resize(static_cast<size_t>(cols));
  int i = from;
  for (int c = 0; c < cols; ++c) {
    int j = end[c][i], used = 0;
    for (int k = i; k < j; ++k) {
      if (k == i && slots[k].kind == Slot::Blank) continue;
      f.columns[c].push_back({k, used});
      used += slots[k].lines;
    }
    f.tallest = std::max(f.tallest, used);
    i = j;
  }
  f.next = i;
  return f;
}

// Lines each column of a fill reaches down (a blank at its foot is white).
std::vector<int> column_lengths(const Fill& f, const std::vector<Slot>& slots) {
  std::vector<int> out;
  for (const auto& col : f.columns) {
    int h = 0;  // a blank at the foot is white
    for (auto [slot, at] : col)
      if (slots[slot].kind != Slot::Blank) h = std::max(h, at + slots[slot].lines);
    out.push_back(h);
  }
  return out;
}

// Does a fill end a column where the text goes on at a lonely line, or with
// more than two lines of white at its foot?
bool rough_end(const Fill& f, const std::vector<Slot>& slots, const std::vector<int>& caps) {
  const int n = static_cast<int>(slots.size());
  std::vector<int> lengths = column_lengths(f, slots);
  for (size_t c = 0; c < f.columns.size(); ++c) {
    const auto& col = f.columns[c];
    if (col.empty() || col.back().first + 1 >= n) continue;
    if (!good_end(slots, col.back().first + 1) || caps[c] - lengths[c] > 2) return true;
  }
  return false;
}

// Balanced columns, chosen over all ways of cutting the slots into columns: the
// tallest column as short as it can be, then the shortest as tall as it can be,
// then the earlier columns as full as they can be, so the white at the column
// feet is spread as evenly as the subheads allow and the last column is the short one.
// Columns end only where a subhead may be parted from what follows.
Fill balanced(const std::vector<Slot>& slots, int from, const std::vector<int>& caps, const std::vector<int>& tops,
              bool lonely_lines_allowed) {
  const int cols = static_cast<int>(caps.size());
  const int n = static_cast<int>(slots.size()) - from;
  std::vector<int> sum(static_cast<size_t>(n) + 1, 0);
  for (int i = 0; i < n; ++i) sum[i + 1] = sum[i] + slots[from + i].lines;
  auto height = [&](int i, int j) {  // slots [i, j) in one column, a blank at its head dropped
    return sum[j] - sum[i] - (slots[from + i].kind == Slot::Blank ? slots[from + i].lines : 0);
  };
  auto visible = [&](int i, int j) {  // a blank at its foot is white
    return height(i, j) - (j - 1 > i && slots[from + j - 1].kind == Slot::Blank ? slots[from + j - 1].lines : 0);
  };
  std::vector<char> ends(static_cast<size_t>(n) + 1, 1);  // where a column may end, worked out once
  for (int j = 1; j < n; ++j)
    ends[j] = !slots[from + j - 1].keep_with_next && (lonely_lines_allowed || good_end(slots, from + j));
  auto may_end = [&](int j) { return ends[j] != 0; };
  struct Best {
    int tallest = INT_MAX, shortest = -1, prev = -1;
  };
  // best[c][j]: the first c columns hold slots [0, j).
  std::vector<std::vector<Best>> best(static_cast<size_t>(cols) + 1, std::vector<Best>(static_cast<size_t>(n) + 1));
  best[0][0] = Best{0, INT_MAX, -1};
  for (int c = 0; c < cols; ++c)
    for (int i = 0; i <= n; ++i) {
      const Best& b = best[c][i];
      if (b.tallest == INT_MAX) continue;
      for (int j = i; j <= n; ++j) {
        if (j > i && height(i, j) > caps[c]) break;
        if (j != i && !may_end(j)) continue;
        // Columns are compared by where they end, so those under a narrow headline count its lines.
        int h = tops[c] + (j > i ? visible(i, j) : 0);
        Best cand{std::max(b.tallest, h), std::min(b.shortest, h), i};
        Best& cur = best[c + 1][j];
        // Ties go to fuller earlier columns, so the last column is the short one.
        if (cand.tallest < cur.tallest || (cand.tallest == cur.tallest && cand.shortest > cur.shortest) ||
            (cand.tallest == cur.tallest && cand.shortest == cur.shortest && cand.prev > cur.prev))
          cur = cand;
      }
    }
  Fill f;
  f.columns.resize(static_cast<size_t>(cols));
  if (best[cols][n].tallest == INT_MAX) {
    f.next = from;
    return f;
  }
  for (int c = cols, j = n; c > 0; --c) {
    int i = best[c][j].prev;
    int used = 0;
    for (int k = i; k < j; ++k) {
      if (k == i && slots[from + k].kind == Slot::Blank) continue;
      f.columns[c - 1].push_back({from + k, used});
      used += slots[from + k].lines;
    }
    f.tallest = std::max(f.tallest, used);
    j = i;
  }
  f.next = from + n;
  return f;
}

// Balanced columns without lonely lines are taken when they stay even: the
// column feet within two lines of each other, no deeper than the best balance
// by more than a line, the last column not the longest.
int spread(const std::vector<int>& v) {
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
}

// The most white at any column's foot, in lines down to the frame's foot.
int deepest_white(const Fill& f, const std::vector<Slot>& slots, const std::vector<int>& caps) {
  std::vector<int> lengths = column_lengths(f, slots);
  int white = 0;
  for (size_t c = 0; c < lengths.size(); ++c) white = std::max(white, caps[c] - lengths[c]);
  return white;
}

bool tidy(const Fill& f, const std::vector<Slot>& slots, const std::vector<int>& caps, const std::vector<int>& tops,
          const Fill& lax) {
  std::vector<int> feet = column_lengths(f, slots);
  for (size_t c = 0; c < feet.size(); ++c) feet[c] += tops[c];
  if (feet.size() < 2) return true;
  if (f.tallest > lax.tallest + 1) return false;
  if (deepest_white(f, slots, caps) > std::max(2, deepest_white(lax, slots, caps))) return false;
  return spread(feet) <= 2 && feet.back() <= *std::max_element(feet.begin(), feet.end() - 1);
}

}  // namespace

Fill fill_columns(const std::vector<Slot>& slots, int from, const std::vector<int>& caps, const std::vector<int>& tops,
                  int reserve, bool balance, bool jumps) {
  std::vector<int> room = caps;
  room.back() -= reserve;
  const int n = static_cast<int>(slots.size());
  Fill full = pour(slots, from, room);
  // Only a fill with a lonely line or a hole at a column end is worth the search for a better one.
  auto tidied = [&] {
    if (rough_end(full, slots, room)) {
      Fill tidier = pour_tidy(slots, from, room, jumps);
      if (tidier.next >= full.next || jumps) return tidier;
    }
    return full;
  };
  // (Balanced columns are tried only for text that all fits; the tidy cut, a
  // search of its own, is made only when it is the answer.)
  if (!balance || jumps || full.next < n) {
    Fill f = tidied();
    if (!balance || f.next < n) return f;
  }
  // Without widows and orphans if the columns can be balanced so; else as even as they go.
  Fill best = balanced(slots, from, room, tops, false);
  Fill lax = balanced(slots, from, room, tops, true);
  if (best.next >= n && tidy(best, slots, room, tops, lax)) return best;
  return lax.next >= n ? lax : tidied();
}

int fill_reach(const std::vector<Slot>& slots, int from, const std::vector<int>& caps, int reserve) {
  std::vector<int> room = caps;
  room.back() -= reserve;
  return pour(slots, from, room).next;
}

Lonely lonely_lines(const Fill& fill, const std::vector<Slot>& slots) {
  Lonely out;
  for (const auto& col : fill.columns) {
    if (col.empty()) continue;
    const Slot& head = slots[col.front().first];
    const Slot& foot = slots[col.back().first];
    if (head.kind == Slot::Text && !head.keep_with_next && head.text->para.lines.size() > 1 &&
        head.line + 1 == static_cast<int>(head.text->para.lines.size()))
      ++out.widows;
    if (foot.kind == Slot::Text && !foot.keep_with_next && foot.text->para.lines.size() > 1 && foot.line == 0)
      ++out.orphans;
    if (foot.kind == Slot::Text && foot.keep_with_next) ++out.subheads;
  }
  return out;
}

// Fill: the part of the image that covers the frame, cut around the focus
// point (centred by default). Fit: the whole image, as large as the frame
// allows, centred in it.
ImagePlacement place_image(const std::string& path, double x, double y, double w, double h, const Article& a) {
  ImageInfo info = probe_image(path);
  ImagePlacement p{path, x, y, w, h};
  double img = static_cast<double>(info.width) / std::max(1, info.height), box = w / h;
  if (a.fit_image) {
    if (img > box) {
      p.h = w / img;
      p.y = y + (h - p.h) / 2;
    } else {
      p.w = h * img;
      p.x = x + (w - p.w) / 2;
    }
    return p;
  }
  auto clamp = [](double v, double hi) { return std::max(0.0, std::min(v, hi)); };
  if (img > box) {
    p.crop_w = box / img;
    p.crop_x = clamp(a.focus_x - p.crop_w / 2, 1 - p.crop_w);
  } else {
    p.crop_h = img / box;
    p.crop_y = clamp(a.focus_y - p.crop_h / 2, 1 - p.crop_h);
  }
  return p;
}

void draw_slot(Page& page, const Context& ctx, const Slot& s, double x, int grid_line) {
  const Layout& L = ctx.layout;
  if (s.kind == Slot::Text) {
    draw_line(page, *s.text, s.text->para.lines[s.line], x, L.baseline(grid_line));
  } else if (s.kind == Slot::Image) {
    int cap_lines = static_cast<int>(s.caption->para.lines.size());
    double top = L.line_top(grid_line);
    double h = (s.lines - cap_lines) * L.leading - L.leading * 0.3;
    // An inline picture fills the column's width and its grid lines, cropped around the centre.
    Article centred;
    page.images.push_back(
        place_image((std::filesystem::path(ctx.issue.dir) / s.block->image).string(), x, top, L.column_width(), h, centred));
    for (int k = 0; k < cap_lines; ++k)
      draw_line(page, *s.caption, s.caption->para.lines[k], x, L.baseline(grid_line + s.lines - cap_lines + k));
  }
}

}  // namespace paiban::makeup
