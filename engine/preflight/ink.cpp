// Total area coverage: each page rendered by Ghostscript to 8-bit CMYK (PAM),
// C+M+Y+K per pixel, the 99.5th percentile against the limit.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "preflight/checks.h"

extern char** environ;

namespace paiban::preflight_detail {

namespace {

namespace fs = std::filesystem;

constexpr int kDpi = 20;
constexpr double kPercentile = 0.995;  // ignores specks (edges, registration marks)
constexpr double kTolerance = 1.0;     // per cent: 8-bit quantisation of four channels

std::string find_gs() {
  const char* path = getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/gs";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

// Runs argv with stdout and stderr discarded; the exit code, or -1 (could not
// start) or -2 (killed after the timeout).
int run(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -2;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Histogram of C+M+Y+K (0..1020) over the pixels of a pamcmyk32 file.
bool read_pam(const fs::path& file, std::array<size_t, 1021>& histogram, size_t& pixels) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != "P7") return false;
  long width = 0, height = 0, depth = 0, maxval = 0;
  while (std::getline(in, line) && line != "ENDHDR") {
    std::istringstream l(line);
    std::string key;
    l >> key;
    if (key == "WIDTH") l >> width;
    else if (key == "HEIGHT") l >> height;
    else if (key == "DEPTH") l >> depth;
    else if (key == "MAXVAL") l >> maxval;
  }
  if (width <= 0 || height <= 0 || depth != 4 || maxval != 255) return false;
  histogram.fill(0);
  std::vector<unsigned char> row(static_cast<size_t>(width) * 4);
  for (long y = 0; y < height; ++y) {
    if (!in.read(reinterpret_cast<char*>(row.data()), static_cast<std::streamsize>(row.size()))) return false;
    for (size_t x = 0; x < row.size(); x += 4) ++histogram[row[x] + row[x + 1] + row[x + 2] + row[x + 3]];
  }
  pixels = static_cast<size_t>(width) * static_cast<size_t>(height);
  return true;
}

}  // namespace

void check_ink(Context& c, const std::string& pdf_path, int page_count) {
  if (page_count <= 0) return;
  std::string gs = find_gs();
  if (gs.empty()) {
    c.warn(0, "document", "tac", "Ghostscript (gs) is not installed: total ink coverage not checked");
    return;
  }
  std::error_code ec;
  std::string tmpl = (fs::temp_directory_path(ec) / "paiban_preflight_XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) {
    c.warn(0, "document", "tac", "no temporary directory for the rendering: total ink coverage not checked");
    return;
  }
  fs::path dir = buf.data();
  std::string input = pdf_path.empty() || pdf_path[0] != '-' ? pdf_path : "./" + pdf_path;
  int rc = run({gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUseTrimBox", "-sDEVICE=pamcmyk32",
                "-r" + std::to_string(kDpi), "-sOutputFile=" + (dir / "p%d.pam").string(), "-f", input},
               std::chrono::seconds(60 + 10 * page_count));
  if (rc != 0)
    c.warn(0, "document", "tac",
           rc == -2   ? "Ghostscript timed out; pages not rendered were not checked for ink"
           : rc == -1 ? "Ghostscript could not be started; ink coverage not checked"
                      : "Ghostscript exited with status " + std::to_string(rc) + " while rendering");
  for (int page = 1; page <= page_count; ++page) {
    fs::path file = dir / ("p" + std::to_string(page) + ".pam");
    std::array<size_t, 1021> histogram{};
    size_t pixels = 0;
    if (!fs::exists(file) || !read_pam(file, histogram, pixels) || pixels == 0) {
      if (rc == 0) c.warn(page, "page rendering", "tac", "page not rendered by Ghostscript: ink not checked");
      continue;
    }
    size_t rank = static_cast<size_t>(std::ceil(kPercentile * static_cast<double>(pixels)));
    size_t seen = 0, p995 = 0, max = 0;
    for (size_t sum = 0; sum < histogram.size(); ++sum) {
      if (histogram[sum] == 0) continue;
      if (seen < rank && seen + histogram[sum] >= rank) p995 = sum;
      seen += histogram[sum];
      max = sum;
    }
    double p = p995 * 100.0 / 255.0, m = max * 100.0 / 255.0;
    if (p > c.limits.max_tac + kTolerance)
      c.fail(page, "page area (rendered at " + std::to_string(kDpi) + " dpi)", "tac",
             fmt(p, 0) + "% total ink (99.5th percentile; maximum " + fmt(m, 0) + "%) over the " +
                 fmt(c.limits.max_tac, 0) + "% limit");
  }
  fs::remove_all(dir, ec);
}

}  // namespace paiban::preflight_detail
