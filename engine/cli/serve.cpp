// paiban serve: the proof desk in a browser — pages, fit report and notices,
// redrawn on every save; "send to press" writes the print PDF. Built into
// paiban-serve, which `paiban serve` runs in its place (main.cpp).
#include "cli/commands.h"
#include "serve/serve.h"

namespace paiban::cli {

std::function<int()> add_serve(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* s = app.add_subcommand("serve", kServeSummary);
  s->add_option("issue", o->issue_dir, "issue folder")->required();
  s->add_option("--port", o->port, "port to listen on (default 8080; 0 = any free port)")->check(CLI::Range(0, 65535));
  s->add_option("--bind", o->bind, "address to listen on (default 127.0.0.1: this machine only)");
  s->add_option("-o,--output", o->output, "where send to press writes the PDF (default: out/<issue>.pdf)");
  s->add_option("--dpi", o->dpi, "page image resolution (default 100)")->check(CLI::Range(20.0, 300.0));
  s->add_option("--root", o->root, "folder with layouts/ and fonts/ (default: found from the issue folder)");
  return [o] {
    try {
      return serve(*o);
    } catch (const std::exception& e) {
      return report_error(e);
    }
  };
}

}  // namespace paiban::cli
