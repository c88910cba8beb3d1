// Article bodies through md4c. A newspaper sets paragraphs, subheads and
// photos; the rest of Markdown a newsroom pastes is either turned into those
// (lists, links, footnotes, entities) or refused with file:line (HTML,
// strikethrough, tables), never printed as raw markup and never dropped.
#include "model/markdown.h"

#include <md4c.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <algorithm>
#include <map>

namespace paiban::markdown {
namespace {

bool is_cjk_cp(uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

// Code point ending / starting at a UTF-8 position.
uint32_t last_cp(const std::string& s) {
  if (s.empty()) return 0;
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) >> 6) == 2) --i;
  return icu::UnicodeString::fromUTF8(s.substr(i)).char32At(0);
}
uint32_t first_cp(const std::string& s) {
  if (s.empty()) return 0;
  size_t len = 1;
  while (len < s.size() && len < 4 && (static_cast<unsigned char>(s[len]) >> 6) == 2) ++len;
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(len))).char32At(0);
}

std::string utf8(uint32_t cp) {
  std::string out;
  icu::UnicodeString(static_cast<UChar32>(cp)).toUTF8String(out);
  return out;
}

// The list markers at the start of `prefix` (the source from the line start to
// an item's first text): "1. " and "2024. " as written, a bullet as ●.
std::string list_markers(std::string prefix, int count) {
  std::string out;
  size_t i = prefix.find_first_not_of(" >");
  for (int k = 0; k < count && i != std::string::npos && i < prefix.size(); ++k) {
    size_t j = i;
    while (j < prefix.size() && prefix[j] >= '0' && prefix[j] <= '9') ++j;
    if (j > i && j < prefix.size() && (prefix[j] == '.' || prefix[j] == ')')) {
      out += prefix.substr(i, j + 1 - i) + " ";
    } else if (j == i && (prefix[i] == '-' || prefix[i] == '*' || prefix[i] == '+')) {
      out += "\xE2\x97\x8F";  // ● U+25CF: a full-width bullet takes no space after it
    } else {
      break;
    }
    i = prefix.find_first_not_of(' ', j + 1);
  }
  return out;
}

struct BodyParser {
  std::string file;
  int first_line = 1;  // line of the body's first line in the file
  const char* body_start = nullptr;
  const char* body_end = nullptr;
  std::vector<Block> blocks;
  std::vector<std::pair<int, std::string>>* warnings = nullptr;
  int depth_bold = 0;
  bool in_block = false;
  bool pending_break = false;
  int pending_items = 0;  // list items opened whose marker is not yet set
  bool in_table = false, headline = false;
  int depth_link = 0;
  std::string link_text, link_href;
  std::string error;  // the first refusal; md4c stops, parse_body throws it
  int error_line = 0;

  // Callbacks arrive in text order, so the line count advances incrementally.
  const char* cursor = nullptr;
  int cursor_line = 0;
  int line_of(const char* p) {
    // md4c hands some text (entities, line ends) from its own static strings:
    // those are not in the body and keep the current line.
    if (p < body_start || p > body_end) return cursor ? cursor_line : first_line;
    if (!cursor || p < cursor) {
      cursor = body_start;
      cursor_line = first_line;
    }
    for (; cursor < p; ++cursor)
      if (*cursor == '\n') ++cursor_line;
    return cursor_line;
  }

  int fail(int line, const std::string& what) {
    if (error.empty()) {
      error = what;
      error_line = line;
    }
    return 1;
  }

  void start(BlockKind kind, int line) {
    blocks.push_back(Block{kind, {}, {}, line});
    in_block = true;
  }

  // The marker of a list item, from its line in the source.
  std::string marker_before(const char* p) {
    if (p < body_start || p > body_end) return {};
    const char* line = p;
    while (line > body_start && line[-1] != '\n') --line;
    return list_markers(std::string(line, p), pending_items);
  }

  void add_text(const char* p, std::string piece) {
    if (!in_block) start(BlockKind::Paragraph, line_of(p));
    if (pending_items > 0) {
      piece = marker_before(p) + piece;
      pending_items = 0;
    }
    // Control characters (a code block's line ends) never reach the glyph check.
    std::string clean;
    for (char c : piece) clean += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    piece = clean;
    Block& b = blocks.back();
    if (pending_break) {
      // A soft line break joins Chinese with nothing, Latin with one space.
      std::string prev;
      for (const Span& s : b.spans) prev = s.text.empty() ? prev : s.text;
      uint32_t a = last_cp(prev), c = first_cp(piece);
      if (a && c && !is_cjk_cp(a) && !is_cjk_cp(c)) piece = " " + piece;
      pending_break = false;
    }
    if (depth_link > 0) link_text += piece;
    bool bold = depth_bold > 0;
    if (!b.spans.empty() && b.spans.back().bold == bold)
      b.spans.back().text += piece;
    else
      b.spans.push_back(Span{piece, bold});
  }

