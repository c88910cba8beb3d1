// Replays inputs through the fuzz harnesses without libFuzzer: a reproduction
// tool for findings (any compiler, any sanitizer) and a corpus check.
//
//   paiban_fuzz_replay TARGET FILE|DIR...      run each input, report findings
//   paiban_fuzz_replay --describe TARGET FILE  print what the harness makes of it
//
// Exits 1 if any input is a finding.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "harness.h"

namespace fs = std::filesystem;

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  bool describe = !args.empty() && args[0] == "--describe";
  if (describe) args.erase(args.begin());
  if (args.size() < 2) {
    std::cerr << "usage: paiban_fuzz_replay [--describe] TARGET FILE|DIR...\n  targets:";
    for (const std::string& t : paiban::fuzz::targets()) std::cerr << " " << t;
    std::cerr << "\n";
    return 2;
  }
  const std::string target = args[0];
  std::vector<fs::path> files;
  for (size_t i = 1; i < args.size(); ++i) {
    if (fs::is_directory(args[i])) {
      for (const auto& e : fs::directory_iterator(args[i]))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.emplace_back(args[i]);
    }
  }
  std::sort(files.begin(), files.end());
  int findings = 0;
  for (const fs::path& f : files) {
    std::string data = slurp(f);
    const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
    if (describe) {
      std::cout << paiban::fuzz::describe(target, bytes, data.size());
      continue;
    }
    paiban::fuzz::Outcome o = paiban::fuzz::run(target, bytes, data.size());
    if (!o.ok) {
      ++findings;
      std::cout << "FINDING " << f.string() << ": " << o.message << "\n";
    }
  }
  if (!describe)
    std::cout << target << ": " << files.size() - findings << " passed, " << findings << " failed\n";
  return findings ? 1 : 0;
}
