// Article files: TOML front matter between +++ lines, then a Markdown body.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "model/issue.h"
#include "model/markdown.h"

namespace paiban {

namespace {

// A TOML integer, and only an integer: a float such as 1e30 is not converted
// (converting it would overflow).
std::optional<int64_t> integer(const toml::node& n) {
  if (const auto* i = n.as_integer()) return i->get();
  return std::nullopt;
}

// Invalid UTF-8 is an error naming line and byte, never silently replaced.
void check_utf8(const std::string& file, const std::string& text) {
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + n <= text.size();
    for (int k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) >> 6) == 2;
    if (ok && n > 1) {
      // Reject overlong forms and surrogates.
      uint32_t cp = c & (0x7F >> n);
      for (int k = 1; k < n; ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
      static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= min_cp[n] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (!ok) throw InputError(file, line, "invalid UTF-8 at byte offset " + std::to_string(i));
    if (c == '\n') ++line;
    i += n;
  }
}

std::string nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (U_FAILURE(status) || n->isNormalized(u, status)) return s;
  std::string out;
  n->normalize(u, status).toUTF8String(out);
  return out;
}

std::string get_string(const toml::table& t, const char* key, const std::string& file, int base_line) {
  const toml::node* n = t.get(key);
  if (!n) return {};
  if (auto v = n->value<std::string>()) return *v;
  throw InputError(file, base_line + static_cast<int>(n->source().begin.line) - 1,
                   std::string("front matter key '") + key + "' must be a string");
}

// Pasted copy carries invisible characters. Documented in docs/issue-format.md:
// CRLF and CR become LF; U+2028 is a line break, U+2029 a paragraph break; a tab
// is a space; zero-width and control characters are removed, each with a warning.
std::string clean(const std::string& text, std::vector<std::pair<int, std::string>>& warnings) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  icu::UnicodeString out;
  int line = 1;
  std::map<int, std::map<UChar32, int>> removed;  // line -> code point -> count
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (c == '\r') {
      if (u.char32At(i + 1) != '\n') out.append(static_cast<UChar32>('\n')), ++line;
      continue;
    }
    if (c == '\n') ++line;
    if (c == 0x2028) c = '\n', ++line;
    if (c == 0x2029) {
      out.append(static_cast<UChar32>('\n'));
      c = '\n';
      line += 2;
    }
    if (c == '\t') c = ' ';
    bool control = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F);
    bool invisible = c == 0x200B || c == 0x200C || c == 0x200E || c == 0x200F || c == 0x2060 || c == 0xFEFF ||
                     c == 0x00AD || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFFFC;
    if (control || invisible) {
      ++removed[line][c];
      continue;
    }
    out.append(c);
  }
  for (auto& [l, cps] : removed)
    for (auto& [cp, n] : cps) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "removed %d invisible or control character(s) U+%04X", n, static_cast<unsigned>(cp));
      warnings.emplace_back(l, buf);
    }
  std::string s;
  out.toUTF8String(s);
  return s;
}

// Where a front-matter key's value stands in the file (the front matter starts on line 2).
int line_of(const toml::node& n) {
  return 1 + static_cast<int>(n.source().begin.line);
}

// Every key known, and the text keys read.
void read_texts(const toml::table& t, const std::string& file, Article& a) {
  static const char* known[] = {"section", "kicker", "title",  "subtitle", "byline", "dateline", "headline",
                                "jump_title", "credit", "note", "sample", "box", "fit", "focus", "headline_columns",
                                "priority", "page"};
  for (auto&& [k, v] : t) {
    bool ok = false;
    for (const char* kn : known) ok = ok || k.str() == kn;
    if (!ok) throw InputError(file, line_of(v), "unknown front matter key '" + std::string(k.str()) + "'");
  }
  for (auto&& [k, v] : t) a.lines[std::string(k.str())] = line_of(v);
  a.section = get_string(t, "section", file, 2);
  a.kicker = get_string(t, "kicker", file, 2);
  a.title = get_string(t, "title", file, 2);
  a.subtitle = get_string(t, "subtitle", file, 2);
  a.byline = get_string(t, "byline", file, 2);
  a.dateline = get_string(t, "dateline", file, 2);
  a.jump_title = get_string(t, "jump_title", file, 2);
  a.credit = get_string(t, "credit", file, 2);
  a.note = get_string(t, "note", file, 2);
  std::string h = get_string(t, "headline", file, 2);
  if (!h.empty()) a.headline = h;
  a.headline_named = !h.empty();
}

