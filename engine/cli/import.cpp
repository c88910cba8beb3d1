// paiban import: a day's copy (one text file) to an issue folder, with a
// report of every repair; and the text-file path of build and proof.
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fstream>

#include "cli/commands.h"
#include "fonts/fonts.h"
#include "import/import.h"
#include "model/issue.h"
#include "pipeline/pipeline.h"

namespace paiban::cli {

namespace fs = std::filesystem;

namespace {

std::string counts(const std::vector<int>& tried) {
  std::string s;
  for (size_t i = 0; i < tried.size(); ++i)
    s += (i == 0 ? "" : i + 1 == tried.size() ? " or " : ", ") + std::to_string(tried[i]);
  return s;
}

// The pages of an imported issue: made up automatically on the fewest even
// page count that holds the copy, or, when the planner fits none, stacked
// (stack.cpp) so that an import never fails for want of makeup. Either way the
// report says which, and issue.toml and the report are written again.
void make_up(ImportedIssue& is, const std::string& dir, const std::string& root) {
  Issue issue = load_issue(dir);
  Layout layout = load_layout(root + "/layouts/" + issue.layout + ".toml");
  FontRegistry fonts(root + "/fonts/fonts.toml");
  PageCount count = fit_page_count(issue, layout, fonts);
  is.makeup_pages = count.pages;
  if (count.pages) {
    is.makeup = "automatic, " + std::to_string(count.pages) + " pages (the fewest even count on which every story fits; " +
                "the copy's area asks for " + std::to_string(count.estimate) + "; tried " + counts(count.tried) + ")";
    if (is.pages > 0 && is.pages != count.pages)
      is.notes.push_back({ImportNote::Warning, is.pages_line,
                          "the masthead says " + std::to_string(is.pages) + " pages but the copy makes up on " +
                              std::to_string(count.pages) + "; issue.toml says pages = " + std::to_string(count.pages) +
                              " and the masthead will print that count"});
  } else {
    std::string why;
    for (const Notice& n : count.notices)
      if (n.level == Notice::Error) why += (why.empty() ? "" : "; ") + n.what;
    is.makeup = "stacked, one story a full-width band (automatic makeup fitted no page count)";
    is.notes.push_back({ImportNote::Warning, 0,
                        "automatic makeup fitted the copy on none of " + counts(count.tried) +
                            " pages, so the pages are stacked one story a band (edit issue.toml to make them up): " + why});
  }
  if (count.pages) {
    write_issue_head(is, dir);
    return;
  }
  // The stacked pages come as they come; a paper prints in leaves of two pages.
  const StackedPlans stacked = stacked_plans(is, issue, layout, fonts);
  if (stacked.pages % 2 == 1)
    is.notes.push_back({ImportNote::Warning, 0,
                        "the stacked pages come to " + std::to_string(stacked.pages) +
                            ", an odd count: a paper prints in leaves of two pages, so add copy or a page of "
                            "advertising, or cut"});
  write_issue_head(is, dir);
  std::ofstream f(issue.file, std::ios::app);
  f << stacked.toml;
  if (!f) throw InputError(issue.file, 0, "cannot write the page plans");
}

}  // namespace

std::string import_to(const std::string& file, const std::string& dir, bool force, const std::string& encoding,
                      bool quiet_report, const std::string& root) {
  ImportedIssue issue = import_file(file, ImportOptions{encoding});
  std::string out = dir.empty() ? "issues/" + issue.date : dir;
  issue.makeup_pages = std::max(2, issue.pages);  // issue.toml needs a count to load; make_up chooses it
  write_issue(issue, out, force);
  make_up(issue, out, root.empty() ? project_root(fs::absolute(file).parent_path().string()) : root);
  std::string report = import_report(issue);
  if (!quiet_report) std::fputs(report.c_str(), stderr);
  std::fprintf(stderr, "paiban import: wrote %s (%zu articles; report in %s/import-report.txt)\n", out.c_str(),
               issue.articles.size(), out.c_str());
  return out;
}

std::function<int()> add_import(CLI::App& app) {
  struct Args {
    std::string file, out, encoding, root;
    bool force = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* c = app.add_subcommand("import", "a day's copy (text or Markdown file) to an issue folder, with a report of every repair");
  c->add_option("file", a->file, "copy file, e.g. copy/2024-05-07.txt")->required()->check(CLI::ExistingFile);
  c->add_option("-o,--output", a->out, "issue folder to write (default: issues/<date>)");
  c->add_flag("--force", a->force, "write into an existing folder");
  c->add_option("--root", a->root, "folder with layouts/ and fonts/, to make up the pages (default: found from the copy)");
  c->add_option("--encoding", a->encoding, "the file's charset (e.g. GB18030, UTF-16LE); default: detected");
  return [a] {
    try {
      import_to(a->file, a->out, a->force, a->encoding, false, a->root);
      return 0;
    } catch (const std::exception& e) {
      return report_error(e);
    }
  };
}

}  // namespace paiban::cli

namespace paiban::cli {

CopyFolder::CopyFolder(BuildOptions& opt, const std::string& encoding) {
  if (!fs::is_regular_file(opt.issue_dir)) return;
  std::string file = opt.issue_dir;
  std::string tmpl = (fs::temp_directory_path() / "paiban-import-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a temporary folder for the import");
  temp_ = tmpl;
  ImportedIssue issue = import_file(file, ImportOptions{encoding});
  // The folder is named by the date, as issues/ are: out/<date>.pdf by default.
  fs::path dir = fs::path(temp_) / issue.date;
  issue.makeup_pages = std::max(2, issue.pages);
  write_issue(issue, dir.string(), false);
  if (opt.root.empty()) opt.root = project_root(fs::absolute(file).parent_path().string());
  make_up(issue, dir.string(), opt.root);
  std::fputs(import_report(issue).c_str(), stderr);
  opt.issue_dir = dir.string();
}

CopyFolder::~CopyFolder() {
  std::error_code ec;
  if (!temp_.empty()) fs::remove_all(temp_, ec);
}

}  // namespace paiban::cli
