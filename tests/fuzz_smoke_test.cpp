// Replays the fuzz corpus (tests/fuzz/corpus) and the saved findings
// (tests/fuzz/regressions) through the same harnesses as the libFuzzer targets,
// so that the ordinary g++ build and ctest check every input without clang.
// Findings listed in tests/fuzz/known-open.txt are not fixed yet and skipped.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// tests/CMakeLists.txt builds every *_test.cpp into one binary; the harness
// comes with this file rather than as a library of its own.
#include "fuzz/harness.cpp"
#include "fuzz/harness_config.cpp"
#include "support.h"

namespace {

namespace fs = std::filesystem;

using paiban::test::slurp;

const fs::path kFuzz = fs::path(PAIBAN_SOURCE_DIR) / "tests" / "fuzz";

std::set<std::string> known_open() {
  std::set<std::string> out;
  std::ifstream in(kFuzz / "known-open.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.insert(line);
  return out;
}

void replay(const std::string& target) {
  const std::set<std::string> open = known_open();
  std::vector<fs::path> files;
  for (const char* dir : {"corpus", "regressions"}) {
    fs::path d = kFuzz / dir / target;
    if (!fs::is_directory(d)) continue;
    for (const auto& e : fs::directory_iterator(d))
      if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << "no corpus for " << target;
  int run = 0, skipped = 0;
  for (const fs::path& f : files) {
    if (open.count(target + "/" + f.filename().string())) {
      ++skipped;
      continue;
    }
    std::string data = slurp(f);
    paiban::fuzz::Outcome o =
        paiban::fuzz::run(target, reinterpret_cast<const uint8_t*>(data.data()), data.size());
    EXPECT_TRUE(o.ok) << f.string() << ":\n" << o.message;
    ++run;
  }
  std::cout << target << ": replayed " << run << " inputs, skipped " << skipped << " known-open findings\n";
}

TEST(FuzzCorpus, Frontmatter) { replay("frontmatter"); }
TEST(FuzzCorpus, IssueToml) { replay("issue_toml"); }
TEST(FuzzCorpus, Linebreak) { replay("linebreak"); }
TEST(FuzzCorpus, Build) { replay("build"); }
TEST(FuzzCorpus, LayoutToml) { replay("layout_toml"); }
TEST(FuzzCorpus, FontsToml) { replay("fonts_toml"); }

}  // namespace
