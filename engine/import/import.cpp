// import.cpp — the import stage in order: decode, masthead, segment,
// recognise (with repairs), name, account. Writing is write.cpp's.
#include "import/import.h"

#include "calendar/calendar.h"
#include "import/steps.h"
#include "model/issue.h"

namespace paiban {

ImportedIssue import_copy(const std::string& bytes, const std::string& source, const ImportOptions& options) {
  using namespace import;
  ImportedIssue issue;
  issue.source = source;
  Decoded d = decode(bytes, source, options.encoding);
  issue.encoding = d.encoding;
  issue.confidence = d.confidence;
  issue.guessed = d.guessed;
  std::vector<Line> lines = split_lines(d.text);
  size_t start = read_masthead(lines, issue);
  if (issue.date.empty())
    throw InputError(source, start < lines.size() ? lines[start].number : 0,
                     "no date (2024年5月7日) in the masthead lines at the head of the copy");
  if (!Date::parse(issue.date)) throw InputError(source, 0, "the masthead date " + issue.date + " is not a day");
  std::vector<Unit> units = segment(lines, start);
  recognise(units, issue);
  name_articles(issue);
  for (const ImportedArticle& a : issue.articles) {
    for (const std::string* f : {&a.section, &a.kicker, &a.title, &a.subtitle, &a.byline, &a.dateline, &a.caption})
      issue.halfwidth += count_halfwidth(*f);
    for (const ImportedBlock& b : a.body) issue.halfwidth += count_halfwidth(b.text);
  }
  check_accounted(issue, copy_text(units));
  return issue;
}

ImportedIssue import_file(const std::string& path, const ImportOptions& options) {
  return import_copy(read_file(path), path, options);
}

}  // namespace paiban
