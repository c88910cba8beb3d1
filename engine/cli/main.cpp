// paiban: typeset a Chinese daily newspaper from an issue folder.
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"paiban 排版 — typesets a Chinese daily newspaper from an issue folder into print-ready PDF"};
  app.set_version_flag("--version", std::string("paiban ") + PAIBAN_VERSION);
  app.require_subcommand(1);
  std::vector<std::function<int()>> commands = {paiban::cli::add_build(app), paiban::cli::add_proof(app),
                                                paiban::cli::add_fit(app), paiban::cli::add_preflight(app),
                                                paiban::cli::add_import(app), paiban::cli::add_serve(app),
                                                paiban::cli::add_plan(app)};
  CLI11_PARSE(app, argc, argv);
  size_t i = 0;
  for (CLI::App* sub : app.get_subcommands({}))
    if (sub->parsed()) return commands[i]();
    else ++i;
  return 2;
}
