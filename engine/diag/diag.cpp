#include "diag/diag.h"

#include <fstream>
#include <sstream>

#include "diag/json.h"

namespace paiban {

InputError::InputError(const std::string& file, int line, const std::string& what)
    : std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + what),
      file_(file),
      line_(line) {}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "cannot read file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string format_notice(const Notice& n) {
  std::string s;
  if (!n.file.empty()) s += n.file + (n.line > 0 ? ":" + std::to_string(n.line) : "") + ": ";
  s += n.level == Notice::Error ? "error: " : "warning: ";
  if (!n.article.empty()) s += "article '" + n.article + "'";
  if (n.paragraph > 0) s += ", paragraph " + std::to_string(n.paragraph);
  if (!n.article.empty()) s += ": ";
  return s + n.what;
}

Json notice_json(const Notice& n) {
  return Json{{"level", n.level == Notice::Error ? "error" : "warning"},
              {"article", n.article},
              {"paragraph", n.paragraph},
              {"file", n.file},
              {"line", n.line},
              {"message", n.what}};
}

std::string dump_json(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace paiban
