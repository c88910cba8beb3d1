#include "style/layout.h"

#include <algorithm>

#include "diag/diag.h"
#include "diag/toml.h"

namespace paiban {
namespace {

constexpr double kMm = 72.0 / 25.4;

// The layout's own readings on top of the checked accessors.
struct Reader : TomlReader {
  Align align(const std::string& s, const toml::node& at) const {
    if (s == "justify") return Align::Justify;
    if (s == "left") return Align::Left;
    if (s == "center") return Align::Center;
    if (s == "right") return Align::Right;
    throw InputError(file, line(at), "align must be justify, left, center or right, not '" + s + "'");
  }

  TextStyleSpec style(const toml::node* n, TextStyleSpec base) const {
    if (!n) return base;
    const toml::table* t = n->as_table();
    if (!t) throw InputError(file, line(*n), "a style must be a table { font = …, size = … }");
    base.line = line(*n);
    for (auto&& [k, v] : *t) {
      std::string key(k.str());
      if (key == "font") {
        base.font = text(*t, "font", base.font);
      } else if (key == "size") {
        base.size = number(*t, "size", base.size);
        if (base.size < 4) throw InputError(file, line(v), "text size under 4 pt");
      } else if (key == "align") {
        base.align = align(v.value_or(std::string()), v);
      } else if (key == "last") {
        base.last_align = align(v.value_or(std::string()), v);
      } else {
        throw InputError(file, line(v), "unknown style key '" + key + "'");
      }
    }
    return base;
  }
};

}  // namespace

const TextStyleSpec& Layout::style(const std::string& n) const {
  auto it = styles.find(n);
  if (it == styles.end()) throw InputError(file, 0, "layout has no style '" + n + "'");
  return it->second;
}

const HeadlineSpec& Layout::headline(const std::string& n) const {
  auto it = headlines.find(n);
  if (it == headlines.end()) throw InputError(file, 0, "layout has no headline style '" + n + "'");
  return it->second;
}

namespace {

// [page]: trim, margins and the column grid.
void read_page(const Reader& rd, const toml::table& root, Layout& l) {
  const toml::table* page = root["page"].as_table();
  if (!page) throw InputError(rd.file, 1, "missing table [page]");
  rd.known(*page, {"trim", "bleed", "top", "folio", "columns", "column_chars", "gutter", "lines", "rule_width"}, "[page]");
  const toml::array* trim = (*page)["trim"].as_array();
  if (!trim || trim->size() != 2) throw InputError(rd.file, rd.line(*page), "[page] trim must be [width, height] in mm");
  l.trim_w = trim->get(0)->value_or(0.0) * kMm;
  l.trim_h = trim->get(1)->value_or(0.0) * kMm;
  for (double side : {l.trim_w, l.trim_h})  // NaN fails too
    if (!(side >= 50 * kMm && side <= 2000 * kMm))
      throw InputError(rd.file, rd.line(*trim), "[page] trim sides must be between 50 and 2000 mm");
  l.bleed = rd.number(*page, "bleed", 3) * kMm;
  l.top = rd.number(*page, "top", 25) * kMm;
  l.folio_y = rd.number(*page, "folio", 15) * kMm;
  l.columns = rd.count(*page, "columns", 8, 1, 40);
  l.column_chars = rd.count(*page, "column_chars", 13, 2, 200);
  l.gutter = rd.number(*page, "gutter", 8);
  l.lines = rd.count(*page, "lines", 100, 10, 2000);
  l.rule_width = rd.number(*page, "rule_width", 0.5);
}

// [body]: the body text and how it breaks.
void read_body(const Reader& rd, const toml::table& root, Layout& l) {
  const toml::table* body = root["body"].as_table();
  if (!body) throw InputError(rd.file, 1, "missing table [body]");
  rd.known(*body,
           {"font", "size", "leading", "indent", "kinsoku", "latin_space", "digit_space", "hanging", "punctuation"},
           "[body]");
  l.body.font = rd.text(*body, "font", "body");
  l.body.line = rd.line(*body);
  l.body.size = rd.measure(*body, "size", 9, 4, 400);
  l.leading = rd.measure(*body, "leading", l.body.size * 1.5, 4, 800);
  l.indent = rd.number(*body, "indent", 2);
  l.latin_space = rd.number(*body, "latin_space", 0.25);
  l.digit_space = rd.number(*body, "digit_space", 0);
  l.hanging = rd.flag(*body, "hanging", l.hanging);
  std::string punct = rd.text(*body, "punctuation", "mainland");
  if (punct == "mainland") l.compress_punctuation = true;
  else if (punct == "taiwan") l.compress_punctuation = false;
  else throw InputError(rd.file, rd.line(*body), "punctuation is mainland or taiwan, not '" + punct + "'");
  std::string k = rd.text(*body, "kinsoku", "strict");
  if (k == "basic") l.kinsoku = Kinsoku::Basic;
  else if (k == "gb") l.kinsoku = Kinsoku::GB;
  else if (k == "strict") l.kinsoku = Kinsoku::Strict;
  else throw InputError(rd.file, rd.line(*body), "kinsoku must be basic, gb or strict");

  // The grid against the page, once the leading is known ([page] is there: read_page checked).
  const toml::table* page = root["page"].as_table();
  if (l.columns < 1 || l.column_chars < 2 || l.lines < 10) throw InputError(rd.file, rd.line(*page), "grid too small");
  if (l.type_width() > l.trim_w) throw InputError(rd.file, rd.line(*page), "columns are wider than the page");
  if (l.top + l.lines * l.leading > l.trim_h) throw InputError(rd.file, rd.line(*page), "grid lines run off the page");
}

// [styles] and [headline.*]: text styles over the body's, headline styles.
void read_headlines(const Reader& rd, const toml::table& root, Layout& l) {
  if (const toml::table* st = root["styles"].as_table())
    for (auto&& [name, node] : *st) l.styles[std::string(name.str())] = rd.style(&node, l.body);
  if (const toml::table* hs = root["headline"].as_table())
    for (auto&& [name, node] : *hs) {
      const toml::table* t = node.as_table();
      if (!t) throw InputError(rd.file, rd.line(node), "headline styles are tables");
      HeadlineSpec h;
      h.kicker = rd.style(t->get("kicker"), l.body);
      h.title = rd.style(t->get("title"), l.body);
      h.subtitle = rd.style(t->get("subtitle"), l.body);
      h.min_title_size = rd.number(*t, "min_title_size", h.title.size * 0.6);
      h.max_title_lines = rd.count(*t, "max_title_lines", 2, 1, 20);
      h.subtitle_dash = rd.flag(*t, "subtitle_dash", h.subtitle_dash);
      if (const toml::node* sizes = t->get("title_sizes")) {
        const toml::array* a = sizes->as_array();
        if (!a || a->empty()) throw InputError(rd.file, rd.line(*sizes), "title_sizes is a list of sizes in pt, one per width in columns");
        for (const toml::node& v : *a) {
          double pt = v.value_or(0.0);
          if (!(pt >= 4 && pt <= 400))
            throw InputError(rd.file, rd.line(v), "title_sizes: each size is a number of pt between 4 and 400");
          h.title_sizes.push_back(pt);
        }
        if (!t->get("min_title_size")) h.min_title_size = *std::min_element(h.title_sizes.begin(), h.title_sizes.end()) * 0.6;
      }
      rd.known(*t, {"kicker", "title", "subtitle", "min_title_size", "max_title_lines", "subtitle_dash", "title_sizes"},
               "[headline." + std::string(name.str()) + "]");
      l.headlines[std::string(name.str())] = h;
    }
}

// [print]: the printing condition and the press's limits.
void read_print(const Reader& rd, const toml::table& root, Layout& l) {
  if (const toml::table* pr = root["print"].as_table()) {
    PressSpec& p = l.press;
    rd.known(*pr, {"condition_id", "condition", "registry", "cmyk_profile", "tac", "max_ppi", "min_text", "min_rule", "slug"},
             "[print]");
    p.condition_id = rd.text(*pr, "condition_id", p.condition_id);
    p.condition = rd.text(*pr, "condition", p.condition);
    p.registry = rd.text(*pr, "registry", p.registry);
    p.cmyk_profile = rd.text(*pr, "cmyk_profile", p.cmyk_profile);
    p.tac = rd.number(*pr, "tac", p.tac);
    p.max_ppi = rd.number(*pr, "max_ppi", p.max_ppi);
    if (p.max_ppi < 72 || p.max_ppi > 2400) throw InputError(rd.file, rd.line(*pr), "max_ppi must be between 72 and 2400");
    p.min_text = rd.number(*pr, "min_text", p.min_text);
    p.min_rule = rd.number(*pr, "min_rule", p.min_rule / kMm) * kMm;
    p.slug = rd.number(*pr, "slug", p.slug / kMm) * kMm;
    if (p.tac < 100 || p.tac > 400) throw InputError(rd.file, rd.line(*pr), "tac must be between 100 and 400 percent");
  }
}

// [masthead]: the 报头 block.
void read_masthead(const Reader& rd, const toml::table& root, Layout& l) {
  if (const toml::table* m = root["masthead"].as_table()) {
    MastheadSpec& ms = l.masthead;
    ms.name = rd.number(*m, "name", ms.name);
    ms.sponsor = rd.number(*m, "sponsor", ms.sponsor);
    ms.meta = rd.number(*m, "meta", ms.meta);
    ms.name_min = rd.number(*m, "name_min", ms.name_min);
    ms.lines = rd.count(*m, "lines", ms.lines, 6, 80);
    auto choice = [&](const char* key, const char* a, const char* b, bool fallback) {
      const toml::node* n = m->get(key);
      if (!n) return fallback;
      std::string v = n->value_or(std::string());
      if (v != a && v != b)
        throw InputError(rd.file, rd.line(*n), std::string(key) + " is " + a + " or " + b + ", not '" + v + "'");
      return v == b;
    };
    ms.centred = choice("arrangement", "left", "center", ms.centred);
    ms.page_count_chinese = choice("page_count", "arabic", "chinese", ms.page_count_chinese);
    ms.folio_chinese = choice("page_numbers", "arabic", "chinese", ms.folio_chinese);
    for (auto&& [k, v] : *m) {
      std::string key(k.str());
      if (key != "name" && key != "name_min" && key != "sponsor" && key != "meta" && key != "arrangement" && key != "page_count" &&
          key != "page_numbers" && key != "lines")
        throw InputError(rd.file, rd.line(v), "unknown masthead key '" + key + "'");
    }
  }
}

// [band]: how 栏目 bands are drawn.
void read_band(const Reader& rd, const toml::table& root, Layout& l) {
  if (const toml::table* b = root["band"].as_table()) {
    rd.known(*b, {"style", "tint"}, "[band]");
    l.band.line = rd.line(*b);
    if (const toml::node* n = b->get("style")) {
      std::string v = n->value_or(std::string());
      if (v != "rules" && v != "reversed")
        throw InputError(rd.file, rd.line(*n), "[band] style is rules or reversed, not '" + v + "'");
      l.band.reversed = v == "reversed";
    }
    if (const toml::node* n = b->get("tint")) {
      double pct = rd.number(*b, "tint", 100);
      if (!(pct >= 30 && pct <= 100))
        throw InputError(rd.file, rd.line(*n), "[band] tint is the percent of black under reversed text, 30 to 100");
      l.band.tint = pct / 100;
    }
  }
}

}  // namespace

Layout load_layout(const std::string& file) {
  Reader rd{{file}};
  toml::table root = rd.parse();
  Layout l;
  l.file = file;
  rd.known(root, {"name", "page", "body", "styles", "headline", "print", "masthead", "band"}, "the layout");
  l.name = rd.text(root, "name", "layout");
  read_page(rd, root, l);
  read_body(rd, root, l);
  read_headlines(rd, root, l);
  read_print(rd, root, l);
  read_masthead(rd, root, l);
  read_band(rd, root, l);
  for (const char* need : {"subhead", "byline", "dateline", "caption", "jump", "folio", "section"})
    if (!l.styles.count(need)) throw InputError(file, 1, std::string("layout needs a style '") + need + "'");
  for (const char* need : {"lead", "major", "minor"})
    if (!l.headlines.count(need)) throw InputError(file, 1, std::string("layout needs a headline style '") + need + "'");
  return l;
}

void check_font_roles(const Layout& l, const std::vector<std::string>& roles) {
  auto check = [&](const TextStyleSpec& s, const std::string& what) {
    if (std::find(roles.begin(), roles.end(), s.font) != roles.end()) return;
    std::string known;
    for (const std::string& r : roles) known += (known.empty() ? "" : ", ") + r;
    throw InputError(l.file, s.line, what + " names font role '" + s.font + "', which fonts.toml does not define (it has: " +
                                         known + ")");
  };
  check(l.body, "[body]");
  for (const auto& [name, s] : l.styles) check(s, "style '" + name + "'");
  for (const auto& [name, h] : l.headlines) {
    check(h.kicker, "headline '" + name + "' kicker");
    check(h.title, "headline '" + name + "' title");
    check(h.subtitle, "headline '" + name + "' subtitle");
  }
}

}  // namespace paiban
