// Character classes for Chinese layout (W3C clreq, JLReq where clreq is silent)
// and the copy-desk normalisations applied before shaping.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "style/settings.h"

#include "style/settings.h"

namespace paiban {

enum class CharClass : uint8_t {
  Ideograph,  // 汉字, kana, full-width letters and digits, U+3000
  Open,       // opening brackets and quotes: （“《「【〔
  Close,      // closing brackets and quotes: ）”》」】〕
  Comma,      // 、，
  FullStop,   // 。．
  Colon,      // ：；
  Divide,     // ？！
  MiddleDot,  // ·・
  Dash,       // — ― ⸺ (a pair —— is one unbreakable unit)
  Ellipsis,   // … ⋯ (a pair …… is one unbreakable unit)
  Connector,  // ～ –
  Solidus,    // ／ /
  Prefix,     // ¥ $ £ €: no break after
  Postfix,    // % ‰ ℃ °: no break before
  Latin,      // letters of alphabetic scripts, Latin punctuation inside words
  Digit,      // 0-9
  Space,      // ASCII and other breaking spaces
  Other,
};

const char* class_name(CharClass c);

// Class of a code point: ICU's line-break property (UAX #14), refined by the
// clreq table of Chinese punctuation.
CharClass char_class(char32_t c);

// Full-width punctuation whose empty half can be squeezed (标点挤压).
bool is_cjk_punct(CharClass c);
// Text that is set as CJK (shaped with script Hani).
bool is_cjk_class(CharClass c);

bool no_line_start(CharClass c, Kinsoku level);
bool no_line_end(CharClass c, Kinsoku level);

// What the copy desk changed in a text, by kind.
struct CopyDesk {
  int punctuation = 0;  // , ; : ( ) ! ? beside Chinese set full-width
  int spaces = 0;       // a space between Chinese (or after a closing mark) set as U+3000
  int quotes = 0;       // straight quotes "…" '…' beside Chinese set as “…” ‘…’ (each mark)
  int ellipses = 0;     // ... ...... 。。。 set as ……
  int total() const { return punctuation + spaces + quotes + ellipses; }
  CopyDesk& operator+=(const CopyDesk& o);
};

// Copy-desk repairs for Chinese text: ASCII punctuation , ; : ( ) ! ? standing
// next to Chinese characters becomes its full-width form; one ASCII space
// between two Chinese characters, or after a closing mark before Chinese
// (家门口” 群众), becomes U+3000; straight quotes next to Chinese become
// “…” and ‘…’ by pairs; ... and 。。。 become ……. Inside Latin text and
// numbers (3.5, 1,000, a URL, don't) nothing changes. An ellipsis shortens the
// text: the offsets in `ends` (ascending, such as style range ends) follow it.
CopyDesk copy_desk(std::u32string& text, std::vector<uint32_t>* ends = nullptr);
// The same; returns the number of changes.
int fullwidth_punctuation(std::u32string& text);

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

}  // namespace paiban
