// Plans back into the issue format, so an editor can take the engine's page
// and go on by hand.
#include <set>

#include "model/issue.h"
#include "plan/plan.h"

namespace paiban {

std::string page_toml(const PagePlan& p) {
  std::string s = "[[page]]\n";
  if (!p.section.empty()) s += "section = " + toml_quoted(p.section) + "\n";
  if (!p.editor.empty()) s += "editor  = " + toml_quoted(p.editor) + "\n";
  s += "grid = \"\"\"\n";
  for (const std::string& row : p.grid) s += row + "\n";
  s += "\"\"\"\n";
  if (!p.row_lines.empty()) {
    s += "rows = [";
    for (size_t i = 0; i < p.row_lines.size(); ++i) s += (i ? ", " : "") + std::to_string(p.row_lines[i]);
    s += "]\n";
  }
  s += "[page.areas]\n";
  for (const Area& a : p.areas) s += std::string(1, a.letter) + " = " + area_toml(a) + "\n";  // a span as its table
  return s;
}

std::string rewrite_issue_toml(const std::string& original, const PlannedIssue& plan) {
  // Everything before the first [[page]] line stays byte for byte.
  size_t at = 0, cut = std::string::npos;
  while (at < original.size()) {
    size_t end = original.find('\n', at);
    if (end == std::string::npos) end = original.size();
    size_t k = at;
    while (k < end && (original[k] == ' ' || original[k] == '\t')) ++k;
    if (original.compare(k, 8, "[[page]]") == 0) {
      cut = at;
      break;
    }
    at = end + 1;
  }
  std::string out = cut == std::string::npos ? original : original.substr(0, cut);
  if (!out.empty() && out.back() != '\n') out += '\n';
  if (cut == std::string::npos) out += '\n';
  out += "# Page plans written by `paiban plan --write` (automatic makeup); edit them by hand from here.\n";
  for (size_t i = 0; i < plan.issue.pages.size(); ++i) out += (i ? "\n" : "") + page_toml(plan.issue.pages[i]);
  return out;
}

}  // namespace paiban
