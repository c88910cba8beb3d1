// issue.toml: the paper, the issue and the page plan; then every article it names.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "model/issue.h"
#include "work/work.h"

namespace paiban {
namespace {

// A TOML integer, and only an integer: a float such as 1e30 is not converted
// (converting it would overflow).
inline std::optional<int64_t> integer(const toml::node& n) {
  if (const auto* i = n.as_integer()) return i->get();
  return std::nullopt;
}


namespace fs = std::filesystem;

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// The keys each table of issue.toml may hold. A key not listed is an error at
// its line, so a typo (editr = …) never drops what it carried. Add new keys here.
const std::set<std::string> kRootKeys = {"paper", "issue", "page"};
const std::set<std::string> kPaperKeys = {"name",      "sponsor", "publisher", "cn",      "masthead_image", "schedule",
                                          "post_code", "web",     "price",     "address", "phone",          "printer"};
const std::set<std::string> kScheduleKeys = {"reference", "no_issue"};
const std::set<std::string> kIssueKeys = {"date", "number", "layout", "pages", "unplaced", "weather"};
const std::set<std::string> kPageKeys = {"section", "editor", "grid", "rows", "areas", "articles"};
const std::set<std::string> kSpanKeys = {"span", "title", "kicker", "subtitle", "headline"};

void check_keys(const toml::table& t, const std::set<std::string>& known, const std::string& where,
                const std::string& file) {
  for (auto&& [k, v] : t) {
    if (known.count(std::string(k.str()))) continue;
    std::string list;
    for (const std::string& n : known) list += (list.empty() ? "" : ", ") + n;
    throw InputError(file, line_of(v), "unknown key '" + std::string(k.str()).substr(0, 80) + "' in " + where +
                                           " (known: " + list + ")");
  }
}

// A grid cell is one ASCII letter or digit, or '.'; anything else is named whole.
void check_grid_row(const std::string& row, int number, const std::string& file, int line) {
  for (size_t i = 0; i < row.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(row[i]);
    if (c < 0x80 && (std::isalnum(c) || c == '.')) continue;
    size_t n = 1;
    while (c >= 0x80 && i + n < row.size() && (static_cast<unsigned char>(row[i + n]) & 0xC0) == 0x80) ++n;
    throw InputError(file, line, "page " + std::to_string(number) + ": '" + row.substr(i, n) +
                                     "' in the grid: modules are ASCII letters or digits, empty cells '.'");
  }
}

std::string want_string(const toml::table& t, const char* key, const std::string& file, int line, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) throw InputError(file, line, std::string("missing key '") + key + "'");
    return {};
  }
  if (auto v = n->value<std::string>()) return *v;
  throw InputError(file, line_of(*n), std::string("'") + key + "' must be a string");
}

const toml::table& want_table(const toml::table& t, const char* key, const std::string& file) {
  const toml::node* n = t.get(key);
  if (!n || !n->is_table()) throw InputError(file, 1, std::string("missing table [") + key + "]");
  return *n->as_table();
}

// An article id is a file name in the issue folder: letters, digits, - and _, and short.
void check_id(const std::string& module, const std::string& file, int line) {
  // '@' names a built-in module; the masthead is the only one.
  if (!module.empty() && module[0] == '@' && module != "@masthead")
    throw InputError(file, line, "unknown built-in module '" + module.substr(0, 80) +
                                     "' (the only one is @masthead; a 通栏 headline is a table: S = { span = \"AB\", title = \"…\" })");
  std::string id = !module.empty() && module[0] == '@' ? module.substr(1) : module;
  bool ok = !id.empty() && id.size() <= 64;
  for (char c : id) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  if (!ok)
    throw InputError(file, line, "'" + module.substr(0, 80) + "' is not an article id (letters, digits, - and _, at most 64)");
}

std::vector<std::string> id_list(const toml::node& n, const char* key, const std::string& file) {
  const toml::array* arr = n.as_array();
  if (!arr) throw InputError(file, line_of(n), std::string("'") + key + "' must be a list of article ids");
  std::vector<std::string> out;
  for (const toml::node& e : *arr) {
    auto v = e.value<std::string>();
    if (!v) throw InputError(file, line_of(e), std::string("'") + key + "' must be a list of article ids");
    check_id(*v, file, line_of(e));
    if (std::find(out.begin(), out.end(), *v) != out.end())
      throw InputError(file, line_of(e), std::string("'") + key + "' names '" + *v + "' twice");
    out.push_back(*v);
  }
  return out;
}

