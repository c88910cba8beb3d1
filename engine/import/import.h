// import.h — wire copy to an issue folder (`paiban import`).
//
// Copy reaches a newspaper as one text file per day or per page: masthead
// lines, banners and titles, subtitle and byline lines, datelines opening the
// first paragraph, bold subheads, paragraphs — with the damage such files
// carry (paragraphs broken mid-sentence, stray English words). This stage
// reads such a file in any encoding a newsroom meets, recognises the parts of
// every story from their shape and position, repairs what is broken, and
// writes an issue folder (docs/issue-format.md) plus a report of every repair,
// so that nothing is changed silently. docs/import.md lists the shapes.
#pragma once

#include <string>
#include <vector>

namespace paiban {

struct ImportOptions {
  std::string encoding;  // forced charset (ICU converter name); empty = detect
};

// One line of the import report: what was found or changed, and where.
struct ImportNote {
  enum Kind { Repair, Flag, Unclassified, Warning } kind = Warning;
  int line = 0;       // line of the input file (1-based); 0 = the whole file
  std::string text;   // what happened, in words
};

// A paragraph or subhead of an imported story, as Markdown text.
struct ImportedBlock {
  std::string text;
  bool subhead = false;
  int line = 0;  // first input line
};

struct ImportedArticle {
  std::string id;  // file stem: the title in pinyin, short and unique
  std::string section, kicker, title, subtitle, byline, dateline;
  std::string headline;  // headline style, empty = the layout's default
  std::string caption, credit, image;  // photo articles: caption, 摄 credit, image path
  bool photo = false;
  bool placeholder_title = false;  // copy before any title: the title is the importer's, not the copy's
  int priority = 0;  // 1 = most important (the order of the copy)
  int line = 0;      // input line where the story starts
  std::vector<ImportedBlock> body;
};

struct ImportedIssue {
  std::string source;                      // input file name, for messages
  std::string encoding;                    // charset the bytes were read as
  int confidence = 100;                    // ICU's confidence in a guessed charset
  bool guessed = false;                    // charset detected rather than known
  std::string name, sponsor, publisher, cn;  // paper
  std::string date;                        // YYYY-MM-DD
  int number = 0;                          // 总期号, 0 = not printed
  int pages = 0;                           // 今日N版, 0 = not printed
  int pages_line = 0;                      // the masthead line that prints it
  // `[issue] pages` for automatic makeup (0: none; the pages are planned in
  // issue.toml), and what the report says of the makeup.
  int makeup_pages = 0;
  std::string makeup;
  std::vector<ImportedArticle> articles;   // in the order of the copy
  std::vector<ImportNote> notes;
  int halfwidth = 0;  // half-width , : ; ( ) ! ? next to Chinese (for the copy desk)
};

// Reads copy (bytes of a text or Markdown file) into an issue. Throws
// InputError naming source:line for input it cannot read (bad encoding, no
// date), and std::logic_error if a character of the copy would be lost.
ImportedIssue import_copy(const std::string& bytes, const std::string& source, const ImportOptions& options = {});

// Reads the file and imports it.
ImportedIssue import_file(const std::string& path, const ImportOptions& options = {});

// The article files as written: id → Markdown text with TOML front matter.
std::string article_markdown(const ImportedArticle& article);
std::string issue_toml(const ImportedIssue& issue);
std::string import_report(const ImportedIssue& issue);

// Writes issue.toml, one .md per article, import-report.txt and placeholder
// images into `dir`. Refuses (InputError) an existing folder unless `force`.
void write_issue(const ImportedIssue& issue, const std::string& dir, bool force);

// Writes issue.toml and import-report.txt again (once the page count is chosen).
void write_issue_head(const ImportedIssue& issue, const std::string& dir);

}  // namespace paiban
