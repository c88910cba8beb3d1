// segment.cpp — the copy's lines into paragraph units. Three ways of marking
// paragraphs are met: blank lines between them (Markdown, most wire text),
// full-width indents (　　) at their first line, or one line per paragraph.
// The file shows which by its blank lines and indents; hard-wrapped prose
// lines inside a paragraph are joined back.
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <mutex>

#include "import/steps.h"

namespace paiban::import {

std::u32string u32(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out += static_cast<char32_t>(u.char32At(i));
  return out;
}

std::string u8(std::u32string_view s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  std::string out;
  return u.toUTF8String(out);
}

bool is_han(char32_t c) {
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &err) == USCRIPT_HAN;
}

bool is_space(char32_t c) { return c == U'\t' || u_isUWhiteSpace(static_cast<UChar32>(c)); }

std::string trim(std::string_view s) {
  std::u32string t = u32(s);
  size_t a = 0, b = t.size();
  while (a < b && is_space(t[a])) ++a;
  while (b > a && is_space(t[b - 1])) --b;
  return u8(t.substr(a, b - a));
}

size_t length(std::string_view s) { return u32(s).size(); }

namespace {

// Patterns are compiled once; the importer's patterns are fixed strings.
const icu::RegexPattern& compiled(const char* pattern) {
  static std::mutex mu;
  static std::map<const char*, std::unique_ptr<icu::RegexPattern>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& p = cache[pattern];
  if (!p) {
    UErrorCode err = U_ZERO_ERROR;
    UParseError pe;
    p.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), pe, err));
    if (U_FAILURE(err)) throw std::logic_error(std::string("bad import pattern: ") + pattern);
  }
  return *p;
}

enum class Find { Whole, Start, Anywhere };

// Runs the pattern on u; on a match fills groups and returns the matcher (for its position).
std::unique_ptr<icu::RegexMatcher> run(const char* pattern, const icu::UnicodeString& u, Find how,
                                       std::vector<std::string>* groups) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(compiled(pattern).matcher(u, err));
  bool ok = how == Find::Whole ? m->matches(err) : how == Find::Start ? m->lookingAt(err) : m->find(err);
  if (!ok || U_FAILURE(err)) return nullptr;
  if (groups) {
    groups->clear();
    for (int32_t g = 0; g <= m->groupCount(); ++g) {
      std::string t;
      m->group(g, err).toUTF8String(t);
      groups->push_back(t);
    }
  }
  return m;
}

}  // namespace

bool take(const char* pattern, std::string& s, std::vector<std::string>* groups) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  auto m = run(pattern, u, Find::Anywhere, groups);
  if (!m) return false;
  UErrorCode err = U_ZERO_ERROR;
  u.replace(m->start(err), m->end(err) - m->start(err), u" ");
  s.clear();
  u.toUTF8String(s);
  return true;
}

bool match(const char* pattern, const std::string& s, std::vector<std::string>* groups) {
  return run(pattern, icu::UnicodeString::fromUTF8(s), Find::Whole, groups) != nullptr;
}
bool match_start(const char* pattern, const std::string& s, std::vector<std::string>* groups) {
  return run(pattern, icu::UnicodeString::fromUTF8(s), Find::Start, groups) != nullptr;
}

int Unit::line_of(size_t offset) const {
  int l = line;
  for (auto& [at, n] : line_at)
    if (at <= offset) l = n;
  return l;
}

std::vector<Line> split_lines(const std::string& text) {
  std::vector<Line> lines;
  size_t start = 0;
  int n = 1;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(Line{text.substr(start, end - start), n++});
    if (end == text.size()) break;
    start = end + 1;
  }
  if (!lines.empty() && lines.back().text.empty() && text.size() > 0 && text.back() == '\n') lines.pop_back();
  return lines;
}

bool headline_shape(const std::string& s) {
  std::u32string t = u32(s);
  if (t.empty() || t.size() > 40) return false;
  static const std::u32string end_stop = U"。！？!?；;…，,、.";
  if (end_stop.find(t.back()) != std::u32string::npos) return false;
  if (t.find_first_of(U"。；;") != std::u32string::npos) return false;
  if (t.size() > 30 && t.find_first_of(U"，,") != std::u32string::npos) return false;
  bool bracketed = (t.front() == U'（' || t.front() == U'(') && (t.back() == U'）' || t.back() == U')');
  return !bracketed;
}

namespace {

struct RawLine {
  const Line* line;
  std::string content;
  bool blank, indented;
};

RawLine inspect(const Line& l) {
  RawLine r{&l, trim(l.text), false, false};
  r.blank = r.content.empty();
  std::u32string t = u32(l.text);
  r.indented = !r.blank && !t.empty() &&
               (t[0] == U'\u3000' || t[0] == U'\t' || (t.size() > 1 && t[0] == U' ' && t[1] == U' '));
  return r;
}

Unit make_unit(const RawLine& r) {
  Unit u;
  u.line = u.last_line = r.line->number;
  u.indented = r.indented;
  u.line_at.push_back({0, u.line});
  std::vector<std::string> g;
  if (!r.indented && match("(#{1,6})[ \\t]+(.*?)[ \\t]*#*", r.content, &g) && !trim(g[2]).empty()) {
    u.kind = Unit::Heading;
    u.level = static_cast<int>(g[1].size());
    u.text = trim(g[2]);
  } else if (match("\\*\\*((?:(?!\\*\\*).)+)\\*\\*", r.content, &g) || match("__((?:(?!__).)+)__", r.content, &g)) {
    u.kind = Unit::Bold;
    u.text = trim(g[1]);
  } else {
    u.text = r.content;
  }
  return u;
}

bool latin_edge(char32_t c) { return c < 0x2E80 && !is_space(c); }

void append_line(Unit& u, const RawLine& r) {
  std::u32string a = u32(u.text), b = u32(r.content);
  if (!a.empty() && !b.empty() && latin_edge(a.back()) && latin_edge(b.front())) u.text += ' ';
  u.line_at.push_back({u.text.size(), r.line->number});
  u.text += r.content;
  u.last_line = r.line->number;
}

enum class Mode { Blank, Indent, PerLine };

Mode mode_of(const std::vector<RawLine>& raw) {
  int indents = 0, adjacent = 0, separated = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].blank) continue;
    indents += raw[i].indented;
    if (i + 1 < raw.size()) (raw[i + 1].blank ? separated : adjacent)++;
  }
  if (indents >= 2) return Mode::Indent;
  return separated >= adjacent ? Mode::Blank : Mode::PerLine;
}

}  // namespace

std::vector<Unit> segment(const std::vector<Line>& lines, size_t from) {
  std::vector<RawLine> raw;
  for (size_t i = from; i < lines.size(); ++i) raw.push_back(inspect(lines[i]));
  Mode mode = mode_of(raw);
  std::vector<Unit> units;
  bool after_blank = true;
  for (const RawLine& r : raw) {
    if (r.blank) {
      after_blank = true;
      continue;
    }
    Unit u = make_unit(r);
    bool can_join = !after_blank && !units.empty() && units.back().kind == Unit::Text && u.kind == Unit::Text &&
                    !headline_shape(units.back().text) && !headline_shape(u.text);
    if (mode == Mode::Blank && can_join) {
      append_line(units.back(), r);
    } else if (mode == Mode::Indent && can_join && !r.indented) {
      append_line(units.back(), r);
    } else {
      units.push_back(std::move(u));
    }
    after_blank = false;
  }
  return units;
}

}  // namespace paiban::import
