// account.cpp — nothing dropped, nothing doubled: every character of the copy
// (masthead furniture and Markdown markup aside, whitespace not counted) must
// be in exactly one written article. The articles are read back with the
// engine's own parser, so that escaping and front matter are checked too.
#include <map>
#include <stdexcept>

#include "import/steps.h"
#include "model/issue.h"

namespace paiban::import {
namespace {

void add(std::map<char32_t, long>& count, const std::string& s, int sign) {
  for (char32_t c : u32(s))
    if (!is_space(c)) count[c] += sign;
}

}  // namespace

std::u32string copy_text(const std::vector<Unit>& units) {
  std::u32string all;
  for (const Unit& u : units) {
    std::string t = u.text;
    // The copy's inline bold markers are markup, as the article parser reads them.
    std::vector<std::string> g;
    while (take("\\*\\*([^*\\n]+)\\*\\*", t, &g)) t += g[1];
    for (char32_t c : u32(t))
      if (!is_space(c)) all += c;
  }
  return all;
}

void check_accounted(const ImportedIssue& issue, const std::u32string& expected) {
  std::map<char32_t, long> count;
  for (char32_t c : expected) ++count[c];
  for (const ImportedArticle& ia : issue.articles) {
    Article a = parse_article(ia.id, ia.id + ".md", article_markdown(ia));
    if (ia.placeholder_title) add(count, a.title, +1);
    for (const std::string* f : {&a.section, &a.kicker, &a.title, &a.subtitle, &a.byline, &a.dateline, &a.credit})
      add(count, *f, -1);
    for (const Block& b : a.blocks)
      for (const Span& s : b.spans) add(count, s.text, -1);
  }
  std::string lost, extra;
  for (auto [c, n] : count) {
    if (n > 0) lost += u8(std::u32string(1, c)) + "×" + std::to_string(n) + " ";
    if (n < 0) extra += u8(std::u32string(1, c)) + "×" + std::to_string(-n) + " ";
  }
  if (!lost.empty() || !extra.empty())
    throw std::logic_error("import of " + issue.source + " does not account for every character of the copy: " +
                           (lost.empty() ? "" : "missing " + lost) + (extra.empty() ? "" : "added " + extra) +
                           "(a bug in paiban import; nothing was written)");
}

}  // namespace paiban::import
