// Content-addressed files, written through a temporary name and a rename, so
// builds running side by side never read half a file.
#include "cache/cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "digest/digest.h"

namespace paiban {

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

namespace {

bool read_whole(const fs::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return static_cast<bool>(in);
}

void store(const fs::path& file, const std::string& bytes) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return;  // a cache that cannot be written is only slower
  fs::path tmp = file;
  static std::atomic<unsigned> serial{0};  // threads of one build may store the same name
  tmp += ".tmp." + std::to_string(getpid()) + "." + std::to_string(serial++);
  std::ofstream out(tmp, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (out) fs::rename(tmp, file, ec);
  if (ec || !out) fs::remove(tmp, ec);
}

}  // namespace

std::string cached(const std::string& kind, const std::string& name, const std::function<std::string()>& make,
                   const std::function<bool(const std::string&)>& valid) {
  fs::path dir = cache_dir();
  if (dir.empty()) return make();
  fs::path file = dir / kind / name;
  std::string bytes;
  if (read_whole(file, bytes) && !bytes.empty() && (!valid || valid(bytes))) return bytes;
  bytes = make();
  store(file, bytes);
  return bytes;
}

std::string file_digest(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot read " + path);
  auto whole = [&] {
    std::string bytes;
    if (!read_whole(path, bytes)) throw std::runtime_error("cannot read " + path);
    return digest128(bytes);
  };
  std::string identity = fs::absolute(path).string() + "|" + std::to_string(st.st_size) + "|" +
                         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "|" +
                         std::to_string(st.st_ino);
  return cached("files", digest128(identity), whole, [](const std::string& s) { return s.size() == 32; });
}

}  // namespace paiban