// Turns the picture of the page into rectangles, one per letter.
std::vector<Area> areas_of(const PagePlan& p, const std::string& file, int grid_line) {
  std::vector<Area> out;
  std::set<char> seen;
  for (size_t r = 0; r < p.grid.size(); ++r) {
    for (size_t c = 0; c < p.grid[r].size(); ++c) {
      char ch = p.grid[r][c];
      if (ch == '.' || seen.count(ch)) continue;
      seen.insert(ch);
      Area a;
      a.letter = ch;
      a.row = static_cast<int>(r);
      a.col = static_cast<int>(c);
      size_t c2 = c;
      while (c2 < p.grid[r].size() && p.grid[r][c2] == ch) ++c2;
      size_t r2 = r;
      while (r2 < p.grid.size() && p.grid[r2][c] == ch) ++r2;
      a.cols = static_cast<int>(c2 - c);
      a.rows = static_cast<int>(r2 - r);
      // The letter must fill exactly its bounding rectangle.
      for (size_t rr = 0; rr < p.grid.size(); ++rr)
        for (size_t cc = 0; cc < p.grid[rr].size(); ++cc) {
          bool inside = rr >= r && rr < r2 && cc >= c && cc < c2;
          if ((p.grid[rr][cc] == ch) != inside)
            throw InputError(file, grid_line + static_cast<int>(rr),
                             std::string("page ") + std::to_string(p.number) + ": module '" + ch +
                                 "' is not a rectangle in the grid");
        }
      out.push_back(a);
    }
  }
  return out;
}

// A 通栏 headline: S = { span = "AB", kicker = "…", title = "…", subtitle = "…", headline = "major" }.
SpanHead parse_span(const toml::table& t, int number, const std::string& file) {
  SpanHead h;
  h.line = line_of(t);
  check_keys(t, kSpanKeys, "a span headline", file);
  h.over = want_string(t, "span", file, h.line, true);
  h.title = want_string(t, "title", file, h.line, true);
  h.kicker = want_string(t, "kicker", file, h.line, false);
  h.subtitle = want_string(t, "subtitle", file, h.line, false);
  if (t.get("headline")) h.headline = want_string(t, "headline", file, h.line, false);
  if (h.title.empty() || h.over.empty())
    throw InputError(file, h.line, "page " + std::to_string(number) + ": a span headline needs a title and the letters it spans");
  return h;
}

// A span stands in a row of its own straight over the modules it names, which
// lie side by side under it and fill its width exactly; its height is given in
// `rows` (the planner does not fit span rows).
void check_spans(const PagePlan& p, const std::string& file) {
  const std::string page = "page " + std::to_string(p.number) + ": span '";
  for (const Area& s : p.areas) {
    if (s.module != "@span") continue;
    const int line = s.span.line;
    if (p.row_lines.empty())
      throw InputError(file, line, page + s.letter + "' needs the page's 'rows' (its height in lines)");
    std::vector<int> under(static_cast<size_t>(s.cols), 0);
    for (char c : s.span.over) {
      auto m = std::find_if(p.areas.begin(), p.areas.end(), [&](const Area& a) { return a.letter == c; });
      if (m == p.areas.end() || c == s.letter || m->module[0] == '@')
        throw InputError(file, line, page + s.letter + "' spans '" + std::string(1, c) + "', not a module of the grid");
      if (m->row != s.row + s.rows || m->col < s.col || m->col + m->cols > s.col + s.cols)
        throw InputError(file, line, page + s.letter + "': module '" + c + "' does not stand right under it");
      for (int k = m->col; k < m->col + m->cols; ++k) ++under[static_cast<size_t>(k - s.col)];
    }
    if (std::any_of(under.begin(), under.end(), [](int n) { return n != 1; }))
      throw InputError(file, line, page + s.letter + "': the modules it spans must fill its columns once each");
  }
}

