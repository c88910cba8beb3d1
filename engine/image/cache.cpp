// The separation cache: content-addressed files, written atomically.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "image/image.h"
#include "model/issue.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;

fs::path cache_dir() {
  if (const char* c = std::getenv("PAIBAN_CACHE")) {
    if (std::string(c) == "off") return {};
    return c;
  }
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "paiban";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "paiban";
  return {};
}

std::string hash_hex(const std::string& data, uint64_t a, uint64_t b) {
  for (unsigned char c : data) {
    a = (a ^ c) * 1099511628211ull;
    b = (b ^ c) * 0x100000001B3ull + 0x7F4A7C15u;
  }
  char out[40];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
  return out;
}

}  // namespace

std::string cached_separation(const std::string& image, const Separation& s, int quality,
                              const std::function<std::string()>& make) {
  fs::path dir = cache_dir();
  if (dir.empty()) return make();
  std::string profile;
  try {
    profile = read_file(s.cmyk_profile);
  } catch (const InputError&) {
    return make();  // the separation itself will say what is wrong
  }
  char settings[64];
  std::snprintf(settings, sizeof settings, "sep2|%.3f|%d|", s.tac, quality);
  std::string key = hash_hex(settings + profile + image, 1469598103934665603ull, 0x9E3779B97F4A7C15ull);
  fs::path file = dir / "separated" / (key + ".jpg");
  std::error_code ec;
  if (fs::exists(file, ec)) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    if (in && bytes.size() > 4) return bytes;
  }
  std::string bytes = make();
  fs::create_directories(file.parent_path(), ec);
  if (!ec) {
    fs::path tmp = file;
    tmp += ".tmp." + std::to_string(getpid());
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (out) fs::rename(tmp, file, ec);
    if (ec || !out) fs::remove(tmp, ec);
  }
  return bytes;
}

}  // namespace paiban
