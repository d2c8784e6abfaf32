// GCC 12 at -O2 reports a "potential null pointer dereference" inside libstdc++'s string
// relocation as inlined into CLI11's CLI::detail::split (a vector<string> growing); whether it
// fires depends on unrelated inlining decisions, and the pointer cannot be null there, so the
// warning is silenced for this file only.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "cli.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <CLI/CLI.hpp>

#include "batch.h"
#include "cli_commands.h"
#include "cli_common.h"
#include "cli_plan.h"
#include "drift.h"
#include "embedded_assets.h"
#include "explain.h"
#include "loader.h"
#include "output_tree.h"
#include "parallel.h"
#include "pipeline.h"
#include "render.h"

namespace ag {
namespace {

struct Options {
  std::string target = "all";
  std::string out_dir;
  bool check = false;
  bool partial = false;
  std::string format = "text";
  std::string templates_dir;
  unsigned jobs = default_jobs();
  std::vector<std::string> manifests;
  bool strict = false;
};

constexpr std::string_view kTargetNames[] = {"cfn", "terraform", "pulumi"};

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) items.push_back(item);
  return items;
}

// "terraform,pulumi" → those targets, each once, in the order cfn, terraform, pulumi.
std::vector<Target> targets_of(const std::string& list) {
  std::set<std::string> named;
  for (const std::string& item : comma_list(list)) named.insert(item);
  std::vector<Target> out;
  for (std::size_t i = 0; i < std::size(kTargetNames); ++i) {
    if (named.count("all") || named.count(std::string(kTargetNames[i]))) {
      out.push_back(static_cast<Target>(i));
    }
  }
  return out;
}

// --target: a target, all, or a comma list of them.
CLI::Validator target_list() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        const std::vector<std::string> items = comma_list(value);
        if (items.empty()) return "--target needs cfn, terraform, pulumi or all";
        for (const std::string& item : items) {
          if (item != "all" && std::find(std::begin(kTargetNames), std::end(kTargetNames), item) ==
                                   std::end(kTargetNames)) {
            return "'" + item +
                   "' is not a target: cfn, terraform, pulumi or all, or a comma "
                   "list of them";
          }
        }
        return {};
      },
      "cfn|terraform|pulumi|all[,...]");
}

// The exit code of a batch that has errors: 2 when a file could not be read or written.
int failure_code(const Batch& b) { return b.io_error() ? kUsage : kFindings; }

// `aurora-gen render` with the call's options but no manifest, as a shell command.
std::string render_command(const Options& o, const std::string& out_dir) {
  std::string command = "aurora-gen render --target " + shell_word(o.target);
  command += " --out-dir " + shell_word(out_dir);
  if (!o.templates_dir.empty()) command += " --templates-dir " + shell_word(o.templates_dir);
  return command;
}

// Why stdout cannot take what the call asks for, and the command that writes it instead.
Diagnostic out_dir_required(const Options& o, const std::vector<Target>& targets) {
  std::string why;
  if (o.manifests.size() != 1) {
    why = "printing to stdout takes one manifest, and this call has " +
          std::to_string(o.manifests.size());
  } else if (targets.size() != 1) {
    why = std::string(o.target == "all" ? "--target all (the default)" : "--target " + o.target) +
          " renders a directory per target";
  } else {
    why =
        "Terraform's root module is six files (main.tf, moved.tf, outputs.tf, providers.tf, "
        "variables.tf, versions.tf)";
  }
  std::string example = render_command(o, "out");
  for (std::size_t i = 0; i < o.manifests.size() && i < 3; ++i) {
    example += " " + shell_word(o.manifests[i]);
  }
  if (o.manifests.size() > 3) example += " ...";
  return {Severity::Error,
          "cli.out-dir-required",
          why + ": give --out-dir DIR to write DIR/<metadata.name>/<target>/",
          {"aurora-gen", 0, 0},
          "for example '" + example +
              "'; or, for one manifest, --target cfn or --target pulumi prints its one file"};
}

// One manifest, one single-file target, on stdout.
int print_single(const Options& o) {
  const std::vector<Target> targets = targets_of(o.target);
  if (o.manifests.size() != 1 || targets.size() != 1 || targets[0] == Target::Terraform) {
    const Batch b = validate_batch(o.manifests, o.jobs);  // their errors come out first
    Diagnostics diags = b.diagnostics();
    if (!b.invalid()) diags.add(out_dir_required(o, targets));
    report(diags, o.format);
    return b.invalid() ? failure_code(b) : kUsage;
  }
  ManifestOutcome m;
  const std::optional<Compiled> c = compile_manifest(o.manifests[0], true, m);
  if (c) {
    report_dropped(*c, targets[0], m.diags);
    std::cout << render(c->graph, targets[0]).front().content;
  }
  report(m.diags, o.format);
  if (c) return strict_exit(m.diags, o.strict, kClean);
  return m.io_error ? kUsage : kFindings;
}