PagePlan parse_page(const toml::table& t, int number, const std::string& file) {
  PagePlan p;
  p.number = number;
  p.line = line_of(t);
  check_keys(t, kPageKeys, "[[page]]", file);
  p.section = want_string(t, "section", file, p.line, false);
  p.editor = want_string(t, "editor", file, p.line, false);
  if (const toml::node* list = t.get("articles")) p.articles = id_list(*list, "articles", file);
  const toml::node* g = t.get("grid");
  if (!g) {
    // No picture of the page: the planner draws it (docs/makeup.md).
    for (const char* key : {"rows", "areas"})
      if (const toml::node* n = t.get(key))
        throw InputError(file, line_of(*n), "page " + std::to_string(number) + ": '" + key + "' without a 'grid'");
    return p;
  }
  if (!g->is_string()) throw InputError(file, line_of(*g), "page " + std::to_string(number) + ": 'grid' must be a string");
  if (!p.articles.empty())
    throw InputError(file, line_of(*t.get("articles")),
                     "page " + std::to_string(number) + ": give either 'grid' with [page.areas] or 'articles', not both");
  int grid_line = line_of(*g) + 1;  // rows start on the line after the opening """
  std::string text = *g->value<std::string>();
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string row = text.substr(start, end - start);
    row.erase(std::remove_if(row.begin(), row.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; }),
              row.end());
    if (!row.empty()) p.grid.push_back(row);
    start = end + 1;
  }
  if (p.grid.empty()) throw InputError(file, grid_line, "page " + std::to_string(number) + ": empty grid");
  for (size_t r = 0; r < p.grid.size(); ++r) check_grid_row(p.grid[r], number, file, grid_line + static_cast<int>(r));
  for (size_t r = 0; r < p.grid.size(); ++r)
    if (p.grid[r].size() != p.grid[0].size())
      throw InputError(file, grid_line + static_cast<int>(r),
                       "page " + std::to_string(number) + ": grid rows differ in length");
  if (const toml::node* rows = t.get("rows")) {
    const toml::array* arr = rows->as_array();
    if (!arr) throw InputError(file, line_of(*rows), "'rows' must be an array of line counts");
    for (const toml::node& n : *arr) {
      auto v = integer(n);
      if (!v || *v <= 0 || *v > 10000)
        throw InputError(file, line_of(n), "'rows' entries must be line counts from 1 to 10000");
      p.row_lines.push_back(static_cast<int>(*v));
    }
    if (p.row_lines.size() != p.grid.size())
      throw InputError(file, line_of(*rows),
                       "'rows' has " + std::to_string(p.row_lines.size()) + " entries but the grid has " +
                           std::to_string(p.grid.size()) + " rows");
  }
  p.areas = areas_of(p, file, grid_line);
  const toml::node* an = t.get("areas");
  const toml::table* at = an ? an->as_table() : nullptr;
  if (at)
    for (auto&& [k, v] : *at) {
      bool used = false;
      for (const Area& a : p.areas) used = used || k.str() == std::string(1, a.letter);
      if (!used)
        throw InputError(file, line_of(v), "page " + std::to_string(number) + ": '" + std::string(k.str()).substr(0, 80) +
                                               "' in [page.areas] is not a letter of the grid");
    }
  for (Area& a : p.areas) {
    const toml::node* m = at ? at->get(std::string(1, a.letter)) : nullptr;
    if (m && m->is_table()) {
      a.module = "@span";
      a.span = parse_span(*m->as_table(), number, file);
      continue;
    }
    if (!m || !m->is_string())
      throw InputError(file, at ? line_of(*at) : p.line,
                       "page " + std::to_string(number) + ": letter '" + a.letter + "' has no entry in [page.areas]");
    a.module = *m->value<std::string>();
    check_id(a.module, file, line_of(*m));
  }
  check_spans(p, file);
  return p;
}

