// The command line's subcommands, one file each.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "import/import.h"
#include "pipeline/pipeline.h"

#include "plan/plan.h"

namespace paiban::cli {

// Each adds its subcommand to the app and returns what runs it (exit status).
std::function<int()> add_build(CLI::App& app);
std::function<int()> add_proof(CLI::App& app);
std::function<int()> add_fit(CLI::App& app);
std::function<int()> add_preflight(CLI::App& app);
std::function<int()> add_plan(CLI::App& app);

// Why each module of an automatic page sits where it does, one line each.
void print_plan_notes(const std::vector<PlanNote>& notes);
std::function<int()> add_import(CLI::App& app);
// paiban-serve's command (serve.cpp, serve_main.cpp); paiban lists it and
// runs paiban-serve in its place.
std::function<int()> add_serve(CLI::App& app);
inline constexpr const char* kServeSummary = "the proof desk: live page proofs in a browser, updated on every save";

// Imports a copy file into `dir` (default issues/<date>); returns the folder.
std::string import_to(const std::string& file, const std::string& dir, bool force, const std::string& encoding,
                      bool quiet_report, const std::string& root = "");

// `paiban build FILE.txt`: when the issue given is a copy file rather than a
// folder, imports it into a temporary folder (removed with this object) and
// points the options at it; the import report goes to stderr.
class CopyFolder {
 public:
  CopyFolder(BuildOptions& opt, const std::string& encoding);
  ~CopyFolder();
  CopyFolder(const CopyFolder&) = delete;
  CopyFolder& operator=(const CopyFolder&) = delete;

 private:
  std::string temp_;
};

// When automatic makeup finds no page count for an imported issue: plain page
// plans (each story a full-width band, stacked in the order of the copy), as
// [[page]] tables to append to the issue's issue.toml, and how many pages they
// take. stack.cpp.
struct StackedPlans {
  std::string toml;
  int pages = 0;
};
StackedPlans stacked_plans(const ImportedIssue& imported, const Issue& issue, const Layout& layout,
                           const FontRegistry& fonts);

// Prints an exception the way every command does; returns the exit status.
int report_error(const std::exception& e);

}  // namespace paiban::cli
