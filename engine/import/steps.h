// steps.h — the steps of the import stage and what they hand each other.
// Private to engine/import; the public face is import.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/import.h"

namespace paiban::import {

// ---- decode.cpp: bytes → UTF-8 text with LF line ends
struct Decoded {
  std::string text;
  std::string encoding;
  int confidence = 100;
  bool guessed = false;
};
Decoded decode(const std::string& bytes, const std::string& source, const std::string& forced);

// ---- segment.cpp: text → lines → units (paragraph candidates)
struct Line {
  std::string text;  // without the line end
  int number = 0;    // 1-based
};
std::vector<Line> split_lines(const std::string& text);

struct Unit {
  enum Kind { Text, Heading, Bold } kind = Text;
  int level = 0;     // Heading: number of #
  std::string text;  // markup (# and the ** around a whole line) removed, trimmed
  int line = 0, last_line = 0;
  bool indented = false;  // opened with full-width spaces or 2+ spaces
  // Where each input line starts in `text` (for naming the line of a flag).
  std::vector<std::pair<size_t, int>> line_at;
  int line_of(size_t offset) const;
};
// Paragraph units of lines[from..]: blank lines or indents separate
// paragraphs; hard-wrapped lines of prose join.
std::vector<Unit> segment(const std::vector<Line>& lines, size_t from);
// A line that could be a title, kicker, subtitle or banner: short, and not
// a sentence (no full stop inside or at its end, not a bracketed note).
bool headline_shape(const std::string& s);

// ---- masthead.cpp: the masthead lines at the top of the copy
// Fills the paper fields of `issue`; returns the index of the first line after the masthead.
size_t read_masthead(const std::vector<Line>& lines, ImportedIssue& issue);

// ---- recognise.cpp: units → stories with their headline parts
void recognise(const std::vector<Unit>& units, ImportedIssue& issue);
// A photo caption ending in its credit ("… 赵福胜 摄"): caption and credit.
bool is_caption(const std::string& s, std::string* caption, std::string* credit);

// ---- repair.cpp: joins, flags and counts, each noted in issue.notes
void repair(std::vector<Unit>& body, const std::string& story, ImportedIssue& issue);
int count_halfwidth(std::string_view text);

// ---- name.cpp: article ids from titles in pinyin
void name_articles(ImportedIssue& issue);

// ---- account.cpp: nothing dropped, nothing doubled
// The non-space characters of the copy that must reach the articles.
std::u32string copy_text(const std::vector<Unit>& units);
void check_accounted(const ImportedIssue& issue, const std::u32string& expected);

// ---- text helpers (segment.cpp)
std::u32string u32(std::string_view s);
std::string u8(std::u32string_view s);
bool is_han(char32_t c);
bool is_space(char32_t c);  // ASCII and Unicode spaces, U+3000 included
std::string trim(std::string_view s);  // spaces at both ends, full-width ones too
size_t length(std::string_view s);     // code points
// Whole-string match / match at the start with an ICU regular expression;
// groups[0] is the whole match.
bool match(const char* pattern, const std::string& s, std::vector<std::string>* groups = nullptr);
bool match_start(const char* pattern, const std::string& s, std::vector<std::string>* groups = nullptr);
// Finds the pattern anywhere in s, fills groups, and cuts the match out of s
// (leaving a space), so that what no pattern takes is left over.
bool take(const char* pattern, std::string& s, std::vector<std::string>* groups = nullptr);

}  // namespace paiban::import