  // Plain text: strikethrough is refused, entities typed with a full-width
  // semicolon (&amp；) are decoded.
  int normal_text(const char* p, const std::string& s) {
    if (s.find("~~") != std::string::npos)
      return fail(line_of(p), "strikethrough (~~…~~) cannot be printed: delete the struck text or keep it plainly");
    std::string out;
    for (size_t i = 0; i < s.size();) {
      size_t semi = s[i] == '&' ? s.find("\xEF\xBC\x9B", i) : std::string::npos;  // ；
      if (semi != std::string::npos && semi - i <= 12) {
        std::string d = decode_entity(s.substr(i, semi + 3 - i));
        if (!d.empty()) {
          out += d;
          i = semi + 3;
          continue;
        }
      }
      out += s[i++];
    }
    add_text(p, out);
    return 0;
  }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto* bp = static_cast<BodyParser*>(user);
  if (type == MD_BLOCK_H) {
    bp->start(BlockKind::Subhead, 0);
    bp->headline = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level == 1;
  } else if (type == MD_BLOCK_LI) {
    ++bp->pending_items;
    bp->in_block = false;
  } else if (type == MD_BLOCK_TABLE) {
    bp->in_table = true;
  } else if (type == MD_BLOCK_P || type == MD_BLOCK_CODE || type == MD_BLOCK_QUOTE) {
    bp->in_block = false;  // opened lazily at the first text, where the line is known
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto* bp = static_cast<BodyParser*>(user);
  if (type == MD_BLOCK_TABLE) return bp->fail(bp->cursor_line, "a table cannot be set yet: give its figures as text");
  bp->in_block = false;
  bp->pending_break = false;
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto* bp = static_cast<BodyParser*>(user);
  if (type == MD_SPAN_STRONG) ++bp->depth_bold;
  if (type == MD_SPAN_A && bp->depth_link++ == 0) {
    auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
    bp->link_text.clear();
    bp->link_href.assign(d->href.text, d->href.size);
  }
  if (type == MD_SPAN_IMG) {
    auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
    int line = bp->line_of(d->src.text);
    bp->blocks.push_back(Block{BlockKind::Image, {}, std::string(d->src.text, d->src.size), line});
    bp->in_block = true;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto* bp = static_cast<BodyParser*>(user);
  if (type == MD_SPAN_STRONG) --bp->depth_bold;
  if (type == MD_SPAN_A && --bp->depth_link == 0) {
    // The reader of paper cannot click: the URL follows its text, unless it is the text.
    std::string href = bp->link_href;
    if (href.rfind("mailto:", 0) == 0) href = href.substr(7);
    if (!href.empty() && bp->link_text != href && bp->link_text != bp->link_href)
      bp->add_text(nullptr, "\xEF\xBC\x88" + href + "\xEF\xBC\x89");  // （URL）
  }
  if (type == MD_SPAN_IMG) bp->in_block = false;  // text after an image starts a new paragraph
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto* bp = static_cast<BodyParser*>(user);
  std::string s(text, size);
  if (bp->in_table) return bp->fail(bp->line_of(text), "a table cannot be set yet: give its figures as text");
  if (type == MD_TEXT_HTML)
    return bp->fail(bp->line_of(text), "HTML ('" + s.substr(0, 40) + "') cannot be set: write **bold** for bold, "
                                       "plain text otherwise");
  if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR || (type == MD_TEXT_CODE && s == "\n")) {
    bp->pending_break = true;
    return 0;
  }
  if (type == MD_TEXT_NULLCHAR) return 0;
  if (!bp->in_block) bp->start(BlockKind::Paragraph, bp->line_of(text));
  if (bp->blocks.back().line == 0) {
    bp->blocks.back().line = bp->line_of(text);
    if (bp->headline && bp->warnings)
      bp->warnings->emplace_back(bp->blocks.back().line,
                                 "'# …' in the body is set as a subhead: the article's headline is the "
                                 "front matter key 'title'");
    bp->headline = false;
  }
  if (type == MD_TEXT_ENTITY) {
    std::string d = decode_entity(s);
    if (d.empty()) return bp->fail(bp->line_of(text), "unknown character entity " + s + ": write the character itself");
    bp->add_text(text, d);
    return 0;
  }
  if (type == MD_TEXT_NORMAL) return bp->normal_text(text, s);
  bp->add_text(text, s);
  return 0;
}

// A footnote: "[^label]: text" and the lines that continue it.
struct Note {
  std::string label, text;
  int line = 0;
  int number = 0;  // in order of first reference
};

// Cuts the footnote definitions out of `body`, leaving empty lines so that the
// lines of everything else stay where they were.
std::vector<Note> cut_notes(std::string& body, int first_line) {
  std::vector<Note> notes;
  std::string out;
  bool continuing = false;
  int line = first_line;
  for (size_t at = 0; at < body.size(); ++line) {
    size_t end = body.find('\n', at);
    if (end == std::string::npos) end = body.size();
    std::string l = body.substr(at, end - at);
    size_t ind = l.find_first_not_of(' ');
    size_t close = l.find("]:");
    bool def = ind != std::string::npos && ind < 4 && l.compare(ind, 2, "[^") == 0 && close != std::string::npos &&
               close > ind + 2 && l.find(']', ind) == close;
    if (def) {
      notes.push_back(Note{l.substr(ind + 2, close - ind - 2), l.substr(close + 2), line});
      continuing = true;
    } else if (continuing && ind != std::string::npos) {
      notes.back().text += "\n" + l;
    } else {
      continuing = false;
      out += l;
    }
    if (end < body.size()) out += '\n';
    at = end + 1;
  }
  body = out;
  return notes;
}

std::string note_mark(int n) {
  return n <= 20 ? utf8(0x2460 + n - 1) : "[" + std::to_string(n) + "]";  // ① … ⑳, then [21]
}

// Replaces each "[^label]" with its note's mark, numbering notes as first referred to.
void mark_references(std::string& body, std::vector<Note>& notes, const std::string& file, int first_line) {
  int next = 0, line = first_line;
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n') ++line;
    size_t close = body.compare(i, 2, "[^") == 0 ? body.find(']', i) : std::string::npos;
    if (close == std::string::npos || body.find('\n', i) < close) {
      out += body[i];
      continue;
    }
    std::string label = body.substr(i + 2, close - i - 2);
    Note* note = nullptr;
    for (Note& n : notes) note = n.label == label ? &n : note;
    if (!note) throw InputError(file, line, "footnote [^" + label + "] has no note text ([^" + label + "]: …)");
    if (note->number == 0) note->number = ++next;
    out += note_mark(note->number);
    i = close;
  }
  for (Note& n : notes)
    if (n.number == 0) n.number = ++next;  // a note no text refers to is still set
  body = out;
}

