#include "digest/digest.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace paiban {

std::string digest128(std::string_view data) {
  // Two multiply–xorshift lanes over 8-byte words, then the tail byte by byte.
  uint64_t a = 1469598103934665603ull ^ data.size(), b = 0x9E3779B97F4A7C15ull;
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    a = (a ^ w) * 0xff51afd7ed558ccdull;
    a ^= a >> 29;
    b = (b ^ ((w << 17) | (w >> 47))) * 0xc4ceb9fe1a85ec53ull;
    b ^= b >> 31;
  }
  for (; i < data.size(); ++i) {
    a = (a ^ static_cast<unsigned char>(data[i])) * 1099511628211ull;
    b = (b ^ static_cast<unsigned char>(data[i])) * 0x100000001B3ull + 0x7F4A7C15u;
  }
  a ^= b >> 13;
  b ^= a >> 17;
  char out[40];
  std::snprintf(out, sizeof out, "%016llX%016llX", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return out;
}

}  // namespace paiban
