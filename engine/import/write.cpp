// write.cpp — the issue folder: issue.toml and the article files with TOML
// front matter (serialised by toml++, never hand-quoted), Markdown bodies
// escaped so that the copy's own * _ [ < & stay text, grey stand-ins for
// photos the copy only captions, and the import report.
#include <png.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "calendar/calendar.h"
#include "import/steps.h"
#include "diag/diag.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using import::match;

// key = value, in the order given, each value quoted by toml++.
template <typename T>
void put(std::ostringstream& out, const char* key, const T& value) {
  toml::table t;
  t.insert(key, value);
  out << toml::toml_formatter(t, toml::format_flags::allow_unicode_strings) << "\n";
}

void put_text(std::ostringstream& out, const char* key, const std::string& value) {
  if (!value.empty()) put(out, key, value);
}

// Markdown escapes for text that must stay text. Pairs of ** around a
// phrase are the copy's own bold and stay markup.
std::string escape_inline(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '*' && s.compare(i, 2, "**") == 0) {
      size_t close = s.find("**", i + 2);
      if (close != std::string::npos && close > i + 2 && s.find('\n', i) > close) {
        out += "**" + escape_inline(s.substr(i + 2, close - i - 2)) + "**";
        i = close + 1;
        continue;
      }
    }
    if (std::string("\\`*_[]<>&!#|~").find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string escape_block(const std::string& s) {
  std::string e = escape_inline(s);
  // A leading +, -, = or "1." would open a list or underline a heading.
  std::vector<std::string> g;
  if (!e.empty() && std::string("+-=").find(e[0]) != std::string::npos) e = "\\" + e;
  else if (match("(\\d{1,9})([.)])(.*)", e, &g)) e = g[1] + "\\" + g[2] + g[3];
  return e;
}

void write_placeholder(const fs::path& file) {
  const int w = 2400, h = 1800;  // enough for a full-width photo at 150 ppi
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * h, 0xDD);
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  img.width = w;
  img.height = h;
  img.format = PNG_FORMAT_GRAY;
  if (!png_image_write_to_file(&img, file.c_str(), 0, pixels.data(), w, nullptr))
    throw InputError(file.string(), 0, std::string("cannot write the stand-in image: ") + img.message);
}

void save(const fs::path& file, const std::string& text) {
  std::ofstream f(file, std::ios::binary);
  f << text;
  if (!f) throw InputError(file.string(), 0, "cannot write");
}

}  // namespace

std::string article_markdown(const ImportedArticle& a) {
  std::ostringstream fm;
  if (a.photo) {
    put_text(fm, "credit", a.credit);
    put(fm, "note", std::string("the copy has this caption but no photo: ") + a.image + " is a grey stand-in to replace");
  } else {
    put_text(fm, "section", a.section);
    put_text(fm, "kicker", a.kicker);
    put_text(fm, "title", a.title);
    put_text(fm, "subtitle", a.subtitle);
    put_text(fm, "byline", a.byline);
    put_text(fm, "dateline", a.dateline);
    put_text(fm, "headline", a.headline);
  }
  put(fm, "priority", static_cast<int64_t>(a.priority));  // the order of the copy, for automatic makeup
  std::string out = "+++\n" + fm.str() + "+++\n";
  if (a.photo) out += "\n![" + escape_inline(a.caption) + "](" + a.image + ")\n";
  for (const ImportedBlock& b : a.body) out += "\n" + (b.subhead ? "## " + escape_inline(b.text) : escape_block(b.text)) + "\n";
  return out;
}

std::string issue_toml(const ImportedIssue& is) {
  std::ostringstream out;
  out << "# " << is.name << " " << is.date << (is.number ? ", issue " + std::to_string(is.number) : "")
      << ": imported by paiban import from " << fs::path(is.source).filename().string() << "\n";
  out << "[paper]\n";
  put_text(out, "name", is.name);
  put_text(out, "sponsor", is.sponsor);
  put_text(out, "publisher", is.publisher);
  put_text(out, "cn", is.cn);
  auto date = Date::parse(is.date);
  toml::date d{date->year, date->month, date->day};
  if (is.number > 0) {
    out << "\n[paper.schedule]  # a daily: the engine counts 总期号 from this issue\n";
    toml::table ref{{"date", d}, {"number", is.number}};
    ref.is_inline(true);
    put(out, "reference", ref);
    out << "no_issue = []\n";
  }
  out << "\n[issue]\n";
  put(out, "date", d);
  if (is.number > 0) put(out, "number", static_cast<int64_t>(is.number));
  put(out, "layout", std::string("broadsheet"));
  if (is.makeup_pages > 0) {
    out << "# made up automatically (docs/makeup.md): the fewest even page count that holds the copy\n";
    put(out, "pages", static_cast<int64_t>(is.makeup_pages));
  }
  return out.str();
}

std::string import_report(const ImportedIssue& is) {
  std::ostringstream out;
  out << "paiban import: " << is.source << "\n";
  out << "encoding: " << is.encoding;
  if (is.guessed) out << " (guessed by ICU's charset detector, confidence " << is.confidence << ")";
  out << "\npaper: " << is.name << " · " << is.date;
  if (is.number) out << " · 第" << is.number << "期";
  if (is.pages) out << " · " << is.pages << " pages";
  out << "\narticles: " << is.articles.size() << "\n";
  static const char* heads[] = {"repairs", "flags", "unclassified", "warnings"};
  for (int k = ImportNote::Repair; k <= ImportNote::Warning; ++k) {
    std::vector<const ImportNote*> notes;
    for (const ImportNote& n : is.notes)
      if (n.kind == k) notes.push_back(&n);
    std::stable_sort(notes.begin(), notes.end(), [](auto* a, auto* b) { return a->line < b->line; });
    out << heads[k] << " (" << notes.size() << "):\n";
    for (const ImportNote* n : notes)
      out << "  " << (n->line > 0 ? "line " + std::to_string(n->line) + ": " : "") << n->text << "\n";
  }
  out << "half-width punctuation next to Chinese: " << is.halfwidth
      << " (left as typed; the engine's copy-desk step sets it full-width)\n";
  if (!is.makeup.empty()) out << "makeup: " << is.makeup << "\n";
  return out.str();
}

void write_issue(const ImportedIssue& is, const std::string& dir, bool force) {
  fs::path root(dir);
  if (fs::exists(root) && !force)
    throw InputError(dir, 0, "the folder exists; use --force to replace what the import writes in it");
  fs::create_directories(root);
  for (const ImportedArticle& a : is.articles) {
    save(root / (a.id + ".md"), article_markdown(a));
    if (a.photo) {
      fs::create_directories(root / "images");
      write_placeholder(root / a.image);
    }
  }
  write_issue_head(is, dir);
}

void write_issue_head(const ImportedIssue& is, const std::string& dir) {
  save(fs::path(dir) / "issue.toml", issue_toml(is));
  save(fs::path(dir) / "import-report.txt", import_report(is));
}

}  // namespace paiban
