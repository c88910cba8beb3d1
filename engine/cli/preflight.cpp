// paiban preflight: checks any PDF against PDF/X-1a for newspaper print.
#include <cstdio>

#include "cli/commands.h"
#include "preflight/preflight.h"

namespace paiban::cli {

std::function<int()> add_preflight(CLI::App& app) {
  struct Args {
    std::string file;
    bool json = false;
    PreflightLimits limits;
  };
  auto a = std::make_shared<Args>();
  CLI::App* p = app.add_subcommand("preflight", "check a PDF (ours or an advertiser's) for newspaper print (PDF/X-1a)");
  p->add_option("pdf", a->file, "the PDF to check")->required();
  p->add_flag("--json", a->json, "the report as JSON");
  p->add_option("--tac", a->limits.max_tac, "total area coverage limit in percent (default 220)");
  p->add_option("--min-text", a->limits.min_text_pt, "smallest text in pt (default 6)");
  return [a] {
    PreflightReport r = preflight(a->file, a->limits);
    std::fputs((a->json ? r.json() : r.text()).c_str(), stdout);
    return r.passed() ? 0 : 1;
  };
}

}  // namespace paiban::cli
