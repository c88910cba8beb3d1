// Copyfitting for automatic makeup (plan/): how many grid lines an article
// takes in a frame of each width, measured by setting it exactly as makeup
// will (the same body slots, headline blocks and column filling), never by a
// second, approximate text setter. Results are kept per (article, style, width).
#include <filesystem>
#include <map>
#include <tuple>

#include "image/image.h"
#include "makeup/blocks.h"

namespace paiban {

struct Copyfitter::Impl {
  const Issue& issue;
  const Layout& layout;
  Edition scratch;
  makeup::Context ctx;
  std::map<std::string, makeup::Body> bodies;
  std::map<std::tuple<std::string, std::string, int>, int> heads;      // (id, style, cols) → lines
  std::map<std::tuple<std::string, std::string, int, int>, int> fits;  // (id, style, cols, from) → lines
  // (id, style, from, cols, lines, last) → the slot the next frame takes up at: the
  // planner asks the same of a jumped story's first part on every page it tries.
  std::map<std::tuple<std::string, std::string, int, int, int, bool>, int> flows;
  std::map<std::pair<std::string, int>, int> jump_heads;  // (id, cols) → lines
  std::map<std::string, int> characters;  // of the body, per article

  Impl(const Issue& is, const Layout& L, const FontRegistry& fonts, TextCache* cache)
      : issue(is), layout(L), ctx{is, L, fonts, scratch, cache, true} {}

