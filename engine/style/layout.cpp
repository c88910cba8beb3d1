#include "style/layout.h"

#include <toml++/toml.h>

#include "diag/diag.h"

namespace paiban {
namespace {

constexpr double kMm = 72.0 / 25.4;

struct Reader {
  std::string file;

  int line(const toml::node& n) const { return static_cast<int>(n.source().begin.line); }

  double number(const toml::table& t, const char* key, double fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (auto v = n->value<double>()) return *v;
    throw InputError(file, line(*n), std::string("'") + key + "' must be a number");
  }

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
    for (auto&& [k, v] : *t) {
      std::string key(k.str());
      if (key == "font") {
        base.font = v.value_or(std::string());
      } else if (key == "size") {
        base.size = number(*t, "size", base.size);
        if (base.size < 4) throw InputError(file, line(v), "text size under 4 pt");
      } else if (key == "align") {
        base.align = align(v.value_or(std::string()), v);
      } else if (key == "last") {
        base.last_align = align(v.value_or(std::string()), v);
      } else if (key == "tracking") {
        base.tracking = number(*t, "tracking", 0);
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

Layout load_layout(const std::string& file) {
  Reader rd{file};
  toml::table root;
  try {
    root = toml::parse(read_file(file), file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  Layout l;
  l.file = file;
  l.name = root["name"].value_or(std::string("layout"));
  const toml::table* page = root["page"].as_table();
  if (!page) throw InputError(file, 1, "missing table [page]");
  const toml::array* trim = (*page)["trim"].as_array();
  if (!trim || trim->size() != 2) throw InputError(file, rd.line(*page), "[page] trim must be [width, height] in mm");
  l.trim_w = trim->get(0)->value_or(0.0) * kMm;
  l.trim_h = trim->get(1)->value_or(0.0) * kMm;
  l.bleed = rd.number(*page, "bleed", 3) * kMm;
  l.top = rd.number(*page, "top", 25) * kMm;
  l.folio_y = rd.number(*page, "folio", 15) * kMm;
  l.columns = static_cast<int>(rd.number(*page, "columns", 8));
  l.column_chars = static_cast<int>(rd.number(*page, "column_chars", 13));
  l.gutter = rd.number(*page, "gutter", 8);
  l.lines = static_cast<int>(rd.number(*page, "lines", 100));
  l.rule_width = rd.number(*page, "rule_width", 0.5);

  const toml::table* body = root["body"].as_table();
  if (!body) throw InputError(file, 1, "missing table [body]");
  l.body.font = (*body)["font"].value_or(std::string("body"));
  l.body.size = rd.number(*body, "size", 9);
  l.leading = rd.number(*body, "leading", l.body.size * 1.5);
  l.indent = rd.number(*body, "indent", 2);
  l.latin_space = rd.number(*body, "latin_space", 0.25);
  l.digit_space = rd.number(*body, "digit_space", 0);
  if (const toml::node* h = body->get("hanging")) {
    auto v = h->value<bool>();
    if (!v) throw InputError(file, rd.line(*h), "hanging is true or false");
    l.hanging = *v;
  }
  std::string punct = (*body)["punctuation"].value_or(std::string("mainland"));
  if (punct == "mainland") l.compress_punctuation = true;
  else if (punct == "taiwan") l.compress_punctuation = false;
  else throw InputError(file, rd.line(*body), "punctuation is mainland or taiwan, not '" + punct + "'");
  std::string k = (*body)["kinsoku"].value_or(std::string("strict"));
  if (k == "basic") l.kinsoku = Kinsoku::Basic;
  else if (k == "gb") l.kinsoku = Kinsoku::GB;
  else if (k == "strict") l.kinsoku = Kinsoku::Strict;
  else throw InputError(file, rd.line(*body), "kinsoku must be basic, gb or strict");

  if (l.columns < 1 || l.column_chars < 2 || l.lines < 10) throw InputError(file, rd.line(*page), "grid too small");
  if (l.type_width() > l.trim_w) throw InputError(file, rd.line(*page), "columns are wider than the page");
  if (l.top + l.lines * l.leading > l.trim_h) throw InputError(file, rd.line(*page), "grid lines run off the page");

  if (const toml::table* st = root["styles"].as_table())
    for (auto&& [name, node] : *st) l.styles[std::string(name.str())] = rd.style(&node, l.body);
  if (const toml::table* hs = root["headline"].as_table())
    for (auto&& [name, node] : *hs) {
      const toml::table* t = node.as_table();
      if (!t) throw InputError(file, rd.line(node), "headline styles are tables");
      HeadlineSpec h;
      h.kicker = rd.style(t->get("kicker"), l.body);
      h.title = rd.style(t->get("title"), l.body);
      h.subtitle = rd.style(t->get("subtitle"), l.body);
      h.min_title_size = rd.number(*t, "min_title_size", h.title.size * 0.6);
      h.max_title_lines = static_cast<int>(rd.number(*t, "max_title_lines", 2));
      if (const toml::node* d = t->get("subtitle_dash")) {
        auto v = d->value<bool>();
        if (!v) throw InputError(file, rd.line(*d), "subtitle_dash is true or false");
        h.subtitle_dash = *v;
      }
      l.headlines[std::string(name.str())] = h;
    }
  if (const toml::table* pr = root["print"].as_table()) {
    PressSpec& p = l.press;
    p.condition_id = (*pr)["condition_id"].value_or(p.condition_id);
    p.condition = (*pr)["condition"].value_or(p.condition);
    p.registry = (*pr)["registry"].value_or(p.registry);
    p.cmyk_profile = (*pr)["cmyk_profile"].value_or(p.cmyk_profile);
    p.tac = rd.number(*pr, "tac", p.tac);
    p.max_ppi = rd.number(*pr, "max_ppi", p.max_ppi);
    if (p.max_ppi < 72 || p.max_ppi > 2400) throw InputError(file, rd.line(*pr), "max_ppi must be between 72 and 2400");
    p.min_text = rd.number(*pr, "min_text", p.min_text);
    p.min_rule = rd.number(*pr, "min_rule", p.min_rule / kMm) * kMm;
    p.slug = rd.number(*pr, "slug", p.slug / kMm) * kMm;
    if (p.tac < 100 || p.tac > 400) throw InputError(file, rd.line(*pr), "tac must be between 100 and 400 percent");
  }
  if (const toml::table* m = root["masthead"].as_table()) {
    MastheadSpec& ms = l.masthead;
    ms.name = rd.number(*m, "name", ms.name);
    ms.sponsor = rd.number(*m, "sponsor", ms.sponsor);
    ms.meta = rd.number(*m, "meta", ms.meta);
    ms.name_min = rd.number(*m, "name_min", ms.name_min);
    auto choice = [&](const char* key, const char* a, const char* b, bool fallback) {
      const toml::node* n = m->get(key);
      if (!n) return fallback;
      std::string v = n->value_or(std::string());
      if (v != a && v != b)
        throw InputError(file, rd.line(*n), std::string(key) + " is " + a + " or " + b + ", not '" + v + "'");
      return v == b;
    };
    ms.centred = choice("arrangement", "left", "center", ms.centred);
    ms.page_count_chinese = choice("page_count", "arabic", "chinese", ms.page_count_chinese);
    ms.folio_chinese = choice("page_numbers", "arabic", "chinese", ms.folio_chinese);
    for (auto&& [k, v] : *m) {
      std::string key(k.str());
      if (key != "name" && key != "name_min" && key != "sponsor" && key != "meta" && key != "arrangement" && key != "page_count" &&
          key != "page_numbers")
        throw InputError(file, rd.line(v), "unknown masthead key '" + key + "'");
    }
  }
  for (const char* need : {"subhead", "byline", "dateline", "caption", "jump", "folio", "section"})
    if (!l.styles.count(need)) throw InputError(file, 1, std::string("layout needs a style '") + need + "'");
  for (const char* need : {"lead", "major", "minor"})
    if (!l.headlines.count(need)) throw InputError(file, 1, std::string("layout needs a headline style '") + need + "'");
  return l;
}

}  // namespace paiban
