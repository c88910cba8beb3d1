#include "style/settings.h"

namespace paiban {

namespace {

template <typename T>
void mix(size_t& h, const T& v) {
  h ^= std::hash<T>{}(v) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
}

}  // namespace

size_t hash_value(const LineSettings& s) {
  size_t h = 0;
  mix(h, s.measure);
  mix(h, s.indent);
  mix(h, s.kinsoku);
  mix(h, s.align);
  mix(h, s.last_align);
  mix(h, s.latin_space);
  mix(h, s.digit_space);
  mix(h, s.trim_opening_at_line_start);
  mix(h, s.hanging);
  mix(h, s.compress_punctuation);
  mix(h, s.word_breaks);
  mix(h, s.balance);
  mix(h, s.names_end);
  return h;
}

}  // namespace paiban
