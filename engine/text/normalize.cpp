// Copy-desk normalisation of wire copy before shaping.
#include <unicode/unistr.h>

#include <cstdint>
#include <vector>

#include "text/text.h"

namespace paiban {

std::u32string to_u32(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u32string out(static_cast<size_t>(u.countChar32()), U'\0');
  UErrorCode status = U_ZERO_ERROR;
  u.toUTF32(reinterpret_cast<UChar32*>(out.data()), static_cast<int32_t>(out.size()), status);
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

namespace {

// Chinese context: ideographs and Chinese punctuation, not Latin or digits.
bool chinese(char32_t c) {
  if (c == 0) return false;
  CharClass k = char_class(c);
  return is_cjk_class(k) && k != CharClass::Prefix && k != CharClass::Postfix && c >= 0x2E80;
}

char32_t fullwidth_of(char32_t c) {
  switch (c) {
    case U',': return 0xFF0C;
    case U';': return 0xFF1B;
    case U':': return 0xFF1A;
    case U'(': return 0xFF08;
    case U')': return 0xFF09;
    case U'!': return 0xFF01;
    case U'?': return 0xFF1F;
    default: return 0;
  }
}

}  // namespace

int fullwidth_punctuation(std::u32string& t) {
  int changes = 0;
  // Decide on the original text, so one conversion does not feed the next.
  const std::u32string src = t;
  auto at = [&](size_t i) -> char32_t { return i < src.size() ? src[i] : 0; };
  // Brackets convert as pairs: if either half stands next to Chinese, both do.
  std::vector<size_t> match(src.size(), SIZE_MAX);
  {
    std::vector<size_t> stack;
    for (size_t i = 0; i < src.size(); ++i) {
      if (src[i] == U'(') stack.push_back(i);
      if (src[i] == U')' && !stack.empty()) {
        match[i] = stack.back();
        match[stack.back()] = i;
        stack.pop_back();
      }
    }
  }
  auto context = [&](size_t i) {
    char32_t prev = i > 0 ? src[i - 1] : 0, next = at(i + 1);
    return src[i] == U'(' ? chinese(next) || (chinese(prev) && next != 0) : chinese(prev) || chinese(next);
  };
  int open_converted = 0;  // a converted ( makes its ) full-width too
  for (size_t i = 0; i < src.size(); ++i) {
    char32_t c = src[i];
    char32_t prev = i > 0 ? src[i - 1] : 0, next = at(i + 1);
    if (char32_t fw = fullwidth_of(c)) {
      bool digits = prev >= U'0' && prev <= U'9' && next >= U'0' && next <= U'9';  // 1,000 and 12:30
      bool convert;
      if ((c == U'(' || c == U')') && match[i] != SIZE_MAX)
        convert = context(i) || context(match[i]);
      else if (c == U'(')
        convert = chinese(next) || (chinese(prev) && next != 0);
      else if (c == U')')
        convert = chinese(prev) || chinese(next) || open_converted > 0;
      else
        convert = !digits && (chinese(prev) || chinese(next));
      if (c == U'(' && convert) ++open_converted;
      if (c == U')' && open_converted > 0) --open_converted;
      if (convert) {
        t[i] = fw;
        ++changes;
      }
    } else if (c == U' ' && chinese(prev) && chinese(next)) {
      t[i] = 0x3000;  // 记者 赵娟娟: a word space between Chinese names is one em
      ++changes;
    }
  }
  return changes;
}

}  // namespace paiban
