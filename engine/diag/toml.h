// Configuration files read through checked accessors: each value of the type
// it must have, counts in range, every key known, and an error at file:line
// otherwise. Shared by the layout (style/) and the font roles (fonts/).
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace paiban {

struct TomlReader {
  std::string file;

  // The whole file parsed; a syntax error is an InputError at its line.
  toml::table parse() const;

  int line(const toml::node& n) const { return static_cast<int>(n.source().begin.line); }

  // The value of `key` in `t`, or `fallback` when the key is absent.
  double number(const toml::table& t, const char* key, double fallback) const;
  // A size or length the page is built from: a finite number in [lo, hi].
  double measure(const toml::table& t, const char* key, double fallback, double lo, double hi) const;
  // A count (columns, lines): a TOML integer in [lo, hi], never a float that
  // could overflow a cast.
  int count(const toml::table& t, const char* key, int fallback, int lo, int hi) const;
  bool flag(const toml::table& t, const char* key, bool fallback) const;
  std::string text(const toml::table& t, const char* key, const std::string& fallback) const;
  // A string that must be there and not be empty; `what` names the table for the error.
  std::string required_text(const toml::table& t, const char* key, const std::string& what) const;
  // `key` as a table, or nullptr when absent; anything else is an error.
  const toml::table* table(const toml::table& t, const char* key) const;

  // A key the reader does not know is a typing error the editor must hear of.
  void known(const toml::table& t, std::initializer_list<std::string_view> keys, const std::string& where) const;
};

}  // namespace paiban
