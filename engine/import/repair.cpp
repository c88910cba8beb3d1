// repair.cpp — the damage wire copy carries, repaired or flagged, each case
// noted with its input line: paragraphs broken mid-sentence are joined;
// stray Latin words inside Chinese text are flagged for an editor (never
// translated); half-width punctuation is only counted, since the engine's
// copy-desk step sets it full-width when the page is made.
#include "import/steps.h"

namespace paiban::import {
namespace {

bool latin_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool latin_edge(char32_t c) { return c < 0x2E80 && !is_space(c); }
bool cjk(char32_t c) { return is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2018 && c <= 0x201F); }

std::u32string edge(const std::string& s, bool tail) {
  std::u32string t = u32(s);
  return tail ? t.substr(t.size() > 8 ? t.size() - 8 : 0) : t.substr(0, 8);
}

// A paragraph may open like this; a broken-off piece of a sentence does not.
bool opens_paragraph(const std::string& s) {
  return match_start("[“「『《（(【〈□■●◆▲★•·\\-—]|(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\\d]+[）)]|\\d+[.、．]"
                     "|第[一二三四五六七八九十]+[，,、])",
                     s) ||
         headline_shape(s);
}

// Whether `prev` broke off mid-sentence and `next` carries it on.
bool broken(const Unit& prev, const Unit& next) {
  if (prev.kind != Unit::Text || next.kind != Unit::Text) return false;
  std::u32string p = u32(prev.text), n = u32(next.text);
  if (p.empty() || n.empty()) return false;
  char32_t end = p.back();
  static const std::u32string closed = U"。！？!?…．.；;：:」』”’）)】》〉—~～";
  if (closed.find(end) != std::u32string::npos) return false;
  // A line ending in an address or a mail box is a note, not a broken sentence.
  std::string tail = u8(p.substr(p.size() > 40 ? p.size() - 40 : 0));
  size_t sp = tail.find_last_of(" \t");
  std::string word = sp == std::string::npos ? tail : tail.substr(sp + 1);
  if (word.find("://") != std::string::npos || word.find("www.") != std::string::npos || word.find('@') != std::string::npos)
    return false;
  static const std::u32string continuing = U"，,、；;：:。.！!？?）)」』”’》〉";
  bool comma = end == U'，' || end == U',' || end == U'、';
  bool prose = p.size() >= 16 && p.find_first_of(U"，,。、；：？！") != std::u32string::npos;
  if (!comma && !prose) return false;
  if (continuing.find(n.front()) != std::u32string::npos) return true;
  return !opens_paragraph(next.text) && !match_start("[\\p{Han}]{1,10}?(?:社|报|网|台)[\\p{Han}]{0,8}?(?:\\d{1,2}月\\d{1,2}日)?(?:电|讯)", next.text);
}

void join(Unit& prev, const Unit& next) {
  std::u32string a = u32(prev.text), b = u32(next.text);
  if (latin_edge(a.back()) && latin_edge(b.front())) prev.text += ' ';
  size_t shift = prev.text.size();
  for (auto [at, line] : next.line_at) prev.line_at.push_back({at + shift, line});
  prev.text += next.text;
  prev.last_line = next.last_line;
}

void flag_words(const Unit& u, ImportedIssue& issue) {
  std::u32string t = u32(u.text);
  size_t bytes = 0;  // byte offset of t[i] in u.text, for the line
  std::vector<size_t> offset(t.size() + 1, 0);
  for (size_t i = 0; i < t.size(); ++i) offset[i + 1] = bytes += u8(t.substr(i, 1)).size();
  for (size_t i = 0; i < t.size();) {
    if (!latin_letter(t[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool lower = true;
    while (j < t.size() && latin_letter(t[j])) lower = lower && t[j] >= U'a', ++j;
    // Neighbours past spaces: Chinese on both sides makes it a stray word.
    size_t a = i, b = j;
    while (a > 0 && t[a - 1] == U' ') --a;
    while (b < t.size() && t[b] == U' ') ++b;
    bool han_before = a > 0 && cjk(t[a - 1]), han_after = b < t.size() && cjk(t[b]);
    if (lower && j - i >= 2 && han_before && han_after && (is_han(t[a - 1]) || is_han(t[b])))
      issue.notes.push_back({ImportNote::Flag, u.line_of(offset[i]),
                             "stray Latin word '" + u8(t.substr(i, j - i)) + "' inside Chinese text (left as typed): …" +
                                 u8(t.substr(a > 6 ? a - 6 : 0, std::min<size_t>(a, 6))) + u8(t.substr(a, b - a)) +
                                 u8(t.substr(b, 6)) + "…"});
    i = j;
  }
}

}  // namespace

void repair(std::vector<Unit>& body, const std::string& story, ImportedIssue& issue) {
  for (size_t i = 1; i < body.size();) {
    if (!broken(body[i - 1], body[i])) {
      ++i;
      continue;
    }
    issue.notes.push_back({ImportNote::Repair, body[i - 1].last_line,
                           "joined line " + std::to_string(body[i - 1].last_line) + " to line " +
                               std::to_string(body[i].line) + " (a paragraph broken mid-sentence) in “" + story +
                               "”: …" + u8(edge(body[i - 1].text, true)) + "|" + u8(edge(body[i].text, false)) + "…"});
    join(body[i - 1], body[i]);
    body.erase(body.begin() + static_cast<long>(i));
  }
  for (const Unit& u : body) flag_words(u, issue);
}

int count_halfwidth(std::string_view text) {
  std::u32string t = u32(text);
  int n = 0;
  static const std::u32string half = U",:;()!?";
  for (size_t i = 0; i < t.size(); ++i) {
    if (half.find(t[i]) == std::u32string::npos) continue;
    bool before = i > 0 && cjk(t[i - 1]), after = i + 1 < t.size() && cjk(t[i + 1]);
    n += before || after;
  }
  return n;
}

}  // namespace paiban::import
