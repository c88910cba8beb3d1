// The class table. Data first: explicit code points from the clreq punctuation
// table, then ICU's line-break property for everything else.
#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "text/text.h"

namespace paiban {
namespace {

struct Entry {
  char32_t cp;
  CharClass cls;
};

// clreq Appendix A (mainland horizontal forms) plus the ASCII and full-width
// signs that newspapers mix in. Sorted by code point for binary search.
constexpr Entry kTable[] = {
    {U'!', CharClass::Latin},       {U'$', CharClass::Prefix},      {U'%', CharClass::Postfix},
    {U'/', CharClass::Solidus},     {0x00A3, CharClass::Prefix},    {0x00A5, CharClass::Prefix},
    {0x00B0, CharClass::Postfix},   {0x00B7, CharClass::MiddleDot}, {0x2013, CharClass::Connector},
    {0x2014, CharClass::Dash},      {0x2015, CharClass::Dash},      {0x2018, CharClass::Open},
    {0x2019, CharClass::Close},     {0x201C, CharClass::Open},      {0x201D, CharClass::Close},
    {0x2026, CharClass::Ellipsis},  {0x2027, CharClass::MiddleDot}, {0x2030, CharClass::Postfix},
    {0x2032, CharClass::Postfix},   {0x2033, CharClass::Postfix},   {0x203C, CharClass::Divide},
    {0x2047, CharClass::Divide},    {0x2048, CharClass::Divide},    {0x2049, CharClass::Divide},
    {0x20AC, CharClass::Prefix},    {0x2103, CharClass::Postfix},   {0x2116, CharClass::Prefix},
    {0x22EF, CharClass::Ellipsis},  {0x2E3A, CharClass::Dash},      {0x2E3B, CharClass::Dash},
    {0x3000, CharClass::Ideograph}, {0x3001, CharClass::Comma},     {0x3002, CharClass::FullStop},
    {0x3008, CharClass::Open},      {0x3009, CharClass::Close},     {0x300A, CharClass::Open},
    {0x300B, CharClass::Close},     {0x300C, CharClass::Open},      {0x300D, CharClass::Close},
    {0x300E, CharClass::Open},      {0x300F, CharClass::Close},     {0x3010, CharClass::Open},
    {0x3011, CharClass::Close},     {0x3014, CharClass::Open},      {0x3015, CharClass::Close},
    {0x3016, CharClass::Open},      {0x3017, CharClass::Close},     {0x301C, CharClass::Connector},
    {0x301D, CharClass::Open},      {0x301E, CharClass::Close},     {0x301F, CharClass::Close},
    {0x30FB, CharClass::MiddleDot}, {0xFF01, CharClass::Divide},    {0xFF04, CharClass::Prefix},
    {0xFF05, CharClass::Postfix},   {0xFF08, CharClass::Open},      {0xFF09, CharClass::Close},
    {0xFF0C, CharClass::Comma},     {0xFF0E, CharClass::FullStop},  {0xFF0F, CharClass::Solidus},
    {0xFF1A, CharClass::Colon},     {0xFF1B, CharClass::Colon},     {0xFF1F, CharClass::Divide},
    {0xFF3B, CharClass::Open},      {0xFF3D, CharClass::Close},     {0xFF5B, CharClass::Open},
    {0xFF5D, CharClass::Close},     {0xFF5E, CharClass::Connector}, {0xFFE0, CharClass::Postfix},
    {0xFFE1, CharClass::Prefix},    {0xFFE5, CharClass::Prefix},
};

constexpr bool sorted() {
  for (size_t i = 1; i < std::size(kTable); ++i)
    if (kTable[i - 1].cp >= kTable[i].cp) return false;
  return true;
}
static_assert(sorted(), "kTable must be sorted by code point");

CharClass from_icu(char32_t c) {
  switch (u_getIntPropertyValue(c, UCHAR_LINE_BREAK)) {
    case U_LB_IDEOGRAPHIC:
    case U_LB_CONDITIONAL_JAPANESE_STARTER:
    case U_LB_H2:
    case U_LB_H3:
    case U_LB_JL:
    case U_LB_JV:
    case U_LB_JT:
      return CharClass::Ideograph;
    case U_LB_OPEN_PUNCTUATION:
      return c < 0x2E80 ? CharClass::Latin : CharClass::Open;
    case U_LB_CLOSE_PUNCTUATION:
    case U_LB_CLOSE_PARENTHESIS:
      return c < 0x2E80 ? CharClass::Latin : CharClass::Close;
    case U_LB_QUOTATION: {
      int8_t gc = u_charType(c);
      if (gc == U_INITIAL_PUNCTUATION) return CharClass::Open;
      if (gc == U_FINAL_PUNCTUATION) return CharClass::Close;
      return CharClass::Latin;
    }
    case U_LB_NUMERIC:
      return CharClass::Digit;
    case U_LB_EXCLAMATION:
      return c < 0x2E80 ? CharClass::Latin : CharClass::Divide;
    case U_LB_NONSTARTER:
      return c < 0x2E80 ? CharClass::Latin : CharClass::Close;
    case U_LB_PREFIX_NUMERIC:
      return CharClass::Prefix;
    case U_LB_POSTFIX_NUMERIC:
      return CharClass::Postfix;
    case U_LB_SPACE:
    case U_LB_ZWSPACE:
      return CharClass::Space;
    case U_LB_BREAK_BOTH:
      return CharClass::Dash;
    case U_LB_INSEPARABLE:
      return CharClass::Ellipsis;
    case U_LB_ALPHABETIC:
    case U_LB_INFIX_NUMERIC:
    case U_LB_HYPHEN:
    case U_LB_COMBINING_MARK:
    case U_LB_WORD_JOINER:
    case U_LB_GLUE:
    case U_LB_BREAK_SYMBOLS:
      return CharClass::Latin;
    case U_LB_AMBIGUOUS:
      return c >= 0x2E80 ? CharClass::Ideograph : CharClass::Latin;
    default:
      return CharClass::Other;
  }
}

}  // namespace

const char* class_name(CharClass c) {
  static constexpr std::array<const char*, 18> names = {
      "Ideograph", "Open",    "Close",     "Comma",   "FullStop", "Colon", "Divide", "MiddleDot", "Dash",
      "Ellipsis",  "Connector", "Solidus", "Prefix",  "Postfix",  "Latin", "Digit",  "Space",     "Other"};
  return names[static_cast<size_t>(c)];
}

CharClass char_class(char32_t c) {
  auto it = std::lower_bound(std::begin(kTable), std::end(kTable), c,
                             [](const Entry& e, char32_t v) { return e.cp < v; });
  if (it != std::end(kTable) && it->cp == c) return it->cls;
  // Full-width ASCII letters and digits are set on the em grid like ideographs.
  if (c >= 0xFF10 && c <= 0xFF5A) return CharClass::Ideograph;
  return from_icu(c);
}

bool is_cjk_punct(CharClass c) {
  switch (c) {
    case CharClass::Open:
    case CharClass::Close:
    case CharClass::Comma:
    case CharClass::FullStop:
    case CharClass::Colon:
    case CharClass::Divide:
    case CharClass::MiddleDot:
      return true;
    default:
      return false;
  }
}

bool is_cjk_class(CharClass c) {
  switch (c) {
    case CharClass::Latin:
    case CharClass::Digit:
    case CharClass::Space:
    case CharClass::Other:
      return false;
    default:
      return true;
  }
}

bool no_line_start(CharClass c, Kinsoku level) {
  switch (c) {
    case CharClass::Close:
    case CharClass::Comma:
    case CharClass::FullStop:
    case CharClass::Colon:
    case CharClass::Divide:
    case CharClass::MiddleDot:
    case CharClass::Postfix:
    case CharClass::Connector:
      return true;
    case CharClass::Dash:
    case CharClass::Ellipsis:
      return level == Kinsoku::Strict;
    default:
      return false;
  }
}

bool no_line_end(CharClass c, Kinsoku level) {
  switch (c) {
    case CharClass::Open:
    case CharClass::Prefix:
      return true;
    case CharClass::Solidus:
      return level != Kinsoku::Basic;
    default:
      return false;
  }
}

}  // namespace paiban