// Placement and makeup keys: priority, page, headline_columns, box, sample.
void read_placement(const toml::table& t, const std::string& file, Article& a) {
  // Placement hints for automatic makeup (docs/makeup.md): 1 = most important; page = N.
  for (const char* key : {"priority", "page"})
    if (const toml::node* n = t.get(key)) {
      auto v = integer(*n);
      if (!v || *v < 1 || *v > 999)
        throw InputError(file, line_of(*n), std::string("'") + key + "' must be a whole number from 1 to 999");
      (std::string(key) == "priority" ? a.priority : a.page) = static_cast<int>(*v);
    }
  if (const toml::node* hc = t.get("headline_columns")) {
    auto v = integer(*hc);
    if (!v || *v < 1 || *v > 24) throw InputError(file, line_of(*hc), "'headline_columns' is a column count");
    a.headline_columns = static_cast<int>(*v);
  }
  for (const char* key : {"box", "sample"})
    if (const toml::node* n = t.get(key)) {
      auto v = n->value<bool>();
      if (!v) throw InputError(file, line_of(*n), std::string("'") + key + "' must be true or false");
      (std::string(key) == "box" ? a.boxed : a.sample) = *v;
    }
}

// A photo's keys: fit and focus.
void read_photo(const toml::table& t, const std::string& file, Article& a) {
  std::string fit = get_string(t, "fit", file, 2);
  if (!fit.empty() && fit != "fill" && fit != "fit")
    throw InputError(file, a.lines["fit"], "'fit' is \"fill\" (crop to the frame) or \"fit\" (show it whole)");
  a.fit_image = fit == "fit";
  if (const toml::node* f = t.get("focus")) {
    const toml::array* arr = f->as_array();
    if (!arr || arr->size() != 2)
      throw InputError(file, line_of(*f), "'focus' is [x, y], fractions of the image from its top left");
    auto x = arr->get(0)->value<double>(), y = arr->get(1)->value<double>();
    if (!x || !y || *x < 0 || *x > 1 || *y < 0 || *y > 1)
      throw InputError(file, line_of(*f), "'focus' values are between 0 and 1");
    a.focus_x = *x;
    a.focus_y = *y;
  }
}

// Front matter: "+++" on the first line, closed by another "+++" line. Read into
// the article; returns where the body starts (offset, line).
std::pair<size_t, int> front_matter(const std::string& text, const std::string& file, Article& a) {
  // YAML front matter (Jekyll, Hugo) would otherwise be read as body text.
  if (text.compare(0, 4, "---\n") == 0 || text == "---")
    throw InputError(file, 1, "front matter must be TOML between +++ lines (this file opens with ---, as YAML does)");
  if (text.compare(0, 3, "+++") != 0) return {0, 1};
  size_t open_end = text.find('\n');
  size_t close = text.find("\n+++", open_end == std::string::npos ? 0 : open_end);
  if (open_end == std::string::npos || close == std::string::npos)
    throw InputError(file, 1, "front matter opened with +++ is never closed");
  std::string fm = text.substr(open_end + 1, close - open_end);
  size_t close_end = text.find('\n', close + 1);
  size_t body_pos = close_end == std::string::npos ? text.size() : close_end + 1;
  int body_line = 1;
  for (size_t i = 0; i < body_pos; ++i)
    if (text[i] == '\n') ++body_line;
  toml::table t;
  try {
    t = toml::parse(fm, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, 1 + static_cast<int>(e.source().begin.line), std::string("front matter: ") + std::string(e.description()));
  }
  read_texts(t, file, a);
  read_placement(t, file, a);
  read_photo(t, file, a);
  return {body_pos, body_line};
}

}  // namespace

Article parse_article(const std::string& id, const std::string& file, const std::string& raw) {
  check_utf8(file, raw);
  std::string text = raw;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // byte order mark
  Article a;
  text = nfc(clean(text, a.warnings));
  a.id = id;
  a.file = file;
  auto [body_pos, body_line] = front_matter(text, file, a);

  std::vector<Block> blocks = markdown::parse_body(file, body_line, text.substr(body_pos), a.warnings);

  // Drop blocks that hold no text (an empty paragraph is not an error).
  for (Block& b : blocks) {
    bool empty = b.kind != BlockKind::Image;
    for (const Span& s : b.spans)
      if (s.text.find_first_not_of(" \t") != std::string::npos) empty = false;
    if (!empty) a.blocks.push_back(std::move(b));
  }
  bool has_image = false;
  for (const Block& b : a.blocks) has_image = has_image || b.kind == BlockKind::Image;
  if (a.title.empty() && !has_image && !a.blocks.empty())
    throw InputError(file, 1, "article has no title (front matter key 'title')");
  return a;
}

}  // namespace paiban
