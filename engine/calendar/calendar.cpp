// calendar.cpp — civil dates, the ICU lunar date, Chinese numerals, CN
// codes and issue numbers. See calendar.h for the why of each function.
#include "calendar/calendar.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>

namespace paiban {

namespace {

namespace chr = std::chrono;

chr::year_month_day to_ymd(Date d) {
  return chr::year_month_day{chr::year{d.year},
                             chr::month{static_cast<unsigned>(d.month)},
                             chr::day{static_cast<unsigned>(d.day)}};
}

// Days since 1970-01-01; the one place civil-day arithmetic happens.
long long serial_day(Date d) {
  return chr::sys_days{to_ymd(d)}.time_since_epoch().count();
}

Date from_serial_day(long long n) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{n}}};
  return Date{static_cast<int>(ymd.year()),
              static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void set_why(std::string* why, std::string text) {
  if (why) *why = std::move(text);
}

// "\"text\"", built by appending: `"\"" + std::string` trips a false
// -Wrestrict in GCC 12 at -O3.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  out.append(text).append("\"");
  return out;
}

constexpr std::array<const char*, 10> kDigits = {
    "零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

}  // namespace

// ---------------------------------------------------------------------------
// Date

std::optional<Date> Date::parse(std::string_view text, std::string* why) {
  const std::string shown = quoted(text);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    set_why(why, shown + " is not a date of the form YYYY-MM-DD");
    return std::nullopt;
  }
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!is_digit(text[i])) {
      set_why(why, shown + " is not a date of the form YYYY-MM-DD");
      return std::nullopt;
    }
  }
  auto number = [&](std::size_t at, std::size_t len) {
    int n = 0;
    for (std::size_t i = at; i < at + len; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  const Date d{number(0, 4), number(5, 2), number(8, 2)};
  if (!d.valid()) {
    set_why(why, shown + " is not a day of the calendar");
    return std::nullopt;
  }
  return d;
}

bool Date::valid() const {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
         day >= 1 && day <= 31 && to_ymd(*this).ok();
}

int Date::weekday() const {
  if (!valid()) return 0;
  return static_cast<int>(
      chr::weekday{chr::sys_days{to_ymd(*this)}}.iso_encoding());
}

Date Date::plus_days(int days) const {
  return from_serial_day(serial_day(*this) + days);
}

std::string Date::iso() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int days_between(Date from, Date to) {
  return static_cast<int>(serial_day(to) - serial_day(from));
}

std::string date_zh(Date date) {
  if (!date.valid()) return {};
  return std::to_string(date.year) + "年" + std::to_string(date.month) +
         "月" + std::to_string(date.day) + "日";
}

std::string weekday_zh(Date date) {
  static constexpr std::array<const char*, 7> kNames = {
      "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
  const int w = date.weekday();
  return w == 0 ? std::string() : std::string(kNames[w - 1]);
}

// ---------------------------------------------------------------------------
// Lunar date

namespace {

// Year 1 of ICU's 60-year cycle is 甲子; stems repeat every 10, branches
// every 12.
std::string stem_branch(int cycle_year) {
  static constexpr std::array<const char*, 10> kStems = {
      "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
  static constexpr std::array<const char*, 12> kBranches = {
      "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
  const int i = cycle_year - 1;
  return std::string(kStems[i % 10]) + kBranches[i % 12];
}

// The month names ICU 72 writes in zh (format, abbreviated and wide).
std::string month_name(int month, bool leap) {
  static constexpr std::array<const char*, 12> kMonths = {
      "正月", "二月", "三月", "四月", "五月",   "六月",
      "七月", "八月", "九月", "十月", "十一月", "腊月"};
  return std::string(leap ? "闰" : "") + kMonths[month - 1];
}

// The day names of ICU's "hanidays" numbering: 初一…初十, 十一…二十,
// 廿一…廿九, 三十.
std::string day_name(int day) {
  if (day <= 10) return std::string("初") + (day == 10 ? "十" : kDigits[day]);
  if (day < 20) return std::string("十") + kDigits[day - 10];
  if (day == 20) return "二十";
  if (day < 30) return std::string("廿") + kDigits[day - 20];
  return "三十";
}

}  // namespace

std::string LunarDate::text() const {
  return year_zh + "年" + month_zh + day_zh;
}

std::optional<LunarDate> lunar_date(Date date, std::string* why) {
  if (!date.valid()) {
    set_why(why, quoted(date.iso()) + " is not a day of the calendar");
    return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(
      icu::TimeZone::createTimeZone("Asia/Shanghai"),  // adopted by ICU
      icu::Locale("zh_CN@calendar=chinese"), status));
  if (U_FAILURE(status) || !cal ||
      std::string_view(cal->getType()) != "chinese") {
    set_why(why, std::string("ICU has no Chinese calendar: ") +
                     u_errorName(status));
    return std::nullopt;
  }
  // Local noon in China Standard Time (UTC+8) is 04:00 UTC. Under the
  // daylight time of 1986-1991 or the local mean time before 1901 it is
  // still within the same civil day, which is all the lunar date needs.
  const double ms_per_day = 86400000.0;
  const UDate noon =
      static_cast<double>(serial_day(date)) * ms_per_day + 4 * 3600000.0;
  cal->setTime(noon, status);
  const int cycle_year = cal->get(UCAL_YEAR, status);
  const int month = cal->get(UCAL_MONTH, status) + 1;
  const bool leap = cal->get(UCAL_IS_LEAP_MONTH, status) != 0;
  const int day = cal->get(UCAL_DATE, status);
  if (U_FAILURE(status) || cycle_year < 1 || cycle_year > 60 || month < 1 ||
      month > 12 || day < 1 || day > 30) {
    set_why(why, "ICU could not compute the lunar date of " + date.iso() +
                     ": " + u_errorName(status));
    return std::nullopt;
  }
  return LunarDate{cycle_year, month, leap, day, stem_branch(cycle_year),
                   month_name(month, leap), day_name(day)};
}

std::string lunar_date_zh(Date date) {
  const auto l = lunar_date(date);
  return l ? l->text() : std::string();
}

// ---------------------------------------------------------------------------
// Chinese numerals

std::string chinese_numeral(int n) {
  if (n < 0 || n > 9999) return {};
  if (n == 0) return kDigits[0];
  static constexpr std::array<const char*, 4> kUnits = {"", "十", "百", "千"};
  const std::array<int, 4> digits = {n % 10, n / 10 % 10, n / 100 % 10,
                                     n / 1000};
  std::string out;
  bool started = false;  // a nonzero digit has been written
  bool zero = false;     // zeros seen since the last nonzero digit
  for (int pos = 3; pos >= 0; --pos) {
    const int d = digits[pos];
    if (d == 0) {
      zero = started;
      continue;
    }
    if (zero) out += kDigits[0];
    zero = false;
    // 十二, not 一十二, when the number starts in the tens.
    if (!(pos == 1 && d == 1 && !started)) out += kDigits[d];
    out += kUnits[pos];
    started = true;
  }
  return out;
}

std::string page_count_zh(int pages) {
  if (pages < 1 || pages > 9999) return {};
  return "今日" + chinese_numeral(pages) + "版";
}

std::string page_number_zh(int page) {
  if (page < 1 || page > 9999) return {};
  return "第" + chinese_numeral(page) + "版";
}

// ---------------------------------------------------------------------------
// CN code

namespace {

// First two digits of the GB/T 2260 province codes, as GB/T 9999.1 uses
// them, plus 10, which Beijing took when 11 ran out.
bool known_region(std::string_view r) {
  static constexpr std::array<std::string_view, 32> kRegions = {
      "10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
      "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46",
      "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"};
  return std::find(kRegions.begin(), kRegions.end(), r) != kRegions.end();
}

// Main classes of the Chinese Library Classification (中图法); periodicals
// in G, O and T add a second character (G4, O4, TP).
bool known_class(char c) {
  return std::string_view("ABCDEFGHIJKNOPQRSTUVXZ").find(c) !=
         std::string_view::npos;
}

// Length of the dash at the start of `s`, or 0 if there is none.
std::size_t dash_length(std::string_view s) {
  for (std::string_view dash : {"-", "\uFF0D", "\u2014", "\u2013"}) {
    if (s.starts_with(dash)) return dash.size();
  }
  return 0;
}

}  // namespace

std::string CnCode::text(const std::string& dash) const {
  std::string out = "CN" + region + dash + serial;
  if (!classification.empty()) out += "/" + classification;
  return out;
}

bool CnCode::newspaper_serial() const {
  return serial.size() == 4 && serial >= "0001" && serial <= "0999";
}

std::optional<CnCode> parse_cn(std::string_view text, std::string* why) {
  const std::string shown = "CN code " + quoted(text);
  auto fail = [&](const std::string& reason) -> std::optional<CnCode> {
    set_why(why, shown + ": " + reason);
    return std::nullopt;
  };
  std::string_view s = text;
  if (!s.starts_with("CN")) {
    if (s.size() >= 2 && (s[0] == 'c' || s[0] == 'C') &&
        (s[1] == 'n' || s[1] == 'N'))
      return fail("the prefix is written \"CN\", in capitals");
    return fail("must start with \"CN\"");
  }
  s.remove_prefix(2);
  if (s.starts_with(" ")) s.remove_prefix(1);

  CnCode code;
  std::size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n == 6)  // "CN140031": the digits are right, the dash is missing
    return fail("a dash must separate the region from the serial");
  if (n != 2) return fail("the region code after CN must be two digits");
  code.region = std::string(s.substr(0, 2));
  if (!known_region(code.region))
    return fail("region " + code.region +
                " is not a province code of GB/T 2260");
  s.remove_prefix(2);

  const std::size_t dash = dash_length(s);
  if (dash == 0)
    return fail("a dash must separate the region from the serial");
  s.remove_prefix(dash);

  n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n != 4) return fail("the serial after the dash must be four digits");
  code.serial = std::string(s.substr(0, 4));
  if (code.serial == "0000") return fail("serial 0000 is never assigned");
  s.remove_prefix(4);

  if (s.starts_with("/")) {
    s.remove_prefix(1);
    n = 0;
    while (n < s.size() && n < 2 &&
           ((s[n] >= 'A' && s[n] <= 'Z') || (n == 1 && is_digit(s[n]))))
      ++n;
    if (n == 0 || !known_class(s[0]))
      return fail("the classification after \"/\" must start with a class "
                  "letter of the Chinese Library Classification");
    code.classification = std::string(s.substr(0, n));
    s.remove_prefix(n);
  }
  if (!s.empty())
    return fail("unexpected " + quoted(s) + " after the code");
  return code;
}

// ---------------------------------------------------------------------------
// Issue number

namespace {

std::optional<int> count_issue(Date date, Date ref_date, int ref_number,
                               const std::vector<Date>& no_issue_dates,
                               std::string* why) {
  for (Date d : {date, ref_date}) {
    if (!d.valid()) {
      set_why(why, quoted(d.iso()) + " is not a day of the calendar");
      return std::nullopt;
    }
  }
  std::vector<Date> skipped = no_issue_dates;
  std::sort(skipped.begin(), skipped.end());
  skipped.erase(std::unique(skipped.begin(), skipped.end()), skipped.end());
  for (Date d : skipped) {
    if (!d.valid()) {
      set_why(why, "the date without an issue " + quoted(d.iso()) +
                       " is not a day of the calendar");
      return std::nullopt;
    }
    if (d == date || d == ref_date) {
      set_why(why, d.iso() + " is listed as a day without an issue");
      return std::nullopt;
    }
  }
  // Issues strictly after the earlier date, up to and including the later.
  const Date lo = std::min(date, ref_date);
  const Date hi = std::max(date, ref_date);
  const auto missing = std::count_if(
      skipped.begin(), skipped.end(),
      [&](Date d) { return lo < d && d < hi; });
  const int issues = days_between(lo, hi) - static_cast<int>(missing);
  return date >= ref_date ? ref_number + issues : ref_number - issues;
}

}  // namespace

int issue_number_for(Date date, Date ref_date, int ref_number,
                     const std::vector<Date>& no_issue_dates) {
  return count_issue(date, ref_date, ref_number, no_issue_dates, nullptr)
      .value_or(0);
}

std::string check_issue_number(int number, Date date, Date ref_date,
                               int ref_number,
                               const std::vector<Date>& no_issue_dates) {
  std::string why;
  const auto expected =
      count_issue(date, ref_date, ref_number, no_issue_dates, &why);
  if (!expected) return "cannot check issue number " +
                        std::to_string(number) + ": " + why;
  if (*expected == number) return {};
  return "issue of " + date.iso() + " is numbered " + std::to_string(number) +
         ", but counting from No. " + std::to_string(ref_number) + " of " +
         ref_date.iso() + " it is No. " + std::to_string(*expected);
}

}  // namespace paiban
