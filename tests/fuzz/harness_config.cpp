// Fuzz harnesses for the project's own configuration: a layout TOML and
// fonts/fonts.toml. Whatever the bytes, the reader gives a usable layout or
// font registry, or an InputError; never a crash, an overflowing cast or
// another exception. See harness.h.
#include <stdlib.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <typeinfo>

#include "diag/diag.h"
#include "fonts/fonts.h"
#include "harness.h"
#include "style/layout.h"

namespace paiban::fuzz {
namespace {

namespace fs = std::filesystem;

// A folder of this process for the files the readers open, removed at exit.
const fs::path& config_dir() {
  static struct Dir {
    fs::path path;
    Dir() {
      std::string tmpl = (fs::temp_directory_path() / "paiban-fuzz-config-XXXXXX").string();
      if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
      path = tmpl;
    }
    ~Dir() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  } dir;
  return dir.path;
}

fs::path write(const std::string& name, const uint8_t* data, size_t size) {
  fs::path p = config_dir() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) throw std::runtime_error("cannot write " + p.string());
  return p;
}

template <typename F>
Outcome checked(const char* what, F&& f) {
  try {
    return f();
  } catch (const InputError&) {
    return {};
  } catch (const std::exception& e) {
    return {false, std::string(what) + " threw " + typeid(e).name() + " (not paiban::InputError): " + e.what()};
  } catch (...) {
    return {false, std::string(what) + " threw an exception that is not a std::exception"};
  }
}

bool finite_positive(double v) { return std::isfinite(v) && v > 0; }

}  // namespace

Outcome layout_toml(const uint8_t* data, size_t size) {
  fs::path file = write("layout.toml", data, size);
  return checked("load_layout", [&] {
    Layout l = load_layout(file.string());
    // What the makeup divides by and counts with must be sane.
    if (l.columns <= 0 || l.lines <= 0 || !finite_positive(l.leading) || !finite_positive(l.trim_w) ||
        !finite_positive(l.trim_h) || !finite_positive(l.body.size))
      return Outcome{false, "load_layout accepted a layout without positive columns, lines, leading, trim or body size"};
    return Outcome{};
  });
}

Outcome fonts_toml(const uint8_t* data, size_t size) {
  fs::path file = write("fonts.toml", data, size);
  return checked("FontRegistry", [&] {
    FontRegistry fonts(file.string());
    return Outcome{};
  });
}

}  // namespace paiban::fuzz
