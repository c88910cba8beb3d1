// Copy-desk normalisation of wire copy before shaping.
#include <unicode/uchar.h>
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

// A closing quote or bracket after Chinese (家门口”), an opening one before it.
bool closes_chinese(const std::u32string& s, size_t i) {
  if (i >= s.size() || i == 0) return false;
  char32_t c = s[i];
  bool closing = c == U'\u201D' || c == U'\u2019' || c == U'\uFF09' || c == U'\u300B' || c == U'\u300D' ||
                 c == U'\u300F' || c == U'\u3011';
  return closing && (chinese(s[i - 1]) || closes_chinese(s, i - 1));
}
bool opens_chinese(const std::u32string& s, size_t i) {
  if (i + 1 >= s.size()) return false;
  char32_t c = s[i];
  bool opening = c == U'\u201C' || c == U'\u2018' || c == U'\uFF08' || c == U'\u300A' || c == U'\u300C' ||
                 c == U'\u300E' || c == U'\u3010';
  return opening && (chinese(s[i + 1]) || opens_chinese(s, i + 1));
}

// Full-width , ; : ( ) ! ? beside Chinese; U+3000 for a space between Chinese.
void marks_and_spaces(std::u32string& t, CopyDesk& n) {
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
        ++n.punctuation;
      }
    } else if (c == U' ' && (chinese(prev) || closes_chinese(src, i - 1)) && (chinese(next) || opens_chinese(src, i + 1))) {
      // 记者 赵娟娟, 家门口” 群众: a word space in Chinese is one em
      t[i] = 0x3000;
      ++n.spaces;
    }
  }
}

// ... ...... 。。。 beside Chinese become ……; the offsets in `ends` follow.
void ellipses(std::u32string& t, std::vector<uint32_t>* ends, CopyDesk& n) {
  std::u32string out;
  out.reserve(t.size());
  std::vector<uint32_t> map(t.size() + 1);  // old offset -> new offset
  size_t i = 0;
  while (i < t.size()) {
    size_t j = i;
    while (j < t.size() && t[j] == t[i] && (t[i] == U'.' || t[i] == U'\u3002')) ++j;
    size_t run = j - i;
    char32_t prev = i > 0 ? t[i - 1] : 0, next = j < t.size() ? t[j] : 0;
    bool beside = chinese(prev) || chinese(next) || closes_chinese(t, i - 1) || opens_chinese(t, j) || t[i] == U'\u3002';
    if ((run == 3 || run == 6) && beside) {
      for (size_t k = i; k < j; ++k) map[k] = static_cast<uint32_t>(out.size() + (k - i >= run / 2 ? 1 : 0));
      out += U"\u2026\u2026";
      ++n.ellipses;
      i = j;
      continue;
    }
    map[i] = static_cast<uint32_t>(out.size());
    out += t[i++];
  }
  map[t.size()] = static_cast<uint32_t>(out.size());
  if (ends)
    for (uint32_t& e : *ends) e = map[std::min<size_t>(e, t.size())];
  t.swap(out);
}

// Straight quotes by pairs: a pair with Chinese inside or beside it becomes
// “…” (or ‘…’). An apostrophe between letters (don't) is not a quote.
void quotes(std::u32string& t, char32_t straight, char32_t open, char32_t close, CopyDesk& n) {
  std::vector<size_t> at;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != straight) continue;
    bool letters = i > 0 && i + 1 < t.size() && u_isalnum(static_cast<UChar32>(t[i - 1])) &&
                   u_isalnum(static_cast<UChar32>(t[i + 1])) && t[i - 1] < 0x2E80 && t[i + 1] < 0x2E80;
    if (!letters) at.push_back(i);
  }
  auto near = [&](size_t i) {
    return (i > 0 && chinese(t[i - 1])) || (i + 1 < t.size() && chinese(t[i + 1]));
  };
  for (size_t k = 0; k + 1 < at.size(); k += 2) {
    size_t a = at[k], b = at[k + 1];
    if (!near(a) && !near(b)) continue;
    t[a] = open;
    t[b] = close;
    n.quotes += 2;
  }
}

}  // namespace

CopyDesk& CopyDesk::operator+=(const CopyDesk& o) {
  punctuation += o.punctuation;
  spaces += o.spaces;
  quotes += o.quotes;
  ellipses += o.ellipses;
  return *this;
}

CopyDesk copy_desk(std::u32string& t, std::vector<uint32_t>* ends) {
  CopyDesk n;
  ellipses(t, ends, n);
  quotes(t, U'"', U'\u201C', U'\u201D', n);
  quotes(t, U'\'', U'\u2018', U'\u2019', n);
  marks_and_spaces(t, n);
  return n;
}

int fullwidth_punctuation(std::u32string& t) { return copy_desk(t).total(); }

}  // namespace paiban
