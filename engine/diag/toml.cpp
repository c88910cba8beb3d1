#include "diag/toml.h"

#include <algorithm>
#include <sstream>

#include "diag/diag.h"

namespace paiban {

toml::table TomlReader::parse() const {
  try {
    return toml::parse(read_file(file), file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
}

double TomlReader::number(const toml::table& t, const char* key, double fallback) const {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  if (auto v = n->value<double>()) return *v;
  throw InputError(file, line(*n), std::string("'") + key + "' must be a number");
}

double TomlReader::measure(const toml::table& t, const char* key, double fallback, double lo, double hi) const {
  const double v = number(t, key, fallback);
  if (!(v >= lo && v <= hi)) {  // written so that NaN fails too
    const toml::node* n = t.get(key);
    std::ostringstream say;
    say << "'" << key << "' must be between " << lo << " and " << hi;
    throw InputError(file, n ? line(*n) : line(t), say.str());
  }
  return v;
}

int TomlReader::count(const toml::table& t, const char* key, int fallback, int lo, int hi) const {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  const auto* i = n->as_integer();
  if (!i) throw InputError(file, line(*n), std::string("'") + key + "' must be a whole number");
  if (i->get() < lo || i->get() > hi)
    throw InputError(file, line(*n), std::string("'") + key + "' must be between " + std::to_string(lo) + " and " +
                                         std::to_string(hi));
  return static_cast<int>(i->get());
}

bool TomlReader::flag(const toml::table& t, const char* key, bool fallback) const {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  auto v = n->value<bool>();
  if (!v) throw InputError(file, line(*n), std::string(key) + " is true or false");
  return *v;
}

std::string TomlReader::text(const toml::table& t, const char* key, const std::string& fallback) const {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  auto v = n->value<std::string>();
  if (!v) throw InputError(file, line(*n), std::string("'") + key + "' must be a string");
  return *v;
}

std::string TomlReader::required_text(const toml::table& t, const char* key, const std::string& what) const {
  std::string s = text(t, key, "");
  if (s.empty()) throw InputError(file, line(t), what + " needs '" + key + "'");
  return s;
}

const toml::table* TomlReader::table(const toml::table& t, const char* key) const {
  const toml::node* n = t.get(key);
  if (!n) return nullptr;
  if (const toml::table* tt = n->as_table()) return tt;
  throw InputError(file, line(*n), std::string("'") + key + "' must be a table");
}

void TomlReader::known(const toml::table& t, std::initializer_list<std::string_view> keys,
                       const std::string& where) const {
  for (auto&& [k, v] : t)
    if (std::find(keys.begin(), keys.end(), k.str()) == keys.end())
      throw InputError(file, line(v), "unknown key '" + std::string(k.str()) + "' in " + where);
}

}  // namespace paiban
