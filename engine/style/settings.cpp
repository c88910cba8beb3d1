#include "style/settings.h"

namespace paiban {

namespace {

// Boost's hash_combine over the fields in order.
template <typename... T>
size_t combined_hash(const T&... v) {
  size_t h = 0;
  ((h ^= std::hash<T>{}(v) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)), ...);
  return h;
}

}  // namespace

size_t hash_value(const LineSettings& s) {
  return combined_hash(s.measure, s.indent, s.kinsoku, s.align, s.last_align, s.latin_space, s.digit_space,
                       s.trim_opening_at_line_start, s.hanging, s.compress_punctuation, s.word_breaks, s.balance,
                       s.words_only, s.names_end);
}

}  // namespace paiban
