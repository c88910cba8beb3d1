// Deterministic output whatever the thread count: the same issue built on one
// thread and on several gives the same bytes (fonts subset, photos separated
// and pages drawn side by side land in a fixed order), and so does a PNG proof.
#include <gtest/gtest.h>

#include "support.h"

namespace paiban {
namespace {

using namespace paiban::test;

std::string build_on(const TempDir& dir, int threads) {
  const std::string out = dir.file("t" + std::to_string(threads) + ".pdf");
  const RunResult r = run("PAIBAN_CACHE=off PAIBAN_THREADS=" + std::to_string(threads) + " " +
                          paiban_command("build " + quoted(kSample) + " -o " + quoted(out)));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return slurp(out);
}

TEST(Threads, OneAndManyThreadsWriteTheSameBytes) {
  TempDir dir;
  const std::string one = build_on(dir, 1);
  ASSERT_GT(one.size(), 1000u);
  EXPECT_EQ(build_on(dir, 3), one);
  EXPECT_EQ(build_on(dir, 8), one);
}

// PNG proofs too: glyphs drawn and bands deflated side by side land in place.
std::string proof_on(const TempDir& dir, int threads) {
  const std::string out = dir.file("p" + std::to_string(threads));
  const RunResult r = run("PAIBAN_THREADS=" + std::to_string(threads) + " " +
                          paiban_command("proof " + quoted(kSample) + " --page 1 --png -o " + quoted(out)));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return slurp(out + "-1.png");
}

TEST(Threads, OneAndManyThreadsDrawTheSamePng) {
  TempDir dir;
  const std::string one = proof_on(dir, 1);
  ASSERT_GT(one.size(), 1000u);
  EXPECT_EQ(proof_on(dir, 2), one);
  EXPECT_EQ(proof_on(dir, 8), one);
}

}  // namespace
}  // namespace paiban
