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

// --- The block made for the paper's name, whatever its length ------------------

// A copy of an issue folder with the paper's name replaced and the optional
// furniture (邮发代号, weather, price, web address) added.
struct NamedPaper {
  TempDir dir;
  fs::path issue;
  NamedPaper(const std::string& from, const std::string& name) : issue(dir.path() / "issue") {
    fs::copy(from, issue, fs::copy_options::recursive);
    std::string toml = slurp(issue / "issue.toml");
    toml = std::regex_replace(toml, std::regex("name      = \"朔州日报\""),
                              "name      = \"" + name + "\"\npost_code = \"21-28\"\nprice = \"1.50元\"\n"
                              "web = \"www.example.cn\"");
    toml = std::regex_replace(toml, std::regex("\\[issue\\]\n"), "[issue]\nweather = \"晴　12～26℃\"\n");
    spit(issue / "issue.toml", toml);
  }
};

// Every item of the masthead whole in page 1's text layer, or a clear error.
void expect_masthead_whole(const std::string& from, const std::string& name, const std::vector<std::string>& items) {
  SCOPED_TRACE(from + ": " + name);
  NamedPaper paper(from, name);
  const fs::path pdf = paper.issue / "out.pdf";
  const RunResult r = run(paiban_command("build " + quoted(paper.issue.string()) + " --page 1 --pdfx none -o " +
                                         quoted(pdf.string())));
  if (r.exit_code != 0) {
    EXPECT_NE(r.out.find("masthead block does not fit"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("issue.toml:"), std::string::npos) << r.out;
    return;
  }
  const std::string text = without_space(page_text(pdf, 1, "-raw"));
  EXPECT_NE(text.find(name), std::string::npos) << text.substr(0, 600);
  for (const std::string& item : items) EXPECT_NE(text.find(item), std::string::npos) << item << "\n" << text.substr(0, 600);
}

const std::vector<std::string> kNames = {"晚报", "朔州报", "朔州日报", "朔州晚报社", "朔州都市报社", "朔州市民日报社",
                                         "山西朔州日报社刊", "山西省朔州市日报社", "山西省朔州市晚报社刊"};

TEST(Masthead, NamesOfTwoToTenCharactersOnTheBroadsheet) {
  for (const std::string& name : kNames)
    expect_masthead_whole(kSample, name,
                          {"2024年5月7日", "星期二", "农历甲辰年三月廿九", "第9033期", "今日四版", "朔州日报社出版",
                           "CN14—0031", "邮发代号：21-28", "天气：晴", "12～26℃", "零售价：1.50元", "www.example.cn"});
}

TEST(Masthead, NamesOfTwoToTenCharactersOnTheTabloid) {
  for (const std::string& name : kNames)
    expect_masthead_whole(PAIBAN_TEST_DATA "/tabloid", name,
                          {"2024年5月8日", "星期三", "农历甲辰年", "第9034期", "今日二版", "朔州日报社出版",
                           "CN14—0031", "邮发代号：21-28", "天气：晴", "12～26℃", "零售价：1.50元", "www.example.cn"});
}

TEST(Masthead, ANameTooLongForItsBlockIsAnErrorNamingIt) {
  NamedPaper paper(PAIBAN_TEST_DATA "/tabloid", "山西省朔州市人民政府主办朔州日报社每日出版综合新闻晚报");
  const RunResult r = run(paiban_command("build " + quoted(paper.issue.string()) + " --page 1 -o " +
                                         quoted((paper.issue / "out.pdf").string())));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("masthead block does not fit the paper's name"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("issue.toml:5:"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(paper.issue / "out.pdf"));
}