  const Article& article(const std::string& id) const { return issue.articles.at(id); }
  const makeup::Body& body(const std::string& id) {
    auto it = bodies.find(id);
    if (it == bodies.end()) {
      const Article& a = article(id);
      it = bodies.emplace(id, makeup::set_body(ctx, a, layout.column_width() - 2 * makeup::box_inset(layout, a))).first;
    }
    return it->second;
  }
  int head(const std::string& id, const std::string& style, int cols) {
    auto key = std::make_tuple(id, style, cols);
    auto it = heads.find(key);
    if (it != heads.end()) return it->second;
    Article a = article(id);
    a.headline = style;
    return heads[key] = makeup::headline_block(ctx, a, layout.span_width(cols) - 2 * makeup::box_inset(layout, a)).lines;
  }
  // A continuation's 上接 head across the frame `cols` wide, as makeup sets it.
  int jump_head(const std::string& id, int cols) {
    auto key = std::make_pair(id, cols);
    auto it = jump_heads.find(key);
    if (it != jump_heads.end()) return it->second;
    const Article& a = article(id);
    return jump_heads[key] = makeup::jump_head(ctx, a, 1, layout.span_width(cols) - 2 * makeup::box_inset(layout, a)).lines;
  }
  // The headline's lines over a frame part and how many columns it spans: the
  // article's headline on its first part, a jump head on a continuation.
  std::pair<int, int> heading(const std::string& id, const std::string& style, int cols, int from) {
    if (from != 0) return {jump_head(id, cols), cols};
    const Article& a = article(id);
    int head_cols = a.headline_columns > 0 ? std::min(a.headline_columns, cols) : cols;
    return {head(id, style, head_cols), head_cols};
  }
  // The body in a frame as makeup's article() fills it; `head` lines over the
  // first `head_cols` columns. No columns at all when the headline leaves no room.
  makeup::Fill fill(const std::string& id, int from, int cols, int head_lines, int head_cols, int lines, bool last,
                    bool balance = false) {
    const makeup::Body& b = body(id);
    int cap = lines - head_lines;
    if (cap < 2) return makeup::Fill{{}, from, 0};
    auto [caps, tops] = frame_caps(cols, head_lines, head_cols, lines);
    return makeup::fill_columns(b.slots, from, caps, tops, last ? 0 : 1, balance && last, !last);
  }
  // Whether the whole body from `from` fits a last frame part that tall.
  bool holds(const std::string& id, int from, int cols, int head_lines, int head_cols, int lines) {
    const makeup::Body& b = body(id);
    if (lines - head_lines < 2) return from >= static_cast<int>(b.slots.size());
    auto [caps, tops] = frame_caps(cols, head_lines, head_cols, lines);
    return makeup::fill_reach(b.slots, from, caps, 0) >= static_cast<int>(b.slots.size());
  }
  // Column caps and tops of a frame: the headline's lines over its first `head_cols` columns.
  static std::pair<std::vector<int>, std::vector<int>> frame_caps(int cols, int head_lines, int head_cols, int lines) {
    std::vector<int> caps(static_cast<size_t>(cols), lines - head_lines), tops(caps.size(), head_lines);
    for (int c = head_cols; c < cols; ++c) {
      caps[c] = lines;
      tops[c] = 0;
    }
    return {caps, tops};
  }
};

Copyfitter::Copyfitter(const Issue& issue, const Layout& layout, const FontRegistry& fonts, TextCache* cache)
    : impl_(std::make_unique<Impl>(issue, layout, fonts, cache)) {}
Copyfitter::~Copyfitter() = default;

bool Copyfitter::photo(const std::string& id) const { return makeup::is_photo(impl_->article(id)); }

int Copyfitter::slots(const std::string& id) { return static_cast<int>(impl_->body(id).slots.size()); }

int Copyfitter::body_lines(const std::string& id, int from) {
  int n = 0;
  const auto& s = impl_->body(id).slots;
  for (size_t i = static_cast<size_t>(from); i < s.size(); ++i) n += s[i].lines;
  return n;
}

int Copyfitter::characters(const std::string& id) const {
  auto known = impl_->characters.find(id);
  if (known != impl_->characters.end()) return known->second;
  int n = 0;
  for (const Block& b : impl_->article(id).blocks)
    for (const Span& s : b.spans)
      for (unsigned char c : s.text) n += (c & 0xC0) != 0x80;
  return impl_->characters[id] = n;
}

int Copyfitter::headline_lines(const std::string& id, const std::string& style, int cols) {
  return impl_->head(id, style, cols);
}

int Copyfitter::frame_lines(const std::string& id, const std::string& style, int cols, int from) {
  auto key = std::make_tuple(id, style, cols, from);
  auto it = impl_->fits.find(key);
  if (it != impl_->fits.end()) return it->second;
  auto [head, head_cols] = impl_->heading(id, style, cols, from);
  int lines = head + std::max(2, body_lines(id, from) / cols);
  // Frames only grow to hold more, so the first height that holds it all is the answer,
  // or a line or two more when that leaves no widow, orphan or subhead at a column end.
  while (!impl_->holds(id, from, cols, head, head_cols, lines) && lines < 100000) ++lines;
  for (int more = 0; more <= 2; ++more) {
    makeup::Fill f = impl_->fill(id, from, cols, head, head_cols, lines + more, true, true);
    if (makeup::lonely_lines(f, impl_->body(id).slots).total() == 0) return impl_->fits[key] = lines + more;
  }
  return impl_->fits[key] = lines;
}

int Copyfitter::flow(const std::string& id, const std::string& style, int from, int cols, int lines, bool last) {
  auto key = std::make_tuple(id, style, from, cols, lines, last);
  auto known = impl_->flows.find(key);
  if (known != impl_->flows.end()) return known->second;
  auto [head, head_cols] = impl_->heading(id, style, cols, from);
  return impl_->flows[key] = impl_->fill(id, from, cols, head, head_cols, lines, last).next;
}

int Copyfitter::caption_lines(const std::string& id, int cols) {
  // Set as makeup sets it: a credit that runs on after the caption takes no line of its own.
  return makeup::set_caption(impl_->ctx, impl_->article(id), impl_->layout.span_width(cols)).lines;
}

double Copyfitter::aspect(const std::string& id) const {
  const Article& a = impl_->article(id);
  ImageInfo info = probe_image((std::filesystem::path(impl_->issue.dir) / a.blocks[0].image).string());
  return static_cast<double>(info.width) / std::max(1, info.height);
}

}  // namespace paiban
