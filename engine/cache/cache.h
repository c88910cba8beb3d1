// The disk cache: costly results (separated photos, font subsets) kept between
// builds as content-addressed files, so an editor's tenth proof does not redo
// the first one's work. The folder is $PAIBAN_CACHE, else
// $XDG_CACHE_HOME/paiban, else ~/.cache/paiban; PAIBAN_CACHE=off turns it off.
// Output is the same bytes with the cache on, off, cold or warm.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace paiban {

// The cache folder; empty when the cache is off.
std::filesystem::path cache_dir();

// The bytes kept as <cache>/<kind>/<name>; `make` runs on a miss (or with the
// cache off) and its result is stored atomically. `valid` rejects a damaged file.
std::string cached(const std::string& kind, const std::string& name, const std::function<std::string()>& make,
                   const std::function<bool(const std::string&)>& valid = {});

// A digest of a file's content, remembered in the cache by path, size and
// modification time, so a 20 MB font is read through once, not on every build.
// Throws std::runtime_error when the file cannot be read.
std::string file_digest(const std::string& path);

}  // namespace paiban
