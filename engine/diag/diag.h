// Diagnostics: what every stage tells the editor. The error that stops a build
// (naming file:line), reading input files, and the notices a build collects
// (overset text, a missing glyph, a bent rule, a preflight failure), with their
// wording as text. JSON is in diag/json.h. Knows nothing of any stage.
#pragma once

#include <stdexcept>
#include <string>

namespace paiban {

// Every user-facing error names the file and line it comes from, so an editor
// can fix the input without reading code.
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& file, int line, const std::string& what);
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

// Reads a whole file; throws InputError if it cannot.
std::string read_file(const std::string& path);

// Something an editor must know. Stages fill in what they know of where it is:
// the article and paragraph, the input file and line, the page.
struct Notice {
  enum Level { Warning, Error } level = Warning;
  std::string article;  // id, or empty
  int paragraph = 0;    // 1-based, 0 = not about a paragraph
  std::string file;
  int line = 0;
  std::string what;
  int page = 0;  // 1-based, 0 = not about one page
};

// "file:line: error: article 'a', paragraph 3: what"
std::string format_notice(const Notice& n);

}  // namespace paiban
