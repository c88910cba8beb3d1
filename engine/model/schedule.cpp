// The issue's place in the paper's calendar: its date, and its 总期号 typed,
// checked against the schedule or computed from it.
#include "model/issue.h"

namespace paiban {
namespace {

Date parse_date(const Issue& is, const std::string& text, const char* key) {
  std::string why;
  auto d = Date::parse(text, &why);
  if (!d) throw InputError(is.file, is.line(key), "bad date '" + text + "': " + why);
  return *d;
}

}  // namespace

Date issue_date(const Issue& is) { return parse_date(is, is.date, "date"); }

int resolve_issue_number(const Issue& is) {
  const Schedule& s = is.paper.schedule;
  if (s.reference_date.empty()) {
    if (is.number <= 0)
      throw InputError(is.file, is.line("date"), "[issue] needs 'number', or [paper.schedule] a reference issue");
    return is.number;
  }
  Date date = parse_date(is, is.date, "date");
  Date ref = parse_date(is, s.reference_date, "reference");
  std::vector<Date> skip;
  for (const std::string& d : s.no_issue) skip.push_back(parse_date(is, d, "reference"));
  int computed = issue_number_for(date, ref, s.reference_number, skip);
  if (computed <= 0)
    throw InputError(is.file, is.line("date"), is.date + " has no issue in the paper's schedule");
  if (is.number > 0) {
    std::string why = check_issue_number(is.number, date, ref, s.reference_number, skip);
    if (!why.empty()) throw InputError(is.file, is.line("number"), why);
  }
  return computed;
}

}  // namespace paiban