int run_render(const Options& o) {
  if (o.out_dir.empty()) {
    if (o.check) {
      Diagnostics diags;
      diags.error("cli.check-needs-out-dir", "--check compares with --out-dir; give one", {});
      report(diags, o.format);
      return kUsage;
    }
    return print_single(o);
  }
  const std::vector<Target> targets = targets_of(o.target);
  OutputTree out(o.out_dir, o.check ? OutputTree::Mode::Check : OutputTree::Mode::Write);
  const Batch b = render_batch(o.manifests, targets, out, o.jobs);
  Diagnostics diags = b.diagnostics();
  if (b.invalid()) {
    report(diags, o.format);
    return failure_code(b);  // `out` removes what was staged
  }
  if (o.check) {
    report_drift(b, {o.out_dir, targets, render_command(o, o.out_dir), o.partial, o.jobs}, diags);
    report(diags, o.format);
    return strict_exit(diags, o.strict, diags.has_errors() ? kFindings : kClean);
  }
  const bool ok = out.commit(diags);
  report(diags, o.format);
  return strict_exit(diags, o.strict, ok ? kClean : kUsage);
}

std::string counted(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

// validate's last line, in the text format only (JSON and SARIF are documents): how many
// manifests are valid, and how many errors and warnings the lines above hold (a warning the
// manifest records as an exception is not printed, nor counted).
void print_summary(const Batch& b, const Diagnostics& diags) {
  std::size_t invalid = 0, errors = 0, warnings = 0;
  for (const ManifestOutcome& m : b.manifests) invalid += m.invalid ? 1 : 0;
  for (const Diagnostic& d : diags.items()) {
    if (d.suppressed.empty()) (d.severity == Severity::Error ? errors : warnings)++;
  }
  const std::size_t n = b.manifests.size();
  std::string line = "aurora-gen validate: ";
  if (invalid == 0) {
    line += counted(n, "manifest") + (n == 1 ? " is" : " are") + " valid";
  } else {
    line += std::to_string(invalid) + " of " + counted(n, "manifest") +
            (invalid == 1 ? " is" : " are") + " invalid";
  }
  std::string counts;
  if (errors > 0) counts = counted(errors, "error");
  if (warnings > 0) counts += (counts.empty() ? "" : ", ") + counted(warnings, "warning");
  std::cerr << line << (counts.empty() ? "" : " (" + counts + ")") << "\n";
}

int run_validate(const Options& o) {
  const Batch b = validate_batch(o.manifests, o.jobs);
  const Diagnostics diags = b.diagnostics();
  report(diags, o.format);
  if (o.format == "text") print_summary(b, diags);
  if (b.io_error()) return kUsage;
  return strict_exit(diags, o.strict, b.invalid() ? kFindings : kClean);
}

int run_explain(const Options& o) {
  Batch b;
  std::vector<Compiled> graphs;
  for (const std::string& path : o.manifests) {
    if (auto c = compile_manifest(path, true, b.manifests.emplace_back())) {
      graphs.push_back(std::move(*c));
    }
  }
  const Diagnostics diags = b.diagnostics();
  report(diags, o.format);
  if (b.invalid()) return failure_code(b);
  if (o.format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const Compiled& c : graphs) all.push_back(explain_json(c.graph, c.manifest.path));
    std::cout << nlohmann::ordered_json{{"manifests", std::move(all)}}.dump(2) << "\n";
    return strict_exit(diags, o.strict, kClean);
  }
  // Several manifests are several YAML documents of one stream.
  for (std::size_t i = 0; i < graphs.size(); ++i) {
    std::cout << (i == 0 ? "" : "---\n") << explain(graphs[i].graph, graphs[i].manifest.path);
  }
  return strict_exit(diags, o.strict, kClean);
}

void add_common(CLI::App* cmd, Options& o) {
  cmd->add_option("manifests", o.manifests, "Manifest files, or directories of them")->required();
  cmd->add_option("--format", o.format, "Diagnostics format on stderr")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--templates-dir", o.templates_dir,
                  "Directory whose templates/, schemas/ and data/ override the built-in ones");
  cmd->add_flag("--strict", o.strict, "Exit 1 when a warning is reported (for CI)");
  cmd->add_option("--jobs,-j", o.jobs, "Manifests compiled at once (default: the cores)")
      ->check(CLI::Range(1u, 1024u));
}

// The diagnostics format the command line asks for, read before CLI11 has parsed it, so that
// a command line it refuses is reported in that format too.
std::string requested_format(int argc, char** argv) {
  std::string format = "text";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--format" && i + 1 < argc) format = argv[i + 1];
    if (arg.starts_with("--format=")) format = arg.substr(9);
  }
  return format == "json" || format == "sarif" ? format : "text";
}

