// The harness of the hostile-input tests (limits_test.cpp, hostile_test.cpp):
// the real `paiban` command under a timeout and GNU time, and issues written
// into temporary folders.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include "support.h"

namespace paiban::test {

inline constexpr long kMaxRssKb = 1'000'000;

inline std::string repeat(const std::string& s, int n) {
  std::string o;
  o.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) o += s;
  return o;
}

// Counts the occurrences of `what` in `text`.
inline size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

struct Outcome {
  int exit_code = -1;  // of the shell: 124 timed out, 128 + n killed by signal n
  std::string out, err;
  long rss_kb = -1;  // peak resident memory, when GNU time is there
  fs::path pdf;
  std::string all() const { return "exit " + std::to_string(exit_code) + "\nstdout:\n" + out + "\nstderr:\n" + err; }
};

// `COMMAND` under a 60 s timeout and GNU time, stdout and stderr kept apart.
inline Outcome run_limited(const TempDir& dir, const std::string& command, const fs::path& pdf) {
  Outcome r;
  r.pdf = pdf;
  const fs::path out = dir.path() / "stdout", err = dir.path() / "stderr", rss = dir.path() / "rss";
  const bool time = fs::exists("/usr/bin/time");
  const std::string cmd = "timeout 60 " + (time ? "/usr/bin/time -f %M -o " + quoted(rss.string()) + " " : "") +
                          command + " >" + quoted(out.string()) + " 2>" + quoted(err.string());
  const int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  if (time) {
    // GNU time writes "Command exited with non-zero status N" first when it was; the number is last.
    std::istringstream lines(slurp(rss));
    for (std::string l; std::getline(lines, l);)
      if (!l.empty() && std::all_of(l.begin(), l.end(), ::isdigit)) r.rss_kb = std::stol(l);
  }
  fs::remove(out);
  fs::remove(err);
  fs::remove(rss);
  return r;
}

// `paiban ARGS -o <dir>/out.pdf`.
inline Outcome paiban(const TempDir& dir, const std::string& args) {
  const fs::path pdf = dir.path() / "out.pdf";
  return run_limited(dir, quoted(PAIBAN_BINARY) + " " + args + " -o " + quoted(pdf.string()), pdf);
}

// A clear error or a PDF; never a crash, a hang or a gigabyte.
inline void expect_sane(const Outcome& r) {
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2)
      << "crashed, hung or failed inside (124 = timeout, 128+n = signal n): " << r.all();
  if (r.rss_kb >= 0) {
    EXPECT_LT(r.rss_kb, kMaxRssKb) << "peak memory " << r.rss_kb << " KB";
  }
  if (r.exit_code == 0) {
    EXPECT_TRUE(fs::exists(r.pdf)) << "exit code 0 but no PDF: " << r.all();
  } else {
    EXPECT_NE(r.err.find_first_not_of(" \n"), std::string::npos) << "failed without a word on stderr: " << r.all();
    EXPECT_FALSE(fs::exists(r.pdf)) << "a failed build left a PDF: " << r.all();
  }
}

inline int pdf_pages(const fs::path& pdf) {
  const RunResult r = run_apart("pdfinfo " + quoted(pdf.string()));
  if (r.exit_code != 0) return -1;
  const std::string& info = r.out;
  const size_t at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

// An issue in a temporary folder: `pages` broadsheet pages, each with two
// articles side by side (p<N>a and p<N>b), or one frame across the page.
struct Folder {
  TempDir dir;
  fs::path path;
  explicit Folder(int pages = 1, bool two_frames = false, const std::string& layout = "broadsheet") {
    path = dir.path() / "issue";
    std::string toml =
        "[paper]\nname = \"测试日报\"\nsponsor = \"测试单位\"\npublisher = \"测试日报社出版\"\n"
        "cn = \"CN14—0031\"\n\n[issue]\ndate = 2024-05-07\nnumber = 1\nlayout = \"" + layout + "\"\n";
    for (int p = 1; p <= pages; ++p) {
      toml += "\n[[page]]\nsection = \"第" + std::to_string(p) + "版\"\n";
      if (two_frames)
        toml += "grid = \"\"\"\nAAAABBBB\n\"\"\"\n[page.areas]\nA = \"p" + std::to_string(p) + "a\"\nB = \"p" +
                std::to_string(p) + "b\"\n";
      else
        toml += "grid = \"\"\"\nAAAAAAAA\n\"\"\"\n[page.areas]\nA = \"a\"\n";
    }
    spit(path / "issue.toml", toml);
  }
  void article(const std::string& id, const std::string& text) const { spit(path / (id + ".md"), text); }
  std::string arg() const { return quoted(path.string()); }
};

inline const std::string kFront = "+++\ntitle = \"测试稿件\"\n+++\n\n";

}  // namespace paiban::test
