// The separation cache: content-addressed files, written atomically.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "digest/digest.h"
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
  std::string key = digest128(settings + profile + image);
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
