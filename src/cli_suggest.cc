// "Did you mean" on the command line. CLI11 reports an unknown argument as "not expected"
// without naming what was meant; this finds the subcommand or option the user most likely
// misspelt with the project's one edit-distance helper.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cli_commands.h"
#include "diagnostics.h"
#include "edit_distance.h"

namespace ag {
namespace {

const Location kCommandLine{"aurora-gen", 0, 0};

std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : cmd.get_options()) {
    for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
    for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

// The option a token names: "--out-dir=x" names "--out-dir", "-ofile" names "-o".
std::string option_of(const std::string& token) {
  if (token.rfind("--", 0) == 0) return token.substr(0, token.find('='));
  return token.substr(0, 2);
}

bool is_option(const std::string& token) { return token.size() > 1 && token[0] == '-'; }

// The first option token in [begin, args.end()) that `cmd` does not know, stopping at "--".
std::optional<std::string> unknown_option(const CLI::App& cmd, const std::vector<std::string>& args,
                                          std::size_t begin, std::size_t end) {
  const std::vector<std::string> known = option_names(cmd);
  for (std::size_t i = begin; i < end && args[i] != "--"; ++i) {
    if (!is_option(args[i])) continue;
    const std::string name = option_of(args[i]);
    if (std::find(known.begin(), known.end(), name) == known.end()) return name;
  }
  return std::nullopt;
}

Diagnostic unknown(const std::string& rule, const std::string& message, const std::string& word,
                   const std::vector<std::string>& candidates, const std::string& fallback) {
  const std::string near = nearest(word, candidates);
  return {Severity::Error, rule, message, kCommandLine,
          near.empty() ? fallback : "did you mean '" + near + "'?"};
}

Diagnostic unknown_command(const CLI::App& app, const std::string& name) {
  std::string list;
  for (const std::string& n : command_names(app)) list += (list.empty() ? "" : ", ") + n;
  return unknown("cli.unknown-command", "unknown command '" + name + "'", name, command_names(app),
                 "the commands are " + list);
}

}  // namespace

std::optional<Diagnostic> unknown_argument(const CLI::App& app, int argc, const char* const* argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::size_t first = 0;
  while (first < args.size() && is_option(args[first])) ++first;
  if (auto name = unknown_option(app, args, 0, first)) {
    return unknown("cli.unknown-option", "unknown option '" + *name + "'", *name, option_names(app),
                   "'aurora-gen --help' lists the options");
  }
  if (first == args.size()) return std::nullopt;
  const CLI::App* cmd = nullptr;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->check_name(args[first])) cmd = sub;
  }
  if (cmd == nullptr) return unknown_command(app, args[first]);
  if (auto name = unknown_option(*cmd, args, first + 1, args.size())) {
    return unknown("cli.unknown-option",
                   "unknown option '" + *name + "' for 'aurora-gen " + cmd->get_name() + "'", *name,
                   option_names(*cmd),
                   "'aurora-gen " + cmd->get_name() + " --help' lists the options");
  }
  return std::nullopt;
}

}  // namespace ag
