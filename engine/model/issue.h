// The issue model: what an editor wrote, before any typesetting.
// Parsed from an issue folder (docs/issue-format.md); knows nothing of fonts or pages.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "diag/diag.h"

namespace paiban {

// A run of text in one inline style.
struct Span {
  std::string text;  // UTF-8, NFC
  bool bold = false;
};

enum class BlockKind { Paragraph, Subhead, Image };

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  std::vector<Span> spans;  // Paragraph and Subhead text; Image: the caption
  std::string image;        // Image: path relative to the issue folder
  int line = 0;             // source line, for reports
};

struct Article {
  std::string id;    // file stem, used by the page plan
  std::string file;  // path of the .md file
  std::string section, kicker, title, subtitle, byline, dateline;
  std::string headline = "major";  // headline style name in the layout
  std::string jump_title;          // short headline over a continuation
  std::string credit;              // photo credit
  std::string note;                // free remark for editors
  bool sample = false;             // text written for the project, not news
  bool headline_named = false;      // the front matter names the style (else makeup may choose it)
  int priority = 0;                // 1 = most important; 0 = not given (after every given one)
  int page = 0;                    // placement hint: the page this article belongs on (0 = any)
  int headline_columns = 0;        // the headline spans this many of the frame's columns (0: all)
  bool boxed = false;              // a frame is drawn around the module (box = true)
  bool fit_image = false;          // photo: fit inside the frame instead of filling it (fit = "fit")
  double focus_x = 0.5, focus_y = 0.5;  // photo: the point kept when cropping (focus = [x, y])
  std::vector<Block> blocks;
  std::map<std::string, int> lines;  // line of each front-matter key
  // What the input cleaning removed or changed (control characters, zero-width
  // characters), by line, so the editor hears of it.
  std::vector<std::pair<int, std::string>> warnings;
};

// 通栏: a headline standing over a group of related modules below it, in a row
// of its own (`S = { span = "AB", title = "…" }` in [page.areas]).
struct SpanHead {
  std::string over;  // the letters of the modules it stands over, side by side under it
  std::string kicker, title, subtitle;
  std::string headline = "major";  // headline style in the layout
  int line = 0;                    // its line in issue.toml
};

// One module on a page plan: a rectangle of grid cells.
struct Area {
  char letter = '.';
  std::string module;  // article id, or a built-in: "@masthead", "@span" (a 通栏 headline)
  int col = 0, cols = 0;  // in grid columns
  int row = 0, rows = 0;  // in plan rows
  SpanHead span;          // module "@span" only
};

struct PagePlan {
  int number = 0;  // 1-based
  std::string section, editor;
  std::vector<std::string> grid;  // one string per plan row; empty = the planner draws it
  std::vector<int> row_lines;     // heights in body lines; empty = the planner fits them to the copy
  std::vector<std::string> articles;  // `articles = [...]`: what goes on a page with no grid, by importance
  std::vector<Area> areas;        // in reading order (first cell, row-major)
  int line = 0;                   // line of the [[page]] table in issue.toml
};

// A daily's schedule: one issue a day, counted from a reference issue, less
// the dates without an issue.
struct Schedule {
  std::string reference_date;  // YYYY-MM-DD, empty = none
  int reference_number = 0;
  std::vector<std::string> no_issue;  // YYYY-MM-DD
};

struct Paper {
  std::string name, sponsor, publisher, cn;
  std::string masthead_image;  // calligraphy artwork (PNG or JPEG) instead of the name set in type
  // Optional furniture: in the masthead panel (邮发代号, web address, price) and
  // the imprint at the foot of the last page (address, phone, printer).
  std::string post_code, web, price, address, phone, printer;
  Schedule schedule;
};

struct Issue {
  std::string dir;
  std::string file;  // issue.toml
  Paper paper;
  std::string date;  // YYYY-MM-DD
  std::string weather;  // 天气 line in the masthead panel (optional)
  int number = 0;    // 0 = let the engine compute it
  std::string layout = "broadsheet";
  std::vector<PagePlan> pages;
  int page_count = 0;                  // [issue] pages = N (0: as many as [[page]] tables)
  std::vector<std::string> unplaced;   // [issue] unplaced: articles in the folder no page takes, on purpose
  std::map<std::string, Article> articles;  // every .md file of the folder, by id
  std::map<std::string, int> lines;  // issue.toml line of keys such as "cn", "number", "date"

  // The issue.toml line of `key`, 0 when it is not there.
  int line(const std::string& key) const {
    auto it = lines.find(key);
    return it == lines.end() ? 0 : it->second;
  }
};

// Reads an issue folder. Throws InputError naming file:line on bad input.
Issue load_issue(const std::string& dir);

// The issue's date; a bad one is an InputError at issue.toml's date line.
Date issue_date(const Issue& issue);

// 总期号: the number typed in issue.toml, checked against the paper's schedule,
// or computed from the schedule when none is typed. Throws InputError.
int resolve_issue_number(const Issue& issue);

// Parses one article file's text (front matter + Markdown body).
Article parse_article(const std::string& id, const std::string& file, const std::string& text);

// A string as issue.toml and front matter take it: a TOML basic string, quoted
// by toml++ (for whoever writes issue files: plans, tests).
std::string toml_quoted(const std::string& s);

// An area's value in [page.areas] as issue.toml takes it: the article id, or a
// span's table ({ span = "AB", title = "…", … }), for whoever writes plans back.
std::string area_toml(const Area& a);

}  // namespace paiban
