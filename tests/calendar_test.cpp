// Tests of engine/calendar: civil dates, lunar dates, numerals, CN codes and
// issue numbers. Each expectation was checked against ICU 72 and against a
// reference outside ICU, noted beside it.
#include "calendar/calendar.h"

#include <gtest/gtest.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <memory>
#include <string>
#include <vector>

namespace paiban {
namespace {

// --- Date ------------------------------------------------------------------

TEST(CalendarDate, ParsesValidDates) {
  struct Case { const char* text; Date want; };
  const Case cases[] = {
      {"2024-05-07", {2024, 5, 7}},
      {"2024-02-29", {2024, 2, 29}},  // 2024 is a leap year
      {"2000-02-29", {2000, 2, 29}},  // divisible by 400: leap
      {"0001-01-01", {1, 1, 1}},
      {"9999-12-31", {9999, 12, 31}},
  };
  for (const auto& c : cases) {
    std::string why;
    const auto d = Date::parse(c.text, &why);
    ASSERT_TRUE(d) << c.text << ": " << why;
    EXPECT_EQ(*d, c.want) << c.text;
    EXPECT_EQ(d->iso(), c.text);
  }
}

TEST(CalendarDate, RejectsInvalidDates) {
  const char* cases[] = {
      "2023-02-29",   // 2023 is not a leap year
      "1900-02-29",   // divisible by 100 but not 400
      "2024-04-31", "2024-13-01", "2024-00-10", "2024-05-00", "0000-01-01",
      "2024-5-7",     // no zero padding
      "2024/05/07", "20240507", "2024-05-07 ", " 2024-05-07", "2024-05-0x",
      "",
  };
  for (const char* text : cases) {
    std::string why;
    EXPECT_FALSE(Date::parse(text, &why)) << text;
    EXPECT_FALSE(why.empty()) << text;
  }
}

TEST(CalendarDate, Weekday) {
  struct Case { Date date; int iso; const char* zh; };
  const Case cases[] = {
      {{2024, 5, 7}, 2, "星期二"},
      {{2025, 1, 29}, 3, "星期三"},  // Chinese New Year 2025, a Wednesday
      {{2024, 5, 12}, 7, "星期日"},  // Sunday: 星期日, never 星期天
      {{2024, 5, 6}, 1, "星期一"},
      {{2024, 5, 11}, 6, "星期六"},
      {{1970, 1, 1}, 4, "星期四"},  // the Unix epoch was a Thursday
      {{2000, 1, 1}, 6, "星期六"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.date.weekday(), c.iso) << c.date.iso();
    EXPECT_EQ(weekday_zh(c.date), c.zh) << c.date.iso();
  }
  EXPECT_EQ(weekday_zh(Date{2023, 2, 29}), "");
}

TEST(CalendarDate, DayArithmetic) {
  struct Case { Date from, to; int days; };
  const Case cases[] = {
      {{2024, 5, 7}, {2025, 1, 29}, 267},  // 24+30+31+31+30+31+30+31+29
      {{2024, 2, 28}, {2024, 3, 1}, 2},    // across a leap day
      {{2023, 2, 28}, {2023, 3, 1}, 1},
      {{2024, 1, 1}, {2025, 1, 1}, 366},
      {{2025, 1, 1}, {2024, 1, 1}, -366},
      {{1970, 1, 1}, {2000, 1, 1}, 10957},
      {{2024, 5, 7}, {2024, 5, 7}, 0},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(days_between(c.from, c.to), c.days) << c.from.iso();
    EXPECT_EQ(c.from.plus_days(c.days), c.to) << c.from.iso();
  }
}

TEST(CalendarDate, DateLine) {
  EXPECT_EQ(date_zh({2024, 5, 7}), "2024年5月7日");
  EXPECT_EQ(date_zh({2024, 12, 31}), "2024年12月31日");
  EXPECT_EQ(date_zh({2025, 10, 1}), "2025年10月1日");
  EXPECT_EQ(date_zh({2024, 2, 30}), "");
}

// --- Lunar date --------------------------------------------------------------

// References outside ICU: the Chinese New Year dates (2023-01-22,
// 2024-02-10, 2025-01-29), and new moons from astronomical tables (UTC):
// 2023-03-21 17:23, 2023-12-12 23:32, 2024-03-10 09:00, 2024-04-08 18:21
// (the day of the total solar eclipse), 2024-05-08 03:22. A lunar month
// starts on the day of the new moon in China time (UTC+8).
TEST(CalendarLunar, KnownDates) {
  struct Case { Date date; const char* want; const char* why; };
  const Case cases[] = {
      {{2024, 5, 7}, "甲辰年三月廿九",
       "三月 began 04-09 (new moon 04-09 02:21 CST); 四月 began 05-08"},
      {{2024, 2, 10}, "甲辰年正月初一", "Chinese New Year 2024"},
      {{2024, 2, 9}, "癸卯年腊月三十", "New Year's Eve 2024, a 30-day 腊月"},
      {{2023, 3, 22}, "癸卯年闰二月初一",
       "2023's leap month follows 二月; new moon 03-22 01:23 CST"},
      {{2023, 12, 13}, "癸卯年十一月初一",
       "new moon 12-13 07:32 CST; the solstice 12-22 falls in 十一月"},
      {{2033, 12, 22}, "癸丑年闰十一月初一",
       "the '2033 problem': the leap month is 闰十一月 (GB/T 33661-2017)"},
      {{2025, 1, 28}, "甲辰年腊月廿九",
       "New Year's Eve 2025: 甲辰's 腊月 has only 29 days"},
      {{2025, 1, 29}, "乙巳年正月初一", "Chinese New Year 2025"},
      {{2024, 2, 19}, "甲辰年正月初十", "New Year + 9 days"},
      {{2024, 2, 20}, "甲辰年正月十一", "New Year + 10 days"},
      {{2024, 2, 29}, "甲辰年正月二十", "New Year + 19 days"},
      {{2024, 3, 1}, "甲辰年正月廿一", "New Year + 20 days"},
      {{2024, 3, 10}, "甲辰年二月初一", "new moon 03-10 17:00 CST"},
      {{2024, 4, 8}, "甲辰年二月三十",
       "二月 runs from 03-10 to the day before 04-09: 30 days"},
      {{2023, 1, 22}, "癸卯年正月初一", "Chinese New Year 2023"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(lunar_date_zh(c.date), c.want) << c.date.iso() << ": " << c.why;
  }
}

TEST(CalendarLunar, Parts) {
  const auto l = lunar_date({2023, 3, 22});
  ASSERT_TRUE(l);
  EXPECT_EQ(l->cycle_year, 40);  // 癸卯 is the 40th year of the cycle
  EXPECT_EQ(l->month, 2);
  EXPECT_TRUE(l->leap);
  EXPECT_EQ(l->day, 1);
  EXPECT_EQ(l->year_zh, "癸卯");
  EXPECT_EQ(l->month_zh, "闰二月");
  EXPECT_EQ(l->day_zh, "初一");

  const auto d = lunar_date({2024, 2, 9});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->month, 12);
  EXPECT_FALSE(d->leap);
  EXPECT_EQ(d->month_zh, "腊月");
  EXPECT_EQ(d->day, 30);

  std::string why;
  EXPECT_FALSE(lunar_date({2023, 2, 29}, &why));
  EXPECT_FALSE(why.empty());
  EXPECT_EQ(lunar_date_zh({2023, 2, 29}), "");
}

// The words are composed from Calendar fields (calendar.h says why); this
// checks them, day by day, against what ICU's own formatter writes.
TEST(CalendarLunar, MatchesIcuFormatterEveryDay) {
  UErrorCode status = U_ZERO_ERROR;
  icu::SimpleDateFormat fmt(icu::UnicodeString("U年MMMd"),
                            icu::UnicodeString("d=hanidays"),
                            icu::Locale("zh_CN@calendar=chinese"), status);
  ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone("Asia/Shanghai"));
  fmt.setTimeZone(*tz);
  const Date first{2000, 1, 1};
  const int days = days_between(first, Date{2040, 12, 31});
  int mismatches = 0;
  for (int i = 0; i <= days && mismatches < 5; ++i) {
    const Date d = first.plus_days(i);
    const UDate noon = (days_between({1970, 1, 1}, d) + 0.5) * 86400000.0 -
                       8 * 3600000.0;
    icu::UnicodeString out;
    std::string want;
    fmt.format(noon, out).toUTF8String(want);
    const std::string got = lunar_date_zh(d);
    if (got != want) ++mismatches;
    EXPECT_EQ(got, want) << d.iso();
  }
}

// Structure of the lunar calendar, independent of any formatter: days
// count 1..29 or 1..30, months follow in order (a leap month repeats the
// number before it), and New Year's Day falls between Jan 21 and Feb 20.
TEST(CalendarLunar, ConsecutiveDaysAreConsistent) {
  const Date first{2000, 1, 1};
  auto prev = lunar_date(first);
  ASSERT_TRUE(prev);
  int new_years = 0;
  for (int i = 1; i <= days_between(first, Date{2040, 12, 31}); ++i) {
    const Date d = first.plus_days(i);
    const auto cur = lunar_date(d);
    ASSERT_TRUE(cur) << d.iso();
    if (cur->day != 1) {
      ASSERT_EQ(cur->day, prev->day + 1) << d.iso();
      ASSERT_EQ(cur->month, prev->month) << d.iso();
      ASSERT_EQ(cur->leap, prev->leap) << d.iso();
    } else {
      ASSERT_TRUE(prev->day == 29 || prev->day == 30) << d.iso();
      if (cur->leap) {
        ASSERT_EQ(cur->month, prev->month) << d.iso();
      } else if (cur->month == 1) {
        ++new_years;
        ASSERT_EQ(prev->month, 12) << d.iso();
        ASSERT_EQ(cur->cycle_year, prev->cycle_year % 60 + 1) << d.iso();
        ASSERT_GE(d, (Date{d.year, 1, 21})) << d.iso();
        ASSERT_LE(d, (Date{d.year, 2, 20})) << d.iso();
      } else {
        ASSERT_EQ(cur->month, prev->month + 1) << d.iso();
      }
    }
    prev = cur;
  }
  EXPECT_EQ(new_years, 41);  // one New Year in each of 2000..2040
}

// --- Numerals ------------------------------------------------------------------

TEST(CalendarNumeral, NewspaperStyle) {
  struct Case { int n; const char* want; };
  const Case cases[] = {
      {0, "零"},         {1, "一"},           {4, "四"},
      {10, "十"},        {11, "十一"},        {12, "十二"},
      {19, "十九"},      {20, "二十"},        {24, "二十四"},
      {99, "九十九"},    {100, "一百"},       {101, "一百零一"},
      {108, "一百零八"}, {110, "一百一十"},   {115, "一百一十五"},
      {200, "二百"},     {1000, "一千"},      {1001, "一千零一"},
      {1010, "一千零一十"},                   {1100, "一千一百"},
      {1234, "一千二百三十四"},               {2024, "二千零二十四"},
      {9999, "九千九百九十九"},
  };
  for (const auto& c : cases) EXPECT_EQ(chinese_numeral(c.n), c.want) << c.n;
  EXPECT_EQ(chinese_numeral(-1), "");
  EXPECT_EQ(chinese_numeral(10000), "");
}

TEST(CalendarNumeral, PageCountAndNumber) {
  EXPECT_EQ(page_count_zh(4), "今日四版");
  EXPECT_EQ(page_count_zh(12), "今日十二版");
  EXPECT_EQ(page_count_zh(24), "今日二十四版");
  EXPECT_EQ(page_count_zh(0), "");
  EXPECT_EQ(page_number_zh(12), "第十二版");
  EXPECT_EQ(page_number_zh(1), "第一版");
  EXPECT_EQ(page_number_zh(0), "");
}

// --- CN code -------------------------------------------------------------------

TEST(CalendarCn, AcceptsAndNormalises) {
  struct Case { const char* in; const char* region; const char* serial;
                const char* cls; const char* masthead; const char* ascii; };
  const Case cases[] = {
      {"CN14-0031", "14", "0031", "", "CN14—0031", "CN14-0031"},
      {"CN14—0031", "14", "0031", "", "CN14—0031", "CN14-0031"},
      {"CN14－0031", "14", "0031", "", "CN14—0031", "CN14-0031"},
      {"CN14–0031", "14", "0031", "", "CN14—0031", "CN14-0031"},
      {"CN 11-0065", "11", "0065", "", "CN11—0065", "CN11-0065"},
      {"CN11-1399/G4", "11", "1399", "G4", "CN11—1399/G4", "CN11-1399/G4"},
      {"CN31-1234/F", "31", "1234", "F", "CN31—1234/F", "CN31-1234/F"},
      {"CN10-1234/TP", "10", "1234", "TP", "CN10—1234/TP", "CN10-1234/TP"},
      {"CN65-0001", "65", "0001", "", "CN65—0001", "CN65-0001"},
  };
  for (const auto& c : cases) {
    std::string why;
    const auto code = parse_cn(c.in, &why);
    ASSERT_TRUE(code) << c.in << ": " << why;
    EXPECT_EQ(code->region, c.region) << c.in;
    EXPECT_EQ(code->serial, c.serial) << c.in;
    EXPECT_EQ(code->classification, c.cls) << c.in;
    EXPECT_EQ(code->text(), c.masthead) << c.in;
    EXPECT_EQ(code->text("-"), c.ascii) << c.in;
  }
  EXPECT_TRUE(parse_cn("CN14-0031")->newspaper_serial());
  EXPECT_FALSE(parse_cn("CN11-1399/G4")->newspaper_serial());
}

TEST(CalendarCn, RejectsWithReason) {
  struct Case { const char* in; const char* reason; };
  const Case cases[] = {
      {"", "must start with \"CN\""},
      {"ISSN1000-0097", "must start with \"CN\""},
      {"cn14-0031", "in capitals"},
      {"CN1-0031", "two digits"},
      {"CN141-0031", "two digits"},
      {"CNXX-0031", "two digits"},
      {"CN99-0031", "not a province code"},
      {"CN14 0031", "a dash must separate"},
      {"CN140031", "a dash must separate"},
      {"CN14_0031", "a dash must separate"},
      {"CN14-031", "four digits"},
      {"CN14-00311", "four digits"},
      {"CN14-0000", "never assigned"},
      {"CN14-0031/", "classification"},
      {"CN14-0031/f", "classification"},
      {"CN14-0031/L", "classification"},  // 中图法 has no class L
      {"CN14-0031/TPX", "unexpected \"X\""},
      {"CN14-0031 ", "unexpected \" \""},
      {"CN14-0031（报）", "unexpected"},
      {" CN14-0031", "must start with \"CN\""},
  };
  for (const auto& c : cases) {
    std::string why;
    EXPECT_FALSE(parse_cn(c.in, &why)) << c.in;
    EXPECT_NE(why.find(c.reason), std::string::npos)
        << c.in << " gave: " << why;
  }
}

// --- Issue number ----------------------------------------------------------------

TEST(CalendarIssue, CountsDailyIssues) {
  const Date ref{2024, 5, 7};
  const int ref_no = 9033;
  struct Case { Date date; std::vector<Date> skipped; int want; };
  const Case cases[] = {
      {{2024, 5, 7}, {}, 9033},
      {{2024, 5, 8}, {}, 9034},
      {{2024, 5, 6}, {}, 9032},
      {{2025, 1, 29}, {}, 9300},  // 9033 + 267 days
      // Two days without a paper between the two dates: two fewer.
      {{2025, 1, 29}, {{2024, 10, 1}, {2024, 10, 2}}, 9298},
      // Duplicates count once; days outside the interval not at all.
      {{2025, 1, 29}, {{2024, 10, 1}, {2024, 10, 1}, {2025, 2, 1}}, 9299},
      // Backwards: a skipped day in between makes the earlier number larger.
      {{2024, 5, 1}, {{2024, 5, 3}}, 9028},
      {{2024, 5, 1}, {}, 9027},
      // A day without a paper has no number.
      {{2024, 10, 1}, {{2024, 10, 1}}, 0},
      {{2024, 2, 30}, {}, 0},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(issue_number_for(c.date, ref, ref_no, c.skipped), c.want)
        << c.date.iso();
  }
}

TEST(CalendarIssue, CheckReportsDisagreement) {
  const Date ref{2024, 5, 7};
  EXPECT_EQ(check_issue_number(9300, {2025, 1, 29}, ref, 9033, {}), "");
  const std::string wrong =
      check_issue_number(9299, {2025, 1, 29}, ref, 9033, {});
  EXPECT_NE(wrong.find("9299"), std::string::npos) << wrong;
  EXPECT_NE(wrong.find("9300"), std::string::npos) << wrong;
  const std::string holiday =
      check_issue_number(9180, {2024, 10, 1}, ref, 9033, {{2024, 10, 1}});
  EXPECT_NE(holiday.find("without an issue"), std::string::npos) << holiday;
}

}  // namespace
}  // namespace paiban
