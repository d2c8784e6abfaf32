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
  std::string format = "text";
  std::string templates_dir;
  unsigned jobs = default_jobs();
  std::vector<std::string> manifests;
  bool strict = false;
};

std::vector<Target> targets_of(const std::string& name) {
  if (name == "cfn") return {Target::CloudFormation};
  if (name == "terraform") return {Target::Terraform};
  if (name == "pulumi") return {Target::Pulumi};
  return {Target::CloudFormation, Target::Terraform, Target::Pulumi};
}

// The exit code of a batch that has errors: 2 when a file could not be read or written.
int failure_code(const Batch& b) { return b.io_error() ? kUsage : kFindings; }

// One manifest, one single-file target, on stdout.
int print_single(const Options& o) {
  const std::vector<Target> targets = targets_of(o.target);
  if (o.manifests.size() != 1 || targets.size() != 1 || targets[0] == Target::Terraform) {
    const Batch b = validate_batch(o.manifests, o.jobs);  // their errors come out first
    Diagnostics diags = b.diagnostics();
    if (!b.invalid()) {
      diags.error("cli.out-dir-required",
                  "printing to stdout takes one manifest and --target cfn or pulumi; use "
                  "--out-dir for several manifests, terraform or all",
                  {});
    }
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

int check_drift(const Batch& b, const Options& o) {
  int drift = 0;
  for (const ManifestOutcome& m : b.manifests) {
    for (const auto& [path, state] : m.files) {
      if (state == FileState::Unchanged) continue;
      ++drift;
      std::cout << (state == FileState::New ? "missing: " : "would change: ") << o.out_dir << "/"
                << path << "\n";
    }
  }
  return drift == 0 ? kClean : kFindings;
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
  OutputTree out(o.out_dir, o.check ? OutputTree::Mode::Check : OutputTree::Mode::Write);
  const Batch b = render_batch(o.manifests, targets_of(o.target), out, o.jobs);
  Diagnostics diags = b.diagnostics();
  if (b.invalid()) {
    report(diags, o.format);
    return failure_code(b);  // `out` removes what was staged
  }
  if (o.check) {
    report(diags, o.format);
    return strict_exit(diags, o.strict, check_drift(b, o));
  }
  const bool ok = out.commit(diags);
  report(diags, o.format);
  return strict_exit(diags, o.strict, ok ? kClean : kUsage);
}

int run_validate(const Options& o) {
  const Batch b = validate_batch(o.manifests, o.jobs);
  const Diagnostics diags = b.diagnostics();
  report(diags, o.format);
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
  for (const Compiled& c : graphs) std::cout << explain(c.graph);
  return strict_exit(diags, o.strict, kClean);
}

void add_common(CLI::App* cmd, Options& o) {
  cmd->add_option("manifests", o.manifests, "Manifest files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", o.format, "Diagnostics format on stderr")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--templates-dir", o.templates_dir,
                  "Directory whose templates/, schemas/ and data/ override the built-in ones");
  cmd->add_flag("--strict", o.strict, "Exit 1 when a warning is reported (for CI)");
  cmd->add_option("--jobs,-j", o.jobs, "Manifests compiled at once (default: the cores)")
      ->check(CLI::Range(1u, 1024u));
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app(
      "aurora-gen: compiles Aurora and RDS manifests to CloudFormation, Terraform "
      "and Pulumi YAML");
  app.set_version_flag("--version", std::string("aurora-gen ") + AG_VERSION);
  app.require_subcommand(1);
  Options o;
  CLI::App* render_cmd = app.add_subcommand("render", "Render manifests to artifacts");
  add_common(render_cmd, o);
  render_cmd->add_option("--target", o.target, "cfn, terraform, pulumi or all")
      ->check(CLI::IsMember({"cfn", "terraform", "pulumi", "all"}));
  render_cmd->add_option("--out-dir", o.out_dir, "Write <dir>/<name>/<target>/...");
  render_cmd->add_flag("--check", o.check, "Compare with --out-dir instead of writing");
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
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (!explain_unknown_argument(app, argc, argv)) app.exit(e);
    return kUsage;
  }
  if (!o.templates_dir.empty()) set_asset_override_dir(o.templates_dir);
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
