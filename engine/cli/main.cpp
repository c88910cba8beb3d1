// paiban: typeset a Chinese daily newspaper from an issue folder.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/commands.h"

namespace {

// `paiban serve ARGS` runs paiban-serve (beside this program) with the same
// arguments: the HTTP server and the OpenSSL it loads cost every process that
// links them milliseconds at start, and only the desk needs them.
int run_serve(char** argv) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::string serve = (self.parent_path() / "paiban-serve").string();
  execv(serve.c_str(), argv);
  std::fprintf(stderr, "paiban: cannot run %s: %s\n", serve.c_str(), std::strerror(errno));
  return 3;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "serve") == 0) return run_serve(argv);
  CLI::App app{"paiban 排版 — typesets a Chinese daily newspaper from an issue folder into print-ready PDF"};
  app.set_version_flag("--version", std::string("paiban ") + PAIBAN_VERSION);
  app.require_subcommand(1);
  std::vector<std::function<int()>> commands = {paiban::cli::add_build(app), paiban::cli::add_proof(app),
                                                paiban::cli::add_fit(app), paiban::cli::add_preflight(app),
                                                paiban::cli::add_import(app), paiban::cli::add_plan(app)};
  app.add_subcommand("serve", paiban::cli::kServeSummary);  // listed here, run by paiban-serve (above)
  CLI11_PARSE(app, argc, argv);
  size_t i = 0;
  for (CLI::App* sub : app.get_subcommands({}))
    if (sub->parsed()) return i < commands.size() ? commands[i]() : 2;
    else ++i;
  return 2;
}
