// decode.cpp — bytes to UTF-8 text: byte order marks, UTF-16, and for bytes
// that are not UTF-8, ICU's charset detector (GB18030/GBK copy from older
// editorial systems). The guess and its confidence go into the report.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

#include "import/steps.h"
#include "diag/diag.h"

namespace paiban::import {
namespace {

// Offset of the first byte that is not UTF-8, or npos.
size_t invalid_utf8_at(const std::string& s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) return static_cast<size_t>(at);
  }
  return std::string::npos;
}

int line_at(const std::string& bytes, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) line += bytes[i] == '\n';
  return line;
}

// Converts with ICU, stopping at the first byte sequence the charset does not
// have (never a silent U+FFFD).
std::string convert(const std::string& bytes, const std::string& charset, const std::string& source) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cnv(ucnv_open(charset.c_str(), &err), ucnv_close);
  if (U_FAILURE(err)) throw InputError(source, 0, "unknown encoding '" + charset + "'");
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::u16string out(bytes.size() * 2 + 16, u'\0');
  const char* src = bytes.data();
  UChar* dst = reinterpret_cast<UChar*>(out.data());
  ucnv_toUnicode(cnv.get(), &dst, dst + out.size(), &src, bytes.data() + bytes.size(), nullptr, true, &err);
  if (U_FAILURE(err)) {
    size_t at = static_cast<size_t>(src - bytes.data());
    throw InputError(source, line_at(bytes, at),
                     "bytes at offset " + std::to_string(at) + " are not valid " + charset + " (" + u_errorName(err) + ")");
  }
  out.resize(static_cast<size_t>(dst - reinterpret_cast<UChar*>(out.data())));
  std::string utf8;
  icu::UnicodeString(reinterpret_cast<const UChar*>(out.data()), static_cast<int32_t>(out.size())).toUTF8String(utf8);
  return utf8;
}

struct Guess {
  std::string name;
  int confidence = 0;
};

Guess detect(const std::string& bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> det(ucsdet_open(&err), ucsdet_close);
  if (U_FAILURE(err)) return {};
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  const UCharsetMatch* m = ucsdet_detect(det.get(), &err);
  if (U_FAILURE(err) || !m) return {};
  Guess g;
  g.name = ucsdet_getName(m, &err);
  g.confidence = ucsdet_getConfidence(m, &err);
  // GB2312 text is read as GB18030, its superset, so that no GBK character is refused.
  if (g.name == "GB2312" || g.name == "GBK") g.name = "GB18030";
  return g;
}

std::string normalise_line_ends(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

Decoded decode(const std::string& bytes, const std::string& source, const std::string& forced) {
  Decoded d;
  auto starts = [&](const char* bom, size_t n) { return bytes.size() >= n && bytes.compare(0, n, bom, n) == 0; };
  std::string text;
  if (!forced.empty()) {
    d.encoding = forced;
    text = convert(bytes, forced, source);
  } else if (starts("\xEF\xBB\xBF", 3)) {
    d.encoding = "UTF-8 (with BOM)";
    text = bytes.substr(3);
    if (size_t at = invalid_utf8_at(text); at != std::string::npos)
      throw InputError(source, line_at(text, at), "invalid UTF-8 at byte offset " + std::to_string(at + 3));
  } else if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2)) {
    d.encoding = starts("\xFF\xFE", 2) ? "UTF-16LE" : "UTF-16BE";
    text = convert(bytes.substr(2), d.encoding, source);
  } else if (invalid_utf8_at(bytes) == std::string::npos) {
    d.encoding = "UTF-8";
    text = bytes;
  } else {
    Guess g = detect(bytes);
    if (g.name.empty() || g.confidence < 10)
      throw InputError(source, line_at(bytes, invalid_utf8_at(bytes)),
                       "the file is not UTF-8 and its encoding cannot be told; give it with --encoding");
    d.encoding = g.name;
    d.confidence = g.confidence;
    d.guessed = true;
    text = convert(bytes, g.name, source);
  }
  // A BOM converted from UTF-16 or a forced charset is not text either.
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  d.text = normalise_line_ends(text);
  return d;
}

}  // namespace paiban::import
