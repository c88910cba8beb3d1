// The masthead owns the issue's metadata: change only the date in issue.toml
// (and leave the number to the paper's schedule) and the masthead follows.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string run(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int st = pclose(p);
  if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

std::string strip(std::string s) {
  std::string o;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f') o += c;
  return o;
}

// A copy of the sample issue with issue.toml edited by `edit`.
fs::path copy_sample(const std::string& name, const std::function<std::string(std::string)>& edit) {
  fs::path dir = fs::temp_directory_path() / ("paiban_masthead_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(PAIBAN_SOURCE_DIR "/issues/2024-05-07", dir, fs::copy_options::recursive);
  std::ifstream in(dir / "issue.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::ofstream(dir / "issue.toml") << edit(ss.str());
  return dir;
}

std::string page_one(const fs::path& issue, int* status) {
  fs::path pdf = issue / "out.pdf";
  run(std::string(PAIBAN_BINARY) + " build " + issue.string() + " --root " PAIBAN_SOURCE_DIR " -o " + pdf.string(),
      status);
  return strip(run("pdftotext -f 1 -l 1 " + pdf.string() + " -"));
}

TEST(Masthead, NewDateGivesNewLunarDateWeekdayAndNumber) {
  fs::path dir = copy_sample("2025", [](std::string s) {
    s = std::regex_replace(s, std::regex("date   = 2024-05-07"), "date   = 2025-01-29");
    return std::regex_replace(s, std::regex("\nnumber = 9033\n"), "\n");
  });
  int status = -1;
  std::string text = page_one(dir, &status);
  ASSERT_EQ(status, 0) << text;
  EXPECT_NE(text.find("农历乙巳年正月初一"), std::string::npos) << text.substr(0, 400);
  EXPECT_NE(text.find("2025年1月29日"), std::string::npos);
  EXPECT_NE(text.find("星期三"), std::string::npos);
  EXPECT_NE(text.find("第9300期"), std::string::npos);  // 9033 + 267 days
  EXPECT_EQ(text.find("甲辰年三月廿九"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Masthead, TypedNumberThatDisagreesWithTheScheduleIsAnError) {
  fs::path dir = copy_sample("disagree", [](std::string s) {
    return std::regex_replace(s, std::regex("date   = 2024-05-07"), "date   = 2025-01-29");
  });
  int status = -1;
  std::string out = run(std::string(PAIBAN_BINARY) + " build " + dir.string() + " --root " PAIBAN_SOURCE_DIR " -o " +
                            (dir / "out.pdf").string(),
                        &status);
  EXPECT_NE(status, 0);
  EXPECT_NE(out.find("issue.toml:"), std::string::npos) << out;
  EXPECT_NE(out.find("9300"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "out.pdf"));
  fs::remove_all(dir);
}

TEST(Masthead, BadCnCodeNamesItsLine) {
  fs::path dir = copy_sample("cn", [](std::string s) {
    return std::regex_replace(s, std::regex("CN14—0031"), "CN1-0031");
  });
  int status = -1;
  std::string out = run(std::string(PAIBAN_BINARY) + " build " + dir.string() + " --root " PAIBAN_SOURCE_DIR " -o " +
                            (dir / "out.pdf").string(),
                        &status);
  EXPECT_EQ(status, 2);
  EXPECT_NE(out.find("issue.toml:6:"), std::string::npos) << out;
  EXPECT_NE(out.find("CN"), std::string::npos) << out;
  fs::remove_all(dir);
}

// The paper's name is the largest text on page 1 (a rule of the regulator's).
TEST(Masthead, NameIsTheLargestTextOnPageOne) {
  int status = -1;
  std::string bbox = run("pdftotext -f 1 -l 1 -bbox " PAIBAN_SOURCE_DIR "/out/2024-05-07.pdf - ");
  if (bbox.find("<word") == std::string::npos) {
    fs::path dir = copy_sample("largest", [](std::string s) { return s; });
    run(std::string(PAIBAN_BINARY) + " build " + dir.string() + " --root " PAIBAN_SOURCE_DIR " -o " +
            (dir / "out.pdf").string(),
        &status);
    bbox = run("pdftotext -f 1 -l 1 -bbox " + (dir / "out.pdf").string() + " -");
  }
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
