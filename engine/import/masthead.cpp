// masthead.cpp — the masthead lines at the head of a day's copy: the paper's
// name, the sponsor (主办/机关报), publisher, CN code, date, weekday, lunar
// date, issue number and page count. The weekday and lunar date are only
// printed, never trusted: they are checked against engine/calendar.
#include "calendar/calendar.h"
#include "import/steps.h"

namespace paiban::import {
namespace {

int chinese_count(const std::string& s) {
  if (match("\\d+", s)) return std::stoi(s);
  static const std::u32string digits = U"零一二三四五六七八九";
  int total = 0, current = 0;
  for (char32_t c : u32(s)) {
    size_t d = digits.find(c);
    if (c == U'〇') d = 0;
    if (d != std::u32string::npos) current = static_cast<int>(d);
    else if (c == U'十') total += (current ? current : 1) * 10, current = 0;
    else if (c == U'百') total += (current ? current : 1) * 100, current = 0;
  }
  return total + current;
}

struct MastheadLine {
  ImportedIssue& issue;
  int number;
  std::string rest;
  bool any = false;
  std::string weekday, lunar;  // as printed, checked once the date is known

  bool take_into(const char* pattern, std::string* field, int group = 1) {
    std::vector<std::string> g;
    if (!take(pattern, rest, &g)) return false;
    if (field && field->empty()) *field = trim(g[static_cast<size_t>(group)]);
    any = true;
    return true;
  }

  void read() {
    std::vector<std::string> g;
    if (take("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日", rest, &g)) {
      char iso[16];
      std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", std::stoi(g[1]), std::stoi(g[2]), std::stoi(g[3]));
      if (issue.date.empty()) issue.date = iso;
      any = true;
    }
    take_into("((?:星期|礼拜)[一二三四五六日天])", &weekday);
    take_into("农历\\s*((?:[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年)?\\s*(?:闰?[正一二三四五六七八九十冬腊]{1,2}月)?"
              "\\s*(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十)?)",
              &lunar);
    std::string num, pages;
    if (take_into("总?第\\s*(\\d+)\\s*[期号]", &num) && issue.number == 0) issue.number = std::stoi(num);
    if (take_into("(?:今日|本期|本报今日|共)\\s*([一二三四五六七八九十百零〇\\d]+)\\s*版", &pages) && issue.pages == 0) {
      issue.pages = chinese_count(pages);
      issue.pages_line = number;
    }
    take_into("(?:国内统一连续出版物号|国内统一刊号)?\\s*[:：]?\\s*(CN\\s*\\d{2}\\s*[-—–－]\\s*\\d{4}(?:/[A-Z0-9.]+)?)", &issue.cn);
    take_into("(?:国际标准连续出版物号)?\\s*[:：]?\\s*(ISSN\\s*\\d{4}-\\d{3}[\\dX])", nullptr);
    take_into("(邮发代号\\s*[:：]?\\s*\\d+-\\d+)", nullptr);
    take_into("主办(?:单位)?\\s*[:：]\\s*(\\S+)", &issue.sponsor);
    take_into("([\\p{Han}（）()]{2,30}(?:机关报|主办))", &issue.sponsor);
    take_into("([\\p{Han}]{2,20}出版)", &issue.publisher);
  }
};

void check_printed(const MastheadLine& m, ImportedIssue& issue) {
  auto date = Date::parse(issue.date);
  if (!date) return;
  if (!m.weekday.empty()) {
    std::string printed = m.weekday;
    if (printed.size() >= 3 && printed.substr(printed.size() - 3) == "天") printed.replace(printed.size() - 3, 3, "日");
    if (printed.substr(printed.size() - 3) != weekday_zh(*date).substr(weekday_zh(*date).size() - 3))
      issue.notes.push_back({ImportNote::Warning, m.number,
                             "the masthead prints " + m.weekday + " but " + issue.date + " is " + weekday_zh(*date)});
  }
  if (!m.lunar.empty()) {
    std::string computed = lunar_date_zh(*date);
    std::string printed;
    for (char32_t c : u32(m.lunar))
      if (!is_space(c)) printed += u8(std::u32string(1, c));
    bool ok = computed.size() >= printed.size() && computed.compare(computed.size() - printed.size(), printed.size(), printed) == 0;
    if (!ok)
      issue.notes.push_back({ImportNote::Warning, m.number,
                             "the masthead prints 农历" + m.lunar + " but " + issue.date + " is 农历" + computed});
  }
}

}  // namespace

size_t read_masthead(const std::vector<Line>& lines, ImportedIssue& issue) {
  size_t i = 0;
  while (i < lines.size() && trim(lines[i].text).empty()) ++i;
  if (i == lines.size()) return i;
  std::vector<std::string> g;
  std::string first = trim(lines[i].text);
  if (match("#[ \\t]+(.+?)[ \\t#]*", first, &g) || match("([\\p{Han}·]{2,12}报)", first, &g)) {
    issue.name = trim(g[1]);
    ++i;
  }
  size_t end = i;
  for (size_t j = i; j < lines.size(); ++j) {
    std::string text = trim(lines[j].text);
    if (text.empty()) continue;
    if (length(text) > 80 || text.find("。") != std::string::npos || text[0] == '#') break;
    MastheadLine m{issue, lines[j].number, text, false, {}, {}};
    m.read();
    if (!m.any) break;
    check_printed(m, issue);
    std::string left;
    for (char32_t c : u32(m.rest))
      if (!is_space(c) && std::u32string(U"|｜·•:：,，").find(c) == std::u32string::npos) left += u8(std::u32string(1, c));
    if (!left.empty())
      issue.notes.push_back({ImportNote::Warning, m.number, "masthead text not used: " + left});
    end = j + 1;
  }
  // A first line that is neither a paper's name nor followed by masthead
  // lines is copy (a file of one page's stories has no masthead).
  if (end == i && !issue.name.empty() && !match(".*报", issue.name)) {
    issue.name.clear();
    return i - 1;
  }
  if (!issue.cn.empty()) {
    std::string why;
    if (!parse_cn(issue.cn, &why)) issue.notes.push_back({ImportNote::Warning, 0, "CN code " + issue.cn + ": " + why});
  }
  return end;
}

}  // namespace paiban::import