// [[page]] tables, `[issue] pages = N` (pages the planner makes up) and `unplaced`.
void read_pages(const toml::table& root, const toml::table& is, Issue& issue) {
  const toml::node* pages = root.get("page");
  if (pages && !pages->is_array_of_tables()) throw InputError(issue.file, line_of(*pages), "'page' must be [[page]] tables");
  int number = 0;
  if (pages)
    for (const toml::node& pn : *pages->as_array()) issue.pages.push_back(parse_page(*pn.as_table(), ++number, issue.file));
  if (const toml::node* n = is.get("pages")) {
    auto v = integer(*n);
    if (!v || *v < 1 || *v > 512) throw InputError(issue.file, line_of(*n), "'pages' must be a page count from 1 to 512");
    if (*v < number)
      throw InputError(issue.file, line_of(*n), "'pages' is " + std::to_string(*v) + " but there are " +
                                                    std::to_string(number) + " [[page]] tables");
    issue.page_count = static_cast<int>(*v);
    issue.lines["pages"] = line_of(*n);
    while (static_cast<int>(issue.pages.size()) < issue.page_count) {
      PagePlan p;
      p.number = static_cast<int>(issue.pages.size()) + 1;
      p.line = line_of(*n);
      issue.pages.push_back(p);
    }
  }
  if (issue.pages.empty()) throw InputError(issue.file, 1, "no [[page]] in the page plan and no [issue] pages = N");
  issue.page_count = static_cast<int>(issue.pages.size());
  if (const toml::node* n = is.get("unplaced")) {
    issue.unplaced = id_list(*n, "unplaced", issue.file);
    issue.lines["unplaced"] = line_of(*n);
  }
}

// Every article file of the folder, in name order (never the file system's order);
// an id a page names that has no file is an error at the page's line.
void read_articles(Issue& issue) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(issue.dir))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  // Read and parsed side by side (a 64-page issue has hundreds of files); a
  // fault is the first file's in name order, whatever the thread count.
  std::vector<Article> parsed(files.size());
  for_each_parallel(files.size(), [&](size_t i) {
    parsed[i] = parse_article(files[i].stem().string(), files[i].string(), read_file(files[i].string()));
  });
  for (size_t i = 0; i < files.size(); ++i) issue.articles[files[i].stem().string()] = std::move(parsed[i]);
  auto known = [&](const std::string& id, int line, const std::string& where) {
    if (id.empty() || id[0] == '@' || issue.articles.count(id)) return;
    throw InputError(issue.file, line, where + "unknown article '" + id + "' (no " + id + ".md in the issue folder)");
  };
  for (const PagePlan& p : issue.pages) {
    std::string where = "page " + std::to_string(p.number) + ": ";
    for (const Area& a : p.areas) known(a.module, p.line, where);
    for (const std::string& id : p.articles) known(id, p.line, where);
  }
  for (const std::string& id : issue.unplaced) known(id, issue.lines["unplaced"], "unplaced: ");
}

}  // namespace

std::string toml_quoted(const std::string& s) {
  std::ostringstream out;
  out << toml::toml_formatter(toml::value<std::string>(s), toml::format_flags::allow_unicode_strings);
  return out.str();
}

std::string area_toml(const Area& a) {
  if (a.module != "@span") return toml_quoted(a.module);
  const SpanHead& h = a.span;
  std::string s = "{ span = " + toml_quoted(h.over);
  for (auto [key, value] : {std::pair{"kicker", &h.kicker}, {"title", &h.title}, {"subtitle", &h.subtitle}})
    if (!value->empty()) s += std::string(", ") + key + " = " + toml_quoted(*value);
  return s + ", headline = " + toml_quoted(h.headline) + " }";
}

