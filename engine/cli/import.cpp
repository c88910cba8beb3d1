// paiban import: a day's copy (one text file) to an issue folder, with a
// report of every repair; and the text-file path of build and proof.
#include <stdlib.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "import/import.h"
#include "model/issue.h"
#include "pipeline/pipeline.h"

namespace paiban::cli {

namespace fs = std::filesystem;

std::string import_to(const std::string& file, const std::string& dir, bool force, const std::string& encoding,
                      bool quiet_report) {
  ImportedIssue issue = import_file(file, ImportOptions{encoding});
  std::string out = dir.empty() ? "issues/" + issue.date : dir;
  write_issue(issue, out, force);
  if (!kImportAutoMakeup) append_stacked_plans(issue, out, project_root(fs::absolute(file).parent_path().string()));
  std::string report = import_report(issue);
  if (!quiet_report) std::fputs(report.c_str(), stderr);
  std::fprintf(stderr, "paiban import: wrote %s (%zu articles; report in %s/import-report.txt)\n", out.c_str(),
               issue.articles.size(), out.c_str());
  return out;
}

std::function<int()> add_import(CLI::App& app) {
  struct Args {
    std::string file, out, encoding;
    bool force = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* c = app.add_subcommand("import", "a day's copy (text or Markdown file) to an issue folder, with a report of every repair");
  c->add_option("file", a->file, "copy file, e.g. copy/2024-05-07.txt")->required()->check(CLI::ExistingFile);
  c->add_option("-o,--output", a->out, "issue folder to write (default: issues/<date>)");
  c->add_flag("--force", a->force, "write into an existing folder");
  c->add_option("--encoding", a->encoding, "the file's charset (e.g. GB18030, UTF-16LE); default: detected");
  return [a] {
    try {
      import_to(a->file, a->out, a->force, a->encoding, false);
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
  write_issue(issue, dir.string(), false);
  std::fputs(import_report(issue).c_str(), stderr);
  if (opt.root.empty()) opt.root = project_root(fs::absolute(file).parent_path().string());
  if (!kImportAutoMakeup) append_stacked_plans(issue, dir.string(), opt.root);
  opt.issue_dir = dir.string();
}

CopyFolder::~CopyFolder() {
  std::error_code ec;
  if (!temp_.empty()) fs::remove_all(temp_, ec);
}

}  // namespace paiban::cli
