// paiban plan: the page plans automatic makeup chooses, in the issue format;
// --write puts them into issue.toml for the editor to go on by hand.
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "model/issue.h"
#include "pipeline/pipeline.h"
#include "plan/plan.h"
#include "proof/proof.h"
#include "style/layout.h"

namespace paiban::cli {

void print_plan_notes(const std::vector<PlanNote>& notes) {
  for (const PlanNote& n : notes)
    std::printf("page %d %c %-12s %s\n", n.page, n.letter, n.module.c_str(), n.why.c_str());
}

std::function<int()> add_plan(CLI::App& app) {
  struct Args {
    std::string dir, root;
    bool write = false, report = false, allow_overset = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* p = app.add_subcommand("plan", "print the page plans automatic makeup chooses (grid, rows, [page.areas])");
  p->add_option("issue", a->dir, "issue folder")->required();
  p->add_flag("--write", a->write, "write the plans into issue.toml (what precedes the first [[page]] is kept)");
  p->add_flag("--report", a->report, "one line per module: why it sits where it does");
  p->add_flag("--allow-overset", a->allow_overset, "plan even when the copy cannot fit");
  p->add_option("--root", a->root, "folder with layouts/ and fonts/");
  return [a] {
    try {
      Issue issue = load_issue(a->dir);
      std::string root = a->root.empty() ? project_root(a->dir) : a->root;
      Layout layout = load_layout(root + "/layouts/" + issue.layout + ".toml");
      FontRegistry fonts(root + "/fonts/fonts.toml");
      PlannedIssue planned = plan_issue(issue, layout, fonts, PlanOptions{a->allow_overset, nullptr});
      for (const Notice& n : planned.notices) std::fprintf(stderr, "%s\n", format_notice(n).c_str());
      if (!planned.ok()) {
        std::fprintf(stderr, "paiban: the copy does not fit; %s was not changed\n", issue.file.c_str());
        return 1;
      }
      if (a->report) print_plan_notes(planned.notes);
      if (a->write) {
        std::string before = read_file(issue.file);
        save_atomically(issue.file, rewrite_issue_toml(before, planned));
        std::printf("rewrote %s: every [[page]] table replaced by the %zu planned pages; the lines before the first "
                    "[[page]] are kept as they were\n",
                    issue.file.c_str(), planned.issue.pages.size());
        return 0;
      }
      if (!a->report)
        for (const PagePlan& pg : planned.issue.pages) std::printf("%s\n", page_toml(pg).c_str());
      return 0;
    } catch (const std::exception& e) {
      return report_error(e);
    }
  };
}

}  // namespace paiban::cli
