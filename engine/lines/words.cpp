// Where display text, names and addresses may break: ICU's dictionary word
// boundaries for the phrases of a headline, whole names in bylines and
// datelines, the break points of a URL or an e-mail address.
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <cctype>
#include <memory>
#include <string_view>

#include "lines/units.h"

namespace paiban::lines {
namespace {

// A break at a word boundary inside a headline's phrase: allowed, but a break
// between phrases (a space, a comma) is far better.
constexpr double kInsidePhrase = 1000;
constexpr double kUrlBreak = 50;
constexpr uint32_t kLongestName = 6;  // characters  // a URL's break point: fine, a break elsewhere is better

// Word boundaries of ICU's dictionary segmentation (Chinese), by character index.
std::vector<bool> word_boundaries(const std::u32string& text) {
  std::vector<bool> at(text.size() + 1, false);
  icu::UnicodeString u;
  std::vector<uint32_t> index;  // UTF-16 index -> character index
  index.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    index.push_back(static_cast<uint32_t>(i));
    if (text[i] > 0xFFFF) index.push_back(static_cast<uint32_t>(i));
    u.append(static_cast<UChar32>(text[i]));
  }
  index.push_back(static_cast<uint32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  // One iterator per thread: creating one loads the dictionary's rules.
  thread_local std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (!words) {
    at.assign(at.size(), true);  // no dictionary: every place is a boundary, as before
    return at;
  }
  words->setText(u);
  for (int32_t p = words->first(); p != icu::BreakIterator::DONE; p = words->next())
    if (static_cast<size_t>(p) < index.size()) at[index[static_cast<size_t>(p)]] = true;
  return at;
}

// The end of a phrase: a space, or a mark that ends a clause (、，：；！？。).
bool phrase_end(const Unit& a, const Unit& b) {
  if (b.em_space > 0 || b.word_space) return true;
  CharClass c = a.last;
  return c == CharClass::Comma || c == CharClass::FullStop || c == CharClass::Colon || c == CharClass::Divide;
}

// Width from the start of unit i to the end of unit j, natural spacing.
double span(const Units& u, size_t i, size_t j) {
  double w = u.units[i].width;
  for (size_t k = i; k < j; ++k) w += u.gaps[k].natural + u.units[k + 1].width;
  return w;
}

// Parts of a byline or dateline are separated by spaces and punctuation.
bool separated(const Unit& a, const Unit& b) {
  return b.em_space > 0 || b.word_space || is_cjk_punct(a.last) || is_cjk_punct(b.first) ||
         a.last == CharClass::Solidus || b.first == CharClass::Solidus;
}

}  // namespace

void display_breaks(const Shaped& sh, const LineSettings& s, Units& u) {
  const size_t n = u.units.size();
  if ((!s.word_breaks && !s.words_only) || n < 2) return;
  std::vector<bool> words = word_boundaries(sh.text);
  if (!s.word_breaks) {
    // A caption: any word boundary will do, as long as the line is full.
    for (size_t k = 0; k + 1 < n; ++k)
      if (u.gaps[k].can_break && !phrase_end(u.units[k], u.units[k + 1]) && !words[u.units[k + 1].text_begin]) {
        u.gaps[k].can_break = false;
        u.gaps[k].rule = "a word of a caption";
      }
    return;
  }
  // When every phrase fits the line, lines break only between phrases.
  bool phrases_fit = true;
  for (size_t i = 0, k = 0; k < n; ++k)
    if (k + 1 == n || phrase_end(u.units[k], u.units[k + 1])) {
      phrases_fit = phrases_fit && span(u, i, k) <= s.measure + 1e-6;
      i = k + 1;
    }
  for (size_t k = 0; k + 1 < n; ++k) {
    Gap& gap = u.gaps[k];
    const Unit& b = u.units[k + 1];
    if (!gap.can_break || phrase_end(u.units[k], b)) continue;
    if (!words[b.text_begin] || phrases_fit) {
      gap.can_break = false;
      gap.rule = phrases_fit ? "a headline's phrase" : "a word of display text";
    } else {
      gap.penalty = std::max(gap.penalty, kInsidePhrase);
    }
  }
}

void keep_names(const LineSettings& s, Units& u) {
  const size_t n = u.units.size();
  // The full-width spaces between names may close up to half an em, so that a
  // name fits whole on the line before it is moved on (and the line it leaves
  // is letter-spaced).
  for (size_t q = 0; q + 1 < n && u.units[q + 1].text_end <= s.names_end; ++q)
    if (u.units[q + 1].em_space > 0) u.gaps[q].shrink = std::max(u.gaps[q].shrink, u.units[q + 1].em_space / 2);
  size_t k = 0;
  while (k < n && u.units[k].text_end <= s.names_end) {
    size_t e = k;
    while (e + 1 < n && u.units[e + 1].text_end <= s.names_end && !separated(u.units[e], u.units[e + 1])) ++e;
    // Names and codes are short (赵娟娟, 欧阳海燕); a long run such as 新华社巴黎5月6日电
    // is a phrase that may break like any other, and so is a name longer than the line.
    if (u.units[e].text_end - u.units[k].text_begin <= kLongestName && span(u, k, e) <= s.measure - 1e-6)
      for (size_t q = k; q < e; ++q)
        if (u.gaps[q].can_break) {
          u.gaps[q].can_break = false;
          u.gaps[q].rule = "a name in a byline or dateline";
        }
    k = e + 1;
  }
}

namespace {

// Characters a web address may hold (RFC 3986's unreserved and reserved, and %).
bool url_char(char32_t c) {
  if (c >= U'a' && c <= U'z') return true;
  if (c >= U'A' && c <= U'Z') return true;
  if (c >= U'0' && c <= U'9') return true;
  return std::u32string_view(U"-._~:/?#[]@!$&'()*+,;=%").find(c) != std::u32string_view::npos;
}

}  // namespace

// A web address (scheme://… or www.…) or an e-mail address (name@host.tld),
// every character one an address may hold; anything else is not an address,
// so its / and . stay under the ordinary rules of 禁则.
bool address_like(std::u32string_view w) {
  for (char32_t c : w)
    if (!url_char(c)) return false;
  size_t scheme = w.find(U"://");
  if (scheme != std::u32string_view::npos && scheme > 0) {
    for (size_t i = 0; i < scheme; ++i)
      if (!(std::isalpha(static_cast<int>(w[i])) || (i > 0 && (std::isdigit(static_cast<int>(w[i])) || w[i] == U'+' || w[i] == U'-' || w[i] == U'.'))))
        return false;
    return scheme + 3 < w.size();
  }
  if (w.substr(0, 4) == U"www." && w.size() > 4) return true;
  size_t at = w.find(U'@');
  if (at == std::u32string_view::npos || at == 0 || w.find(U'@', at + 1) != std::u32string_view::npos) return false;
  size_t dot = w.find(U'.', at);
  return dot != std::u32string_view::npos && dot > at + 1 && dot + 1 < w.size();
}

namespace {

// Break points of an address: after / and before . @ ? & # (not in "://").
bool url_point(const std::u32string& w, size_t i) {
  char32_t p = w[i - 1], c = w[i];
  if (p == U'/') return i < w.size() && c != U'/';
  return (c == U'.' || c == U'@' || c == U'?' || c == U'&' || c == U'#') && p != U'/' && p != U':';
}

}  // namespace

std::vector<Unit> open_addresses(const Shaped& sh, std::vector<Unit> units, double measure) {
  std::vector<Unit> out;
  out.reserve(units.size());
  for (const Unit& u : units) {
    std::u32string w = sh.text.substr(u.text_begin, u.text_end - u.text_begin);
    if (!u.latin || !address_like(w)) {
      out.push_back(u);
      continue;
    }
    // One unit per character, so that a line of address is justified by
    // spacing its letters; breaks only at the address's break points, or
    // anywhere inside a piece too long for the line.
    size_t piece_start = out.size();
    double piece_width = 0;
    auto close_piece = [&] {
      if (piece_width > measure)
        for (size_t q = piece_start + 1; q < out.size(); ++q) {
          out[q].address_inner = false;
          out[q].inside_word = true;
        }
    };
    for (uint32_t k = u.glyph_begin; k < u.glyph_end;) {
      uint32_t e;
      Unit c = cluster_piece(sh, u, k, e);
      if (k != u.glyph_begin) {
        c.address_point = url_point(w, c.text_begin - u.text_begin);
        c.address_inner = !c.address_point;
      }
      if (c.address_point) {
        close_piece();
        piece_start = out.size();
        piece_width = 0;
      }
      piece_width += c.width;
      out.push_back(c);
      k = e;
    }
    close_piece();
  }
  return out;
}

void address_gap(const Unit& a, const Unit& b, Gap& gap) {
  gap.natural = gap.shrink = 0;
  gap.stretch = 0.1 * a.em;  // letters spaced like Chinese characters when the line needs it
  gap.can_break = b.address_point;
  gap.penalty = b.address_point ? kUrlBreak : 0;
  gap.rule = b.address_point ? nullptr : "a word of a web or e-mail address";
}

}  // namespace paiban::lines
