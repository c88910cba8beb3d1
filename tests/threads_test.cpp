// Deterministic output whatever the thread count: the same issue built on one
// thread and on several gives the same bytes (fonts subset, photos separated
// and pages drawn side by side land in a fixed order), and so does a PNG proof.
#include <gtest/gtest.h>

#include "support.h"

namespace paiban {
namespace {

using namespace paiban::test;

// Runs `command` (its output file `out`) with PAIBAN_THREADS set; the bytes written.
std::string run_on(int threads, const std::string& env, const std::string& command, const std::string& written) {
  const RunResult r = run(env + "PAIBAN_THREADS=" + std::to_string(threads) + " " + paiban_command(command));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return slurp(written);
}

std::string build_on(const TempDir& dir, int threads) {
  const std::string out = dir.file("t" + std::to_string(threads) + ".pdf");
  return run_on(threads, "PAIBAN_CACHE=off ", "build " + quoted(kSample) + " -o " + quoted(out), out);
}

// PNG proofs too: glyphs drawn and bands deflated side by side land in place.
std::string proof_on(const TempDir& dir, int threads) {
  const std::string out = dir.file("p" + std::to_string(threads));
  return run_on(threads, "", "proof " + quoted(kSample) + " --page 1 --png -o " + quoted(out), out + "-1.png");
}

// The same bytes on 1 thread and on `more`.
void expect_same_bytes(std::string (*make)(const TempDir&, int), std::initializer_list<int> more) {
  TempDir dir;
  const std::string one = make(dir, 1);
  ASSERT_GT(one.size(), 1000u);
  for (int n : more) EXPECT_EQ(make(dir, n), one) << n << " threads";
}

TEST(Threads, OneAndManyThreadsWriteTheSameBytes) {
  expect_same_bytes(build_on, {3, 8});
}

TEST(Threads, OneAndManyThreadsDrawTheSamePng) {
  expect_same_bytes(proof_on, {2, 8});
}

}  // namespace
}  // namespace paiban
