// The command line's subcommands, one file each.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace paiban::cli {

// Each adds its subcommand to the app and returns what runs it (exit status).
std::function<int()> add_build(CLI::App& app);
std::function<int()> add_proof(CLI::App& app);
std::function<int()> add_fit(CLI::App& app);
std::function<int()> add_preflight(CLI::App& app);

// Prints an exception the way every command does; returns the exit status.
int report_error(const std::exception& e);

}  // namespace paiban::cli
