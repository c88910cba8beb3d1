// Fuzz harnesses; see harness.h.
#include "harness.h"

#include <stdlib.h>
#include <unicode/uchar.h>

#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <typeinfo>

#include "fonts/fonts.h"
#include "lines/lines.h"
#include "model/issue.h"
#include "pipeline/pipeline.h"
#include "shape/shape.h"
#include "text/text.h"

namespace paiban::fuzz {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = PAIBAN_SOURCE_DIR;

// Reads the input a byte at a time; 0 once it runs out.
class Bytes {
 public:
  Bytes(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  uint8_t byte() { return i_ < n_ ? d_[i_++] : 0; }
  bool empty() const { return i_ >= n_; }
  size_t left() const { return n_ - i_; }
  const uint8_t* rest() const { return d_ + i_; }

 private:
  const uint8_t* d_;
  size_t n_;
  size_t i_ = 0;
};

// A scratch folder for the process, removed at exit.
class Scratch {
 public:
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "paiban-fuzz-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
    path_ = buf.data();
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const fs::path& scratch() {
  static Scratch s;
  return s.path();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

// Runs `f`; an InputError is the engine refusing bad input (fine), any other
// exception is a finding.
template <typename F>
Outcome guarded(const char* what, F&& f) {
  try {
    return f();
  } catch (const InputError& e) {
    if (std::getenv("PAIBAN_FUZZ_VERBOSE")) std::fprintf(stderr, "InputError: %s\n", e.what());
    return {};
  } catch (const std::exception& e) {
    return {false, std::string(what) + " threw " + typeid(e).name() + " (not paiban::InputError): " + e.what()};
  } catch (...) {
    return {false, std::string(what) + " threw an exception that is not a std::exception"};
  }
}

// ---------------------------------------------------------------------------
// Characters

// Printable ASCII stands for itself (so seeds stay readable); every other byte
// picks from this table of Chinese text: ideographs, every class of Chinese
// punctuation, the pairs —— and ……, U+3000.
const char32_t* const kCjk[] = {
    U"汉", U"字", U"排", U"版", U"报", U"纸", U"新", U"闻", U"中", U"国", U"朔", U"州", U"日", U"年", U"月",
    U"万", U"亿", U"元", U"的", U"一", U"是", U"在", U"了", U"人", U"和", U"发", U"展", U"项", U"目", U"市",
    U"（", U"）", U"“", U"”", U"《", U"》", U"、", U"，", U"。", U"；", U"：", U"？", U"！", U"·", U"——",
    U"……", U"％", U"—", U"…", U"「", U"」", U"【", U"】", U"〔", U"〕", U"‘", U"’", U"／", U"～", U"￥",
    U"・", U"．", U"　", U"　", U"Ａ", U"１", U"℃", U"‰", U"々", U"〈", U"〉", U"–", U"°", U"€", U"\u00A0",
};
constexpr size_t kCjkCount = sizeof kCjk / sizeof kCjk[0];

void append_byte_char(std::u32string& out, uint8_t b) {
  if (b >= 0x20 && b < 0x7F)
    out += static_cast<char32_t>(b);
  else
    out += kCjk[b % kCjkCount];
}

// Valid UTF-8 sequences decode to their code point; other bytes go through
// the table, so every input is some text.
void append_utf8(std::u32string& out, const uint8_t* d, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t c = d[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 1 && i + static_cast<size_t>(len) <= n;
    for (int k = 1; ok && k < len; ++k) ok = (d[i + static_cast<size_t>(k)] >> 6) == 2;
    if (ok) {
      char32_t cp = c & (0x7F >> len);
      for (int k = 1; k < len; ++k) cp = (cp << 6) | (d[i + static_cast<size_t>(k)] & 0x3F);
      static const char32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= min_cp[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp >= 0x20;
      if (ok) {
        out += cp;
        i += static_cast<size_t>(len);
        continue;
      }
    }
    append_byte_char(out, c);
    ++i;
  }
}

std::string utf8(const std::u32string& s) { return to_utf8(s); }

std::string hex_cp(char32_t c) {
  char b[16];
  std::snprintf(b, sizeof b, "U+%04X", static_cast<unsigned>(c));
  return b;
}

// ---------------------------------------------------------------------------
// linebreak

struct Paragraph {
  std::u32string text;
  LineSettings settings;
};

// Header: measure (2..40 em of 9 pt), kinsoku level, alignment, indent,
// opening-bracket trim, hanging marks, punctuation compression, and the
// decoding of the rest.
Paragraph paragraph_of(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  uint8_t m = in.byte(), flags = in.byte(), frac = in.byte();
  Paragraph p;
  LineSettings& s = p.settings;
  double em = 2 + (m % 38) + frac / 256.0;
  s.measure = 9 * em;
  s.kinsoku = (flags & 3) == 0 ? Kinsoku::Basic : (flags & 3) == 1 ? Kinsoku::GB : Kinsoku::Strict;
  switch ((flags >> 2) & 7) {
    case 5: s.align = Align::Left; break;
    case 6: s.align = Align::Center; break;
    case 7: s.align = Align::Right; break;
    default: s.align = Align::Justify;
  }
  s.last_align = (flags & 0x20) ? Align::Center : Align::Left;
  s.indent = (flags & 0x40) ? 18 : 0;
  s.trim_opening_at_line_start = (m & 0x80) != 0;
  s.compress_punctuation = (frac & 1) == 0;
  s.hanging = (frac & 2) != 0;
  if (flags & 0x80)
    append_utf8(p.text, in.rest(), in.left());
  else
    while (!in.empty()) append_byte_char(p.text, in.byte());
  return p;
}

const Face& body_face() {
  static FontRegistry fonts(kRoot + "/fonts/fonts.toml");
  static const Face& face = fonts.face("body");
  return face;
}

const char* kinsoku_name(Kinsoku k) { return k == Kinsoku::Basic ? "basic" : k == Kinsoku::GB ? "gb" : "strict"; }
const char* align_name(Align a) {
  return a == Align::Justify ? "justify" : a == Align::Left ? "left" : a == Align::Center ? "center" : "right";
}

// White space the breaker may drop where a line breaks (and at the ends).
bool space(char32_t c) { return c == 0x3000 || char_class(c) == CharClass::Space; }

bool droppable(const std::u32string& t, uint32_t k) { return space(t[k]); }

// A problem at `at` whose text contains one of the phrases.
bool reported(const SetParagraph& p, uint32_t at, const char* prefix1, const char* prefix2 = nullptr) {
  for (const LineProblem& lp : p.problems) {
    if (lp.at != at) continue;
    if (lp.what.find(prefix1) != std::string::npos) return true;
    if (prefix2 && lp.what.find(prefix2) != std::string::npos) return true;
  }
  return false;
}

std::string line_dump(const Paragraph& par, const SetParagraph& sp) {
  std::string s;
  for (size_t i = 0; i < sp.lines.size(); ++i) {
    const Line& l = sp.lines[i];
    char b[160];
    std::snprintf(b, sizeof b, "\n  line %zu [%u,%u) width %.3f ratio %.3f%s%s: ", i, l.text_begin, l.text_end,
                  l.width, l.ratio, l.overfull ? " overfull" : "", l.last ? " last" : "");
    s += b;
    if (l.text_begin <= l.text_end && l.text_end <= par.text.size())
      s += utf8(par.text.substr(l.text_begin, l.text_end - l.text_begin));
  }
  for (const LineProblem& lp : sp.problems) s += "\n  problem at " + std::to_string(lp.at) + ": " + lp.what;
  return s;
}

std::string settings_text(const Paragraph& p) {
  char b[260];
  std::snprintf(b, sizeof b,
                "measure %.4f pt (%.4f em), kinsoku %s, align %s, last %s, indent %.1f, trim_opening %d, "
                "compress %d, hanging %d",
                p.settings.measure, p.settings.measure / 9, kinsoku_name(p.settings.kinsoku),
                align_name(p.settings.align), align_name(p.settings.last_align), p.settings.indent,
                p.settings.trim_opening_at_line_start ? 1 : 0, p.settings.compress_punctuation ? 1 : 0,
                p.settings.hanging ? 1 : 0);
  return b;
}


// A break inside a web or e-mail address at one of its own points (after /,
// before . @ ? & #) follows the address's rules, not 禁则 (#15).
bool at_address_point(const std::u32string& t, uint32_t at) {
  if (at == 0 || at >= t.size()) return false;
  uint32_t b = at, e = at;
  while (b > 0 && t[b - 1] > U' ' && t[b - 1] < 0x80) --b;
  while (e < t.size() && t[e] > U' ' && t[e] < 0x80) ++e;
  char32_t before = t[at - 1], after = t[at];
  bool point = before == U'/' || after == U'.' || after == U'@' || after == U'?' || after == U'&' || after == U'#';
  return point && lines::address_like(std::u32string_view(t).substr(b, e - b));
}

Outcome check_paragraph(const Paragraph& par, const SetParagraph& sp) {
  const std::u32string& t = par.text;
  const LineSettings& s = par.settings;
  const uint32_t n = static_cast<uint32_t>(t.size());
  auto fail = [&](const std::string& what) {
    return Outcome{false, what + "\n  " + settings_text(par) + "\n  text (" + std::to_string(n) + " chars): " +
                              utf8(t) + line_dump(par, sp)};
  };
  // 1. Every character is in exactly one line's range, in order; only white
  // space may fall between lines.
  uint32_t pos = 0;
  for (size_t i = 0; i < sp.lines.size(); ++i) {
    const Line& l = sp.lines[i];
    if (l.text_begin >= l.text_end) return fail("line " + std::to_string(i) + " has an empty text range");
    if (l.text_end > n) return fail("line " + std::to_string(i) + " ends past the text");
    if (l.text_begin < pos) return fail("line " + std::to_string(i) + " overlaps the line before or is out of order");
    for (uint32_t k = pos; k < l.text_begin; ++k)
      if (!droppable(t, k))
        return fail("character " + std::to_string(k) + " (" + hex_cp(t[k]) + ") is in no line (before line " +
                    std::to_string(i) + ")");
    pos = l.text_end;
    if (l.last != (i + 1 == sp.lines.size())) return fail("line " + std::to_string(i) + " has a wrong 'last' flag");
  }
  for (uint32_t k = pos; k < n; ++k)
    if (!droppable(t, k))
      return fail("character " + std::to_string(k) + " (" + hex_cp(t[k]) + ") is in no line (after the last line)");

  for (size_t i = 0; i < sp.lines.size(); ++i) {
    const Line& l = sp.lines[i];
    const std::string li = "line " + std::to_string(i);
    // 2. Width: within the measure, or reported.
    if (!std::isfinite(l.width) || !std::isfinite(l.ratio)) return fail(li + ": width or ratio is not finite");
    // With hanging punctuation a 、，。． ending a line stands outside the measure (at most 1 em of 9 pt).
    CharClass end = char_class(t[l.text_end - 1]);
    bool hangs = s.hanging && i + 1 < sp.lines.size() && (end == CharClass::Comma || end == CharClass::FullStop);
    if (l.width > s.measure + 0.01 + (hangs ? 9 : 0) &&
        !(l.overfull && reported(sp, l.text_begin, "line wider than the measure")))
      return fail(li + " is wider than the measure (" + std::to_string(l.width) + " pt) and no problem reports it");
    // 3. 禁则: a line-start mark never starts a line, a line-end mark never ends one,
    // —— and …… never split, unless a problem reports the bent rule at the break.
    if (i > 0) {
      CharClass c = char_class(t[l.text_begin]);
      if (no_line_start(c, s.kinsoku) && !at_address_point(t, l.text_begin) &&
          !reported(sp, sp.lines[i - 1].text_end, "could not keep", "unbreakable"))
        return fail(li + " starts with " + hex_cp(t[l.text_begin]) + " (" + class_name(c) +
                    "), which may not start a line, and no problem reports it");
    }
    if (i + 1 < sp.lines.size()) {
      CharClass c = char_class(t[l.text_end - 1]);
      if (no_line_end(c, s.kinsoku) && !at_address_point(t, l.text_end) &&
          !reported(sp, l.text_end, "could not keep", "unbreakable"))
        return fail(li + " ends with " + hex_cp(t[l.text_end - 1]) + " (" + class_name(c) +
                    "), which may not end a line, and no problem reports it");
      // A run of dashes or ellipses is read as pairs from its start; a line may
      // end between pairs, never inside one. Like the breaker, the run goes on
      // across white space (units and gaps know no spaces).
      const Line& next = sp.lines[i + 1];
      CharClass d = char_class(t[next.text_begin]);
      if (next.text_begin == l.text_end && c == d && (c == CharClass::Dash || c == CharClass::Ellipsis)) {
        uint32_t run = 0;
        for (uint32_t k = l.text_end; k > 0 && (char_class(t[k - 1]) == c || space(t[k - 1])); --k)
          if (!space(t[k - 1])) ++run;
        if (run % 2 == 1 && !reported(sp, l.text_end, "could not keep", "unbreakable"))
          return fail(li + " splits a —— or …… pair (after " + std::to_string(run) +
                      " of the run) and no problem reports it");
      }
    }
    // 4. The text layer: the glyphs' character ranges run in order inside the
    // line, without overlaps; only white space may have no glyph.
    uint32_t gpos = l.text_begin;
    for (size_t k = 0; k < l.glyphs.size(); ++k) {
      const PlacedGlyph& g = l.glyphs[k];
      if (!std::isfinite(g.x) || !std::isfinite(g.dy)) return fail(li + ": glyph position is not finite");
      if (g.text_end < g.text_begin) return fail(li + ": glyph " + std::to_string(k) + " has a reversed text range");
      if (g.text_end == g.text_begin) continue;
      if (g.text_begin < gpos || g.text_end > l.text_end)
        return fail(li + ": glyph " + std::to_string(k) + " stands for characters [" + std::to_string(g.text_begin) +
                    "," + std::to_string(g.text_end) + ") out of order or outside the line");
      for (uint32_t c = gpos; c < g.text_begin; ++c)
        if (!droppable(t, c))
          return fail(li + ": character " + std::to_string(c) + " (" + hex_cp(t[c]) + ") has no glyph on the line");
      gpos = g.text_end;
    }
    for (uint32_t c = gpos; c < l.text_end; ++c)
      if (!droppable(t, c))
        return fail(li + ": character " + std::to_string(c) + " (" + hex_cp(t[c]) + ") has no glyph on the line");
  }
  return {};
}

// ---------------------------------------------------------------------------
// build: an issue folder made from the bytes

// n characters of text from the bytes.
std::string text_of(Bytes& in, size_t n) {
  std::u32string s;
  for (size_t i = 0; i < n && !in.empty(); ++i) append_byte_char(s, in.byte());
  return utf8(s);
}

// Text for a one-line field (no newlines: they would end the TOML string's line).
std::string field(Bytes& in, size_t max) {
  std::string s = text_of(in, in.byte() % (max + 1));
  return s;
}

struct IssueFiles {
  std::vector<std::pair<std::string, std::string>> files;  // name, content
  BuildOptions options;
};

// The byte format is fixed: saved inputs (tests/fuzz/regressions/build) depend
// on it. Add to it only by reading more bytes at the very end, with 0 meaning
// what the issue was before.
IssueFiles issue_of(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  IssueFiles out;
  uint8_t g = in.byte();
  const bool tabloid = g & 1;
  const int cols = tabloid ? 6 : 8, lines = tabloid ? 74 : 104;
  const int npages = 1 + in.byte() % 3;
  const int narticles = 1 + in.byte() % 4;

  std::string toml = "[paper]\nname = " + toml_quoted((g & 2) ? text_of(in, 1 + in.byte() % 6) : "朔州日报") + "\n";
  if (g & 4) toml += "sponsor = " + toml_quoted(field(in, 12)) + "\n";
  toml += "publisher = \"朔州日报社出版\"\n";
  uint8_t cn = in.byte();
  if (cn % 4 == 1) toml += "cn = \"CN14—0031\"\n";
  if (cn % 4 == 2) toml += "cn = " + toml_quoted("CN" + text_of(in, in.byte() % 12)) + "\n";
  if (cn % 4 == 3) toml += "cn = \"CN11-1399/G4\"\n";

  // The date: mostly ordinary, sometimes at the ends of the calendar.
  uint8_t y = in.byte();
  int year = y < 200 ? 1900 + y : y < 230 ? 1 + (y - 200) * 300 : 9999 - (y - 230);
  int month = 1 + in.byte() % 12, day = 1 + in.byte() % 28;
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
  uint8_t num = in.byte();
  if (g & 8) {
    // A schedule: a reference issue, some days without one.
    static const long long kRef[] = {1, 9033, 2147483647LL, 2147483648LL, -5, 4294967296LL + 7, 0, 100000};
    uint8_t ry = in.byte();
    int ryear = ry < 200 ? 1900 + ry : 1 + (ry - 200) * 180;
    char rdate[32];
    std::snprintf(rdate, sizeof rdate, "%04d-%02d-%02d", ryear, 1 + in.byte() % 12, 1 + in.byte() % 28);
    toml += "[paper.schedule]\nreference = { date = " + std::string(rdate) +
            ", number = " + std::to_string(kRef[num % 8]) + " }\nno_issue = [";
    int skip = in.byte() % 4;
    for (int k = 0; k < skip; ++k) {
      char d[32];
      std::snprintf(d, sizeof d, "%04d-%02d-%02d", year, 1 + in.byte() % 12, 1 + in.byte() % 28);
      toml += std::string(k ? ", " : "") + d;
    }
    toml += "]\n";
  }
  toml += "\n[issue]\ndate = " + std::string(date) + "\n";
  if (!(g & 8) || (num & 0x80)) toml += "number = " + std::to_string(1 + (num & 0x7F) * 71) + "\n";
  toml += std::string("layout = \"") + (tabloid ? "tabloid" : "broadsheet") + "\"\n";

  for (int p = 0; p < npages; ++p) {
    toml += "\n[[page]]\nsection = " + toml_quoted(field(in, 4)) + "\n";
    uint8_t pf = in.byte();
    if (pf & 1) toml += "editor = " + toml_quoted("责任编辑 " + field(in, 4)) + "\n";
    const int nrows = 1 + (pf >> 1) % 4;
    std::vector<std::string> grid;
    char letter = 'A';
    std::vector<char> letters;
    for (int r = 0; r < nrows; ++r) {
      uint8_t b = in.byte();
      if (r > 0 && (b & 1)) {
        grid.push_back(grid.back());  // the modules of the row above go on down
        continue;
      }
      std::string row(static_cast<size_t>(cols), '.');
      int nseg = 1 + (b >> 1) % 3;
      std::vector<int> cuts{0};
      for (int k = 1; k < nseg; ++k) {
        int c = 1 + in.byte() % (cols - 1);
        if (c > cuts.back()) cuts.push_back(c);
      }
      cuts.push_back(cols);
      for (size_t k = 0; k + 1 < cuts.size(); ++k) {
        bool blank = (b & 0x40) && k == 0 && cuts.size() > 2;
        char ch = blank ? '.' : letter <= 'Z' ? letter++ : 'Z';
        if (ch != '.') letters.push_back(ch);
        for (int c = cuts[k]; c < cuts[k + 1]; ++c) row[static_cast<size_t>(c)] = ch;
      }
      if ((b & 0x80) && (pf & 0x40)) {
        // Now and then a broken plan: a stray letter or a short row.
        uint8_t e = in.byte();
        if (e & 1)
          row[e % row.size()] = static_cast<char>('A' + (e >> 1) % 8);
        else
          row.pop_back();
      }
      grid.push_back(row);
    }
    toml += "grid = \"\"\"\n";
    for (const std::string& r : grid) toml += r + "\n";
    toml += "\"\"\"\n";
    if (pf & 0x20) {
      // Row heights in body lines: mostly sensible, sometimes absurd.
      static const long long kOdd[] = {0, -1, 1, 2147483647LL, 2147483648LL, 4294967296LL + 3, 9223372036854775807LL,
                                       1000};
      uint8_t mode = in.byte();
      toml += "rows = [";
      for (int r = 0; r < nrows; ++r) {
        long long v = (mode & 7) == 0 ? kOdd[in.byte() % 8] : 1 + in.byte() % (lines * 3 / (2 * nrows));
        toml += (r ? ", " : "") + std::to_string(v);
      }
      toml += "]\n";
    }
    toml += "[page.areas]\n";
    bool masthead = p == 0 && (g & 0x10);
    for (char ch : letters) {
      uint8_t b = in.byte();
      std::string module = masthead ? "@masthead" : "a" + std::to_string(1 + b % narticles);
      if (!masthead && b >= 250) module = b == 255 ? "@bogus" : "nosuch";
      masthead = false;
      toml += std::string(1, ch) + " = " + toml_quoted(module) + "\n";
    }
  }
  out.files.emplace_back("issue.toml", toml);

  for (int a = 1; a <= narticles; ++a) {
    uint8_t f = in.byte(), f2 = in.byte(), f3 = in.byte();
    std::string md = "+++\n";
    // Keys of stepped frames, boxes and photo cropping.
    if (f3 & 1) md += "headline_columns = " + std::to_string(f3 & 0x80 ? (f3 >> 1) % 30 - 2 : 1 + (f3 >> 1) % 8) + "\n";
    if (f3 & 2) md += std::string("box = ") + (f3 & 4 ? "true" : "false") + "\n";
    if (f3 & 8) md += std::string("fit = \"") + (f3 & 0x10 ? "fit" : f3 & 0x20 ? "fill" : "crop") + "\"\n";
    if ((f3 & 0x48) == 0x48) {
      uint8_t x = in.byte(), y = in.byte();
      md += "focus = [" + std::to_string(x / 200.0) + ", " + std::to_string(y / 200.0) + "]\n";
    }
    bool photo = (f & 0x0F) == 0x0F;
    if (!photo) {
      std::string title = field(in, 40);
      if (title.empty() && !(f2 & 0x80)) title = "标题";
      if (!title.empty() || (f2 & 0x40)) md += "title = " + toml_quoted(title) + "\n";
      if (f & 1) md += "kicker = " + toml_quoted(field(in, 30)) + "\n";
      if (f & 2) md += "subtitle = " + toml_quoted(field(in, 30)) + "\n";
      if (f & 4) md += "byline = " + toml_quoted("记者 " + field(in, 8)) + "\n";
      if (f & 8) md += "dateline = " + toml_quoted(field(in, 12)) + "\n";
      if (f & 0x10) md += "section = " + toml_quoted(field(in, 16)) + "\n";
      if (f & 0x20) md += "jump_title = " + toml_quoted(field(in, 12)) + "\n";
      static const char* kStyles[] = {"major", "minor", "lead", "major", "minor", "lead", "major", "nosuch"};
      md += std::string("headline = \"") + kStyles[(f >> 6) | ((f2 & 1) << 2)] + "\"\n";
    } else if (f & 0x10) {
      md += "credit = " + toml_quoted(field(in, 8) + " 摄") + "\n";
    }
    md += "sample = true\n+++\n\n";
    if (photo) {
      md += "![" + text_of(in, in.byte() % 60) + "](images/" + ((f2 & 2) ? "missing.png" : (f2 & 0x20) ? "lake.jpg" : "sheet.png") + ")\n";
    } else {
      int paras = (f2 >> 1) % 8;
      for (int k = 0; k < paras && !in.empty(); ++k) {
        uint8_t pk = in.byte();
        size_t len = in.byte() * static_cast<size_t>(1 + (pk & 3));
        if ((pk & 0x1C) == 0x1C) md += "## ";
        if ((pk & 0x1C) == 0x18) md += "**";
        if ((pk & 0xE0) == 0xE0) {
          md += "![" + text_of(in, pk % 20) + "](images/sheet.png)\n\n";
          continue;
        }
        md += text_of(in, len);
        if ((pk & 0x1C) == 0x18) md += "**";
        md += "\n\n";
      }
    }
    out.files.emplace_back("a" + std::to_string(a) + ".md", md);
  }

  BuildOptions& o = out.options;
  o.root = kRoot;
  o.allow_overset = true;
  uint8_t ob = in.byte();
  if (ob & 1) o.pages.push_back(1 + (ob >> 1) % (npages + 1));  // sometimes a page that is not there
  o.pdfx = (ob & 0x10) ? PdfX::X4 : PdfX::X1a;
  o.marks = (ob & 0x20) != 0;
  return out;
}

// An input that starts with "==> " is an issue folder written out as describe()
// prints it (==> issue.toml <==, ==> a1.md <==, ==> options <==): saved
// findings stay readable and do not depend on the byte format above.
bool literal_issue(const uint8_t* data, size_t size, IssueFiles& out) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.compare(0, 4, "==> ") != 0) return false;
  out.options.root = kRoot;
  out.options.allow_overset = true;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string header = text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    size_t next = eol == std::string::npos ? text.size() : text.find("\n==> ", eol);
    std::string body = eol == std::string::npos ? "" : text.substr(eol + 1, (next == std::string::npos ? text.size() : next + 1) - eol - 1);
    pos = next == std::string::npos ? text.size() : next + 1;
    if (header.size() < 8 || header.compare(header.size() - 4, 4, " <==") != 0) continue;
    std::string name = header.substr(4, header.size() - 8);
    if (name == "options") {
      std::istringstream in(body);
      std::string line;
      while (std::getline(in, line)) {
        if (line.rfind("pages:", 0) == 0) {
          std::istringstream ps(line.substr(6));
          int p;
          while (ps >> p) out.options.pages.push_back(p);
        }
        if (line == "pdfx: X-4") out.options.pdfx = PdfX::X4;
        if (line == "marks: yes") out.options.marks = true;
      }
    } else if (name.find('/') == std::string::npos && name.find("..") == std::string::npos && !name.empty()) {
      if (!body.empty() && body.back() == '\n') body.pop_back();  // describe() adds one
      out.files.emplace_back(name, body);
    }
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------

Outcome frontmatter(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  return guarded("parse_article", [&] {
    Article a = parse_article("fuzz", "fuzz.md", text);
    // What comes out is NFC UTF-8 that the rest of the engine can take.
    for (const Block& b : a.blocks)
      for (const Span& s : b.spans) (void)to_u32(s.text);
    return Outcome{};
  });
}

Outcome issue_toml(const uint8_t* data, size_t size) {
  static const fs::path dir = [] {
    fs::path d = scratch() / "issue_toml";
    fs::create_directories(d);
    write_file(d / "a.md", "+++\ntitle = \"标题\"\n+++\n\n正文一段。\n");
    return d;
  }();
  write_file(dir / "issue.toml", std::string(reinterpret_cast<const char*>(data), size));
  return guarded("load_issue", [&] {
    Issue is = load_issue(dir.string());
    for (const PagePlan& p : is.pages)
      for (const Area& a : p.areas)
        if (a.cols <= 0 || a.rows <= 0 || a.col + a.cols > static_cast<int>(p.grid[0].size()) ||
            a.row + a.rows > static_cast<int>(p.grid.size()))
          return Outcome{false, "load_issue accepted an area outside its grid"};
    return Outcome{};
  });
}

Outcome linebreak(const uint8_t* data, size_t size) {
  Paragraph par = paragraph_of(data, size);
  const Face& face = body_face();
  return guarded("shape/break_lines", [&] {
    const uint32_t n = static_cast<uint32_t>(par.text.size());
    Shaped sh = shape(par.text, {{n, TextStyle{&face, 9}}});
    SetParagraph sp = break_lines(sh, par.settings);
    return check_paragraph(par, sp);
  });
}

Outcome build(const uint8_t* data, size_t size) {
  IssueFiles f;
  if (!literal_issue(data, size, f)) f = issue_of(data, size);
  fs::path dir = scratch() / "issue";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir / "images");
  for (const char* image : {"sheet.png", "lake.jpg"})
    fs::copy_file(kRoot + "/tests/data/tabloid/images/" + image, dir / "images" / image);
  for (const auto& [name, text] : f.files) write_file(dir / name, text);
  f.options.issue_dir = dir.string();
  return guarded("paiban::build", [&] {
    BuildResult r = paiban::build(f.options);
    if (std::getenv("PAIBAN_FUZZ_VERBOSE")) {
      for (const Notice& n : r.edition.notices) std::fprintf(stderr, "%s\n", format_notice(n).c_str());
      std::fprintf(stderr, "PDF: %zu bytes\n", r.pdf.size());
    }
    if (r.edition.ok() != !r.pdf.empty())
      return Outcome{false, r.edition.ok() ? "the edition is ok but no PDF was made"
                                           : "a PDF was made although the edition has errors"};
    if (!r.pdf.empty() && r.pdf.compare(0, 5, "%PDF-") != 0) return Outcome{false, "the PDF does not start with %PDF-"};
    return Outcome{};
  });
}

const std::vector<std::string>& targets() {
  static const std::vector<std::string> t{"frontmatter", "issue_toml", "linebreak", "build", "layout_toml", "fonts_toml"};
  return t;
}

Outcome run(const std::string& target, const uint8_t* data, size_t size) {
  if (target == "frontmatter") return frontmatter(data, size);
  if (target == "issue_toml") return issue_toml(data, size);
  if (target == "linebreak") return linebreak(data, size);
  if (target == "build") return build(data, size);
  if (target == "layout_toml") return layout_toml(data, size);
  if (target == "fonts_toml") return fonts_toml(data, size);
  throw std::invalid_argument("no fuzz target '" + target + "'");
}

std::string describe(const std::string& target, const uint8_t* data, size_t size) {
  if (target == "linebreak") {
    Paragraph p = paragraph_of(data, size);
    return settings_text(p) + "\ntext (" + std::to_string(p.text.size()) + " chars): " + utf8(p.text) + "\n";
  }
  if (target == "build") {
    IssueFiles f;
    if (!literal_issue(data, size, f)) f = issue_of(data, size);
    std::string s;
    for (const auto& [name, text] : f.files) s += "==> " + name + " <==\n" + text + "\n";
    s += "==> options <==\npages:";
    for (int p : f.options.pages) s += " " + std::to_string(p);
    s += std::string("\npdfx: ") + (f.options.pdfx == PdfX::X4 ? "X-4" : "X-1a") +
         "\nmarks: " + (f.options.marks ? "yes" : "no") + "\n";
    return s;
  }
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace paiban::fuzz