std::vector<Block> parse_blocks(const std::string& file, int first_line, const std::string& body,
                                std::vector<std::pair<int, std::string>>& warnings) {
  BodyParser bp;
  bp.file = file;
  bp.first_line = first_line;
  bp.warnings = &warnings;
  bp.body_start = body.data();
  bp.body_end = body.data() + body.size();
  MD_PARSER parser{};
  parser.abi_version = 0;
  // Indented code blocks have no place in a newspaper: copy indented with four
  // spaces is a paragraph. HTML is parsed so that it can be refused.
  parser.flags = MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_TABLES;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  // md4c does not always pass a callback's refusal back: the error is checked first.
  int rc = md_parse(bp.body_start, static_cast<MD_SIZE>(body.size()), &parser, &bp);
  if (!bp.error.empty()) throw InputError(file, bp.error_line, bp.error);
  if (rc != 0) throw InputError(file, first_line, "Markdown body could not be parsed");
  return std::move(bp.blocks);
}

}  // namespace

std::string decode_entity(const std::string& e) {
  static const std::map<std::string, uint32_t> named = {
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
      {"nbsp", ' '},     {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"ldquo", 0x201C},
      {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"middot", 0x00B7}, {"times", 0x00D7},
      {"divide", 0x00F7}, {"deg", 0x00B0},  {"yen", 0x00A5},   {"copy", 0x00A9},  {"reg", 0x00AE},
      {"trade", 0x2122}, {"plusmn", 0x00B1}, {"permil", 0x2030}, {"bull", 0x2022}, {"laquo", 0x00AB},
      {"raquo", 0x00BB}, {"sup2", 0x00B2},  {"sup3", 0x00B3},  {"frac12", 0x00BD}, {"micro", 0x00B5}};
  size_t end = e.size() >= 3 && e.compare(e.size() - 3, 3, "\xEF\xBC\x9B") == 0 ? e.size() - 3 : e.size() - 1;
  if (e.size() < 3 || e[0] != '&' || (end == e.size() - 1 && e.back() != ';')) return {};
  std::string name = e.substr(1, end - 1);
  uint32_t cp = 0;
  if (name.size() > 1 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return {};
    for (char c : digits) {
      int v = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                             : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (v < 0) return {};
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {};
  } else {
    auto it = named.find(name);
    if (it == named.end()) return {};
    cp = it->second;
  }
  return utf8(cp);
}

std::vector<Block> parse_body(const std::string& file, int first_line, const std::string& text,
                              std::vector<std::pair<int, std::string>>& warnings) {
  std::string body = text;
  std::vector<Note> notes = cut_notes(body, first_line);
  mark_references(body, notes, file, first_line);
  std::vector<Block> blocks = parse_blocks(file, first_line, body, warnings);
  // Notes follow the article, in the order their marks appear: 注①：…
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) { return a.number < b.number; });
  for (const Note& n : notes) {
    std::vector<Block> nb = parse_blocks(file, n.line, n.text, warnings);
    if (nb.empty() || nb[0].kind != BlockKind::Paragraph || nb[0].spans.empty())
      throw InputError(file, n.line, "footnote [^" + n.label + "] has no text");
    nb[0].spans.insert(nb[0].spans.begin(), Span{"注" + note_mark(n.number) + "：", false});
    nb[0].line = n.line;
    for (Block& b : nb) blocks.push_back(std::move(b));
  }
  return blocks;
}

}  // namespace paiban::markdown
