// Fuzz harnesses, shared by the libFuzzer targets (tests/fuzz/fuzz_*.cpp, built
// with clang) and the corpus replay (tests/fuzz_smoke_test.cpp in the normal g++
// build, tests/fuzz/replay.cpp in the fuzz build). Each harness turns arbitrary
// bytes into input for one stage of the engine, runs it and checks what must
// hold whatever the input: bad input is an InputError, never another exception
// or a crash; the line breaker keeps its invariants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace paiban::fuzz {

// What one input did. ok == false is a finding; message says which check failed.
struct Outcome {
  bool ok = true;
  std::string message;
};

// parse_article on the bytes (front matter + Markdown).
Outcome frontmatter(const uint8_t* data, size_t size);
// The bytes as issue.toml in a folder with one valid article a.md; load_issue.
Outcome issue_toml(const uint8_t* data, size_t size);
// Bytes to a paragraph of mixed character classes and LineSettings; shape with
// the body face, break_lines, check the breaker's invariants.
Outcome linebreak(const uint8_t* data, size_t size);
// Bytes to a whole issue folder (pages, grid, rows, articles); paiban::build.
Outcome build(const uint8_t* data, size_t size);

// The bytes as a layout TOML (load_layout) and as fonts/fonts.toml
// (FontRegistry), in harness_config.cpp.
Outcome layout_toml(const uint8_t* data, size_t size);
Outcome fonts_toml(const uint8_t* data, size_t size);

// The targets by name: "frontmatter", "issue_toml", "linebreak", "build",
// "layout_toml", "fonts_toml".
const std::vector<std::string>& targets();
Outcome run(const std::string& target, const uint8_t* data, size_t size);

// Human-readable form of what a harness makes of the bytes (the paragraph and
// settings of linebreak, the issue folder of build), for reproductions.
std::string describe(const std::string& target, const uint8_t* data, size_t size);

}  // namespace paiban::fuzz

// The body of a libFuzzer target: a finding prints its message and traps, so
// that libFuzzer saves the input as crash-*.
#define PAIBAN_FUZZ_TARGET(harness)                                                        \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {               \
    paiban::fuzz::Outcome o = paiban::fuzz::harness(data, size);                          \
    if (!o.ok) {                                                                          \
      std::fprintf(stderr, "\n*** paiban fuzz finding (%s): %s\n", #harness, o.message.c_str()); \
      std::fflush(stderr);                                                                \
      __builtin_trap();                                                                   \
    }                                                                                     \
    return 0;                                                                             \
  }