namespace {

// [paper.schedule]: the 总期号 counted from a reference issue, days without an issue.
void read_schedule(const toml::table& paper, Issue& issue) {
  const toml::node* s = paper.get("schedule");
  if (!s) return;
  const toml::table* st = s->as_table();
  if (!st) throw InputError(issue.file, line_of(*s), "[paper.schedule] must be a table");
  check_keys(*st, kScheduleKeys, "[paper.schedule]", issue.file);
  auto date_text = [&](const toml::node& n) {
    auto d = n.value<toml::date>();
    if (!d) throw InputError(issue.file, line_of(n), "dates in [paper.schedule] are TOML dates (2024-05-07)");
    char b[16];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", d->year, d->month, d->day);
    return std::string(b);
  };
  if (const toml::node* r = st->get("reference")) {
    const toml::table* rt = r->as_table();
    const toml::node* rd = rt ? rt->get("date") : nullptr;
    const toml::node* rn = rt ? rt->get("number") : nullptr;
    if (!rd || !rn || !integer(*rn) || *integer(*rn) <= 0 || *integer(*rn) > 100000000)
      throw InputError(issue.file, line_of(*r), "reference needs { date = YYYY-MM-DD, number = N } with N from 1 to 100000000");
    issue.paper.schedule.reference_date = date_text(*rd);
    issue.paper.schedule.reference_number = static_cast<int>(*integer(*rn));
    issue.lines["reference"] = line_of(*r);
  }
  if (const toml::node* ni = st->get("no_issue")) {
    const toml::array* arr = ni->as_array();
    if (!arr) throw InputError(issue.file, line_of(*ni), "no_issue must be an array of dates");
    for (const toml::node& d : *arr) issue.paper.schedule.no_issue.push_back(date_text(d));
  }
}

// [paper]: the paper's name and furniture.
void read_paper(const toml::table& root, Issue& issue) {
  const toml::table& paper = want_table(root, "paper", issue.file);
  check_keys(paper, kPaperKeys, "[paper]", issue.file);
  int pl = line_of(paper);
  issue.paper.name = want_string(paper, "name", issue.file, pl, true);
  if (const toml::node* n = paper.get("name")) issue.lines["name"] = line_of(*n);
  issue.paper.sponsor = want_string(paper, "sponsor", issue.file, pl, false);
  issue.paper.publisher = want_string(paper, "publisher", issue.file, pl, false);
  issue.paper.cn = want_string(paper, "cn", issue.file, pl, false);
  if (const toml::node* n = paper.get("cn")) issue.lines["cn"] = line_of(*n);
  issue.paper.masthead_image = want_string(paper, "masthead_image", issue.file, pl, false);
  for (auto [key, field] : {std::pair{"post_code", &issue.paper.post_code}, {"web", &issue.paper.web},
                            {"price", &issue.paper.price}, {"address", &issue.paper.address},
                            {"phone", &issue.paper.phone}, {"printer", &issue.paper.printer}})
    *field = want_string(paper, key, issue.file, pl, false);
  if (const toml::node* n = paper.get("masthead_image")) issue.lines["masthead_image"] = line_of(*n);
  read_schedule(paper, issue);
}

// [issue]: date, number, layout, weather.
const toml::table& read_issue_table(const toml::table& root, Issue& issue) {
  const toml::table& is = want_table(root, "issue", issue.file);
  check_keys(is, kIssueKeys, "[issue]", issue.file);
  const toml::node* d = is.get("date");
  if (!d || !d->is_date()) throw InputError(issue.file, line_of(is), "[issue] needs 'date' as a TOML date (2024-05-07)");
  toml::date date = *d->value<toml::date>();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  issue.date = buf;
  issue.lines["date"] = line_of(*d);
  issue.weather = want_string(is, "weather", issue.file, line_of(is), false);
  if (const toml::node* n = is.get("number")) {
    issue.lines["number"] = line_of(*n);
    auto v = integer(*n);
    if (!v || *v <= 0 || *v > 100000000)
      throw InputError(issue.file, line_of(*n), "'number' must be a whole number from 1 to 100000000");
    issue.number = static_cast<int>(*v);
  }
  std::string layout = want_string(is, "layout", issue.file, line_of(is), false);
  if (const toml::node* n = is.get("layout")) issue.lines["layout"] = line_of(*n);
  if (!layout.empty()) {
    bool ok = layout.size() <= 64;
    for (char c : layout) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    if (!ok)
      throw InputError(issue.file, issue.lines["layout"],
                       "'" + layout.substr(0, 80) + "' is not a layout name (letters, digits, - and _, at most 64)");
  }
  if (!layout.empty()) issue.layout = layout;
  return is;
}

}  // namespace

Issue load_issue(const std::string& dir) {
  Issue issue;
  issue.dir = dir;
  issue.file = (fs::path(dir) / "issue.toml").string();
  std::string text = read_file(issue.file);
  toml::table root;
  try {
    root = toml::parse(text, issue.file);
  } catch (const toml::parse_error& e) {
    throw InputError(issue.file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  check_keys(root, kRootKeys, "issue.toml", issue.file);
  read_paper(root, issue);
  const toml::table& is = read_issue_table(root, issue);
  read_pages(root, is, issue);
  read_articles(issue);
  return issue;
}

}  // namespace paiban
