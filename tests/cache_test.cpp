// The disk cache (font subsets, separated photos): the same PDF bytes with the
// cache off, cold and warm, and a damaged cache file is not trusted.
#include <gtest/gtest.h>

#include <string>

#include "support.h"

namespace paiban {
namespace {

using namespace paiban::test;

// The sample built with PAIBAN_CACHE=cache; returns the PDF's bytes.
std::string build_with(const TempDir& dir, const std::string& cache, const std::string& name) {
  const RunResult r = run("PAIBAN_CACHE=" + quoted(cache) + " " +
                          paiban_command("build " + quoted(kSample) + " -o " + quoted(dir.file(name))));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return slurp(dir.file(name));
}

TEST(DiskCache, SameBytesOffColdWarmAndAfterDamage) {
  TempDir dir;
  const std::string cache = dir.file("cache");
  const std::string off = build_with(dir, "off", "off.pdf");
  ASSERT_GT(off.size(), 1000u);
  EXPECT_EQ(build_with(dir, cache, "cold.pdf"), off);
  ASSERT_TRUE(fs::is_directory(fs::path(cache) / "subsets"));
  int subsets = 0;
  for (const auto& e : fs::directory_iterator(fs::path(cache) / "subsets")) {
    ++subsets;
    std::string bytes = slurp(e.path());
    ASSERT_GT(bytes.size(), 100u);
    if (subsets == 1) spit(e.path(), bytes.substr(0, bytes.size() / 2));  // a torn file
  }
  EXPECT_GE(subsets, 2);  // body and headline faces at least
  EXPECT_EQ(build_with(dir, cache, "warm.pdf"), off);
  EXPECT_EQ(build_with(dir, cache, "again.pdf"), off);
}

}  // namespace
}  // namespace paiban
