// The commands that live in files of their own (graph, init, schema), and what every
// command shares on the command line: examples in --help, and "did you mean" when CLI11
// refuses an argument. run_cli() wires them with a few calls.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "diagnostics.h"

namespace ag {

// A subcommand added to the app, and how to run it once CLI11 has parsed it.
struct Command {
  CLI::App* cmd;
  std::function<int()> run;
};

Command add_graph_command(CLI::App& app);
Command add_init_command(CLI::App& app);
Command add_schema_command(CLI::App& app);

// All of the above, in the order --help lists them.
std::vector<Command> add_commands(CLI::App& app);

// Sets each command's --help footer (and the app's) to its examples (cli_help.cc).
void add_examples(CLI::App& app);

// After CLI11 refused the command line: when the cause is an unknown subcommand or option,
// that as a diagnostic (cli.unknown-command, cli.unknown-option) with the nearest real one
// as a hint; nullopt leaves the message to CLI11 (cli_suggest.cc).
std::optional<Diagnostic> unknown_argument(const CLI::App& app, int argc, const char* const* argv);

}  // namespace ag
