// The masthead owns the issue's metadata: change only the date in issue.toml
// (and leave the number to the paper's schedule) and the masthead follows.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <regex>
#include <string>

#include "support.h"

namespace {

namespace fs = std::filesystem;
using namespace paiban::test;

// A copy of the sample issue with issue.toml edited by `edit`.
struct EditedSample : IssueCopy {
  explicit EditedSample(const std::function<std::string(std::string)>& edit) { spit(toml(), edit(slurp(toml()))); }
};

// `paiban build` of `issue` into <issue>/out.pdf.
RunResult build(const fs::path& issue) {
  return run(paiban_command("build " + quoted(issue.string()) + " --root " + quoted(PAIBAN_SOURCE_DIR) + " -o " +
                            quoted((issue / "out.pdf").string())));
}

TEST(Masthead, NewDateGivesNewLunarDateWeekdayAndNumber) {
  const EditedSample copy([](std::string s) {
    s = std::regex_replace(s, std::regex("date   = 2024-05-07"), "date   = 2025-01-29");
    return std::regex_replace(s, std::regex("\nnumber = 9033\n"), "\n");
  });
  const RunResult r = build(copy.issue);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string text = without_space(page_text(copy.issue / "out.pdf", 1));
  EXPECT_NE(text.find("农历乙巳年正月初一"), std::string::npos) << text.substr(0, 400);
  EXPECT_NE(text.find("2025年1月29日"), std::string::npos);
  EXPECT_NE(text.find("星期三"), std::string::npos);
  EXPECT_NE(text.find("第9300期"), std::string::npos);  // 9033 + 267 days
  EXPECT_EQ(text.find("甲辰年三月廿九"), std::string::npos);
}

TEST(Masthead, TypedNumberThatDisagreesWithTheScheduleIsAnError) {
  const EditedSample copy([](std::string s) {
    return std::regex_replace(s, std::regex("date   = 2024-05-07"), "date   = 2025-01-29");
  });
  const RunResult r = build(copy.issue);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("issue.toml:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("9300"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(copy.issue / "out.pdf"));
}

TEST(Masthead, BadCnCodeNamesItsLine) {
  const EditedSample copy([](std::string s) {
    return std::regex_replace(s, std::regex("CN14—0031"), "CN1-0031");
  });
  const RunResult r = build(copy.issue);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("issue.toml:6:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CN"), std::string::npos) << r.out;
}

// The paper's name is the largest text on page 1 (a rule of the regulator's).
TEST(Masthead, NameIsTheLargestTextOnPageOne) {
  const IssueCopy copy;
  ASSERT_EQ(build(copy.issue).exit_code, 0);
  const std::string bbox = page_text(copy.issue / "out.pdf", 1, "-bbox");
  std::regex word("yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">([^<]*)</word>");
  double name_h = 0, other_h = 0;
  std::string tallest;
  for (auto it = std::sregex_iterator(bbox.begin(), bbox.end(), word); it != std::sregex_iterator(); ++it) {
    double h = std::stod((*it)[2]) - std::stod((*it)[1]);
    std::string w = (*it)[3];
    if (w == "朔州日报" && h > name_h) name_h = h;
    else if (w != "朔州日报" && h > other_h) other_h = h, tallest = w;
  }
  EXPECT_GT(name_h, 0);
  EXPECT_GT(name_h, 1.5 * other_h) << "tallest other text: " << tallest;
}

}  // namespace