// A refused command line: an unknown command or option with the nearest real one; anything
// else in CLI11's words (in the text format, as CLI11 prints it).
int refuse_command_line(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  const std::string format = requested_format(argc, argv);
  Diagnostics diags;
  if (std::optional<Diagnostic> d = unknown_argument(app, argc, argv)) {
    diags.add(std::move(*d));
  } else if (format == "text") {
    app.exit(e);
    return kUsage;
  } else {
    diags.error("cli.usage", e.what(), {"aurora-gen", 0, 0},
                "'aurora-gen help' lists the commands and their options");
  }
  report(diags, format);
  return kUsage;
}

// `aurora-gen help [COMMAND]` as `aurora-gen [COMMAND] --help`; false (after saying so) when
// COMMAND is none.
bool help_as_option(const CLI::App& app, std::vector<std::string>& args) {
  const char* command[] = {args[0].c_str(), args.size() > 2 ? args[2].c_str() : "--help"};
  if (std::optional<Diagnostic> d = unknown_argument(app, 2, command)) {
    Diagnostics diags;
    diags.add(std::move(*d));
    report(diags, "text");
    return false;
  }
  args.erase(args.begin() + 1);
  args.insert(args.begin() + std::min<std::ptrdiff_t>(2, std::ssize(args)), "--help");
  return true;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app(
      "aurora-gen: compiles Aurora and RDS manifests to CloudFormation, Terraform "
      "and Pulumi YAML");
  app.name("aurora-gen");  // not argv[0]: `aurora-gen help render` shows the same usage line
  app.set_version_flag("--version", std::string("aurora-gen ") + AG_VERSION);
  app.require_subcommand(1);
  Options o;
  CLI::App* render_cmd = app.add_subcommand("render", "Render manifests to artifacts");
  add_common(render_cmd, o);
  render_cmd->add_option("--target", o.target, "cfn, terraform, pulumi or all, or a comma list")
      ->check(target_list());
  render_cmd->add_option("--out-dir", o.out_dir, "Write <dir>/<name>/<target>/...");
  render_cmd->add_flag("--check", o.check, "Compare with --out-dir instead of writing");
  render_cmd->add_flag("--partial", o.partial,
                       "With --check: the manifests are some of those in --out-dir (report no "
                       "other folder as orphaned)");
  CLI::App* validate_cmd = app.add_subcommand("validate", "Check manifests; write nothing");
  add_common(validate_cmd, o);
  CLI::App* explain_cmd = app.add_subcommand("explain", "Print the resource graph");
  add_common(explain_cmd, o);
  PlanOptions plan;
  CLI::App* plan_cmd =
      app.add_subcommand("plan", "What an edit of a manifest does to each deployed resource");
  plan_cmd
      ->add_option("manifests", plan.manifests, "OLD.yaml NEW.yaml, or with --base the manifests")
      ->required()
      ->check(CLI::ExistingFile);
  plan_cmd->add_option("--base", plan.base,
                       "Compare each manifest with its version at this git revision");
  plan_cmd->add_option("--format", plan.format, "text, json, markdown or sarif")
      ->check(CLI::IsMember({"text", "json", "markdown", "sarif"}));
  plan_cmd->add_flag("--allow-replace", plan.allow_replace,
                     "Exit 0 even when a change replaces or deletes a stateful resource");
  plan_cmd
      ->add_option("--since", plan.since,
                   "Compare each manifest as this aurora-gen release rendered it (0.2)")
      ->check(CLI::IsMember({"0.2"}));
  plan_cmd->add_option("--templates-dir", o.templates_dir,
                       "Directory whose templates/ and schemas/ override the built-in ones");
  const std::vector<Command> commands = add_commands(app);
  add_examples(app);
  std::vector<std::string> args(argv, argv + argc);
  if (args.size() >= 2 && args[1] == "help" && !help_as_option(app, args)) return kUsage;
  std::vector<char*> arg_pointers;
  for (std::string& a : args) arg_pointers.push_back(a.data());
  argc = static_cast<int>(arg_pointers.size());
  argv = arg_pointers.data();
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return refuse_command_line(app, e, argc, argv);
  }
  if (!o.templates_dir.empty()) set_asset_override_dir(o.templates_dir);
  Diagnostics unreadable;
  o.manifests = manifest_paths(o.manifests, unreadable);
  if (unreadable.has_errors()) {
    report(unreadable, o.format);
    return kUsage;
  }
  try {
    if (render_cmd->parsed()) return run_render(o);
    if (validate_cmd->parsed()) return run_validate(o);
    if (plan_cmd->parsed()) return run_plan(plan);
    for (const Command& c : commands) {
      if (c.cmd->parsed()) return c.run();
    }
    return run_explain(o);
  } catch (const std::exception& e) {
    std::cerr << "aurora-gen: internal error: " << e.what() << "\n";
    return kUsage;
  }
}

}  // namespace ag
