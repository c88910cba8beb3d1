// paiban-serve: the program behind `paiban serve` (paiban runs it in its own
// place, same arguments), so only the proof desk loads the HTTP server.
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{std::string("paiban serve — ") + paiban::cli::kServeSummary};
  app.require_subcommand(1);
  std::function<int()> serve = paiban::cli::add_serve(app);
  CLI11_PARSE(app, argc, argv);
  return serve();
}
