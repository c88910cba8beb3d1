// calendar.h — the dates and numbers printed under the masthead.
//
// A daily's masthead carries the civil date (2024年5月7日), the weekday
// (星期二), the Chinese lunar date (甲辰年三月廿九), the CN serial code
// (CN14—0031) and the running issue number (第9033期); folios and page plans
// use Chinese numerals (今日四版, 第十二版). This stage computes all of them
// from the issue's date so that none is typed by hand, and validates what
// the editor does type (the CN code, the issue number).
//
// Everything here is a pure function of its arguments. The lunar date comes
// from ICU's Chinese calendar, never from a table copied into the source.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paiban {

// A proleptic Gregorian civil date, as printed on the paper.
//
// Kept a plain aggregate so that `Date{2024, 5, 7}` reads like the date it
// is; `valid()` says whether the three fields name a real day. Ordering is
// field by field, which is chronological for valid dates.
struct Date {
  int year = 0;   // 1..9999
  int month = 0;  // 1..12
  int day = 0;    // 1..31, bounded by the month

  // Parses exactly "YYYY-MM-DD" (the form of the issue folders and of TOML
  // dates). Returns nullopt, with the reason in *why if given, for any
  // other form or for a day that does not exist (2023-02-29).
  static std::optional<Date> parse(std::string_view text,
                                   std::string* why = nullptr);

  bool valid() const;

  // ISO weekday: 1 = Monday … 7 = Sunday. ISO rather than 0 = Sunday
  // because 星期一…星期日 count the same way. 0 for an invalid date.
  int weekday() const;

  // The date `days` days later (earlier when negative). The result is
  // valid unless it leaves the years 1..9999; `*this` must be valid.
  Date plus_days(int days) const;

  // "2024-05-07": the form used in messages and folder names.
  std::string iso() const;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Signed count of days from `from` to `to` (positive when `to` is later);
// days_between(d, d.plus_days(n)) == n. Both dates must be valid.
int days_between(Date from, Date to);

// Masthead date line: "2024年5月7日", without leading zeros as newspapers
// print it. Empty for an invalid date.
std::string date_zh(Date date);

// "星期一" … "星期六", "星期日" (never the colloquial 星期天, which a
// masthead does not use). Empty for an invalid date.
std::string weekday_zh(Date date);

// ---------------------------------------------------------------------------
// Lunar date

// The Chinese lunar date of a civil day, in numbers and in the words a
// masthead prints. The parts are kept apart because some papers set the
// year on its own line or add 农历 before the month.
struct LunarDate {
  int cycle_year = 0;  // 1..60 in the sexagenary cycle, 1 = 甲子 (ICU YEAR)
  int month = 0;       // 1..12, the number of the month it repeats if leap
  bool leap = false;   // 闰月
  int day = 0;         // 1..30

  std::string year_zh;   // stem-branch year: "甲辰"
  std::string month_zh;  // "正月", "二月" … "十一月", "腊月"; "闰二月"
  std::string day_zh;    // "初一" … "初十", "十一" … "二十", "廿一" … "三十"

  // "甲辰年三月廿九".
  std::string text() const;
};

// Computes the lunar date with ICU's Chinese calendar (locale
// zh_CN@calendar=chinese, time zone Asia/Shanghai). The instant handed to
// ICU is local noon of the civil day, so that no time-zone offset can move
// it to a neighbouring day. The numbers come from the Calendar fields
// (YEAR, MONTH, IS_LEAP_MONTH, DATE) and the words are composed here rather
// than by ICU's date formatter: the masthead needs the parts separately,
// and the style (正月, 腊月, 廿九) must not change with CLDR data. The words
// are those ICU 72's formatter writes for "U年MMMd" with d=hanidays, which
// the tests check day by day over decades.
//
// Returns nullopt, with the reason in *why, for an invalid date or if ICU
// fails (missing calendar data).
std::optional<LunarDate> lunar_date(Date date, std::string* why = nullptr);

// lunar_date(date)->text(), e.g. "甲辰年三月廿九"; empty on failure.
std::string lunar_date_zh(Date date);

// ---------------------------------------------------------------------------
// Chinese numerals

// Chinese numeral for 0..9999 in the style of newspaper page counts and
// page numbers: 四, 十, 十二, 二十, 二十四, 一百零八, 一百一十, 一千零一十.
// A leading 一十 is written 十 (十二, not 一十二), as in 第十二版; inner
// runs of zeros are one 零; 二 is used throughout (二千, not 两千). Empty
// outside 0..9999, so that an impossible page count never prints.
std::string chinese_numeral(int n);

// "今日四版" for the page count in the masthead ear. Empty unless 1..9999.
std::string page_count_zh(int pages);

// "第十二版" for a page number spelled out. Empty unless 1..9999.
std::string page_number_zh(int page);

// ---------------------------------------------------------------------------
// CN code (国内统一连续出版物号, GB/T 9999.1)

// A CN code split into its parts: "CN14-0031" or, for periodicals, with a
// classification "CN11-1399/G4". Kept as strings because the leading zeros
// are part of the code.
struct CnCode {
  std::string region;          // two digits: GB/T 2260 province code, or 10
  std::string serial;          // four digits; 0001..0999 are newspapers
  std::string classification;  // 中图法 class after "/", e.g. "F", "G4";
                               // empty for newspapers, which carry none

  // The code as printed, with `dash` between region and serial. Mastheads
  // set an em dash ("CN14—0031"), hence the default; pass "-" for the
  // plain ASCII form of the standard.
  std::string text(const std::string& dash = "\u2014") const;

  // Serials 0001..0999 are reserved for newspapers (1000..5999 print
  // periodicals, 6000.. online and electronic serials).
  bool newspaper_serial() const;

  friend bool operator==(const CnCode&, const CnCode&) = default;
};

// Parses and validates a CN code as editors type it: "CN", an optional
// space, two digits of region, a dash, four digits of serial, and an
// optional "/" with a classification. The dash may be "-", "－" (U+FF0D),
// "—" (U+2014) or "–" (U+2013), since all four reach the issue files from
// word processors; text() then prints the one the style asks for.
// Rejected, with the reason in *why: a wrong or lower-case prefix, a
// region that is not two digits or not a province code, a missing dash, a
// serial that is not four digits or is 0000, a malformed classification,
// and anything trailing.
std::optional<CnCode> parse_cn(std::string_view text,
                               std::string* why = nullptr);

// ---------------------------------------------------------------------------
// Issue number (总期号)

// The running number of a daily's issue on `date`, counted from a known
// issue (`ref_number` appeared on `ref_date`): one issue a day, except on
// the `no_issue_dates` (holidays without a paper). Works in both
// directions. Returns 0, which no issue carries, if `date` or `ref_date` is
// invalid or is itself a day without an issue, or if a listed date is
// invalid. Duplicates in the list count once.
int issue_number_for(Date date, Date ref_date, int ref_number,
                     const std::vector<Date>& no_issue_dates);

// Checks the number an editor typed against the count above: empty when
// `number` is the issue number of `date`, otherwise a sentence saying what
// was expected and why, for the error report.
std::string check_issue_number(int number, Date date, Date ref_date,
                               int ref_number,
                               const std::vector<Date>& no_issue_dates);

}  // namespace paiban
