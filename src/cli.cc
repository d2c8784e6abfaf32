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

#include "cli_common.h"
#include "cli_plan.h"
#include "embedded_assets.h"
#include "explain.h"
#include "loader.h"
#include "output_tree.h"
#include "pipeline.h"
#include "render.h"
#include "target_resources.h"

namespace ag {
namespace {

struct Options {
  std::string target = "all";
  std::string out_dir;
  bool check = false;
  std::string format = "text";
  std::string templates_dir;
  std::vector<std::string> manifests;
  bool strict = false;
};

// Compiles every manifest; the result is complete only when none had an error.
struct Batch {
  std::vector<Compiled> compiled;
  bool io_error = false;
  bool invalid = false;
};

Batch compile_all(const Options& o, Diagnostics& diags, bool lower_it) {
  Batch b;
  for (const std::string& path : o.manifests) {
    Diagnostics local;
    const std::optional<std::string> text = read_manifest(path, local);
    if (!text) {
      b.io_error = b.io_error || local.items().front().rule == "io.read";
      b.invalid = true;
    } else if (auto c = compile(path, *text, local, lower_it)) {
      b.compiled.push_back(std::move(*c));
    } else {
      b.invalid = true;
    }
    diags.append(local);
  }
  return b;
}

std::vector<Target> targets_of(const std::string& name) {
  if (name == "cfn") return {Target::CloudFormation};
  if (name == "terraform") return {Target::Terraform};
  if (name == "pulumi") return {Target::Pulumi};
  return {Target::CloudFormation, Target::Terraform, Target::Pulumi};
}

// A warning at each manifest field the target cannot express, once per field.
void report_dropped(const Compiled& c, Target t, Diagnostics& diags) {
  std::set<std::string> seen;
  for (const DroppedProperty& d : dropped_properties(c.graph, t)) {
    if (!seen.insert(d.source).second) continue;
    diags.warning(
        "render.dropped",
        std::string(target_dir(t)) + " cannot express " + dotted(d.source) + ": " + d.reason,
        c.manifest.map.key_at(d.source));
  }
}

// Every artifact of every manifest, at <name>/<target dir>/<file>.
std::vector<OutputFile> artifacts(const Batch& b, const std::vector<Target>& targets,
                                  Diagnostics& diags) {
  std::vector<OutputFile> files;
  std::set<std::string> names;
  for (const Compiled& c : b.compiled) {
    if (!names.insert(c.graph.name).second) {
      diags.error("cli.duplicate-name",
                  "another manifest in this call also has metadata.name '" + c.graph.name +
                      "'; their artifacts would overwrite each other",
                  c.manifest.map.at("/metadata/name"));
      continue;
    }
    for (Target t : targets) {
      report_dropped(c, t, diags);
      for (Artifact& a : render(c.graph, t)) {
        files.push_back(
            {c.graph.name + "/" + std::string(target_dir(t)) + "/" + a.path, std::move(a.content)});
      }
    }
  }
  return files;
}

int print_single(const Batch& b, const Options& o, Diagnostics& diags) {
  const std::vector<Target> targets = targets_of(o.target);
  if (b.compiled.size() != 1 || targets.size() != 1 || targets[0] == Target::Terraform) {
    diags.error("cli.out-dir-required",
                "printing to stdout takes one manifest and --target cfn or pulumi; use "
                "--out-dir for several manifests, terraform or all",
                {});
    report(diags, o.format);
    return kUsage;
  }
  report_dropped(b.compiled[0], targets[0], diags);
  std::cout << render(b.compiled[0].graph, targets[0]).front().content;
  report(diags, o.format);
  return kClean;
}

int check_drift(const std::vector<PlannedFile>& plan, const Options& o) {
  int drift = 0;
  for (const PlannedFile& p : plan) {
    if (p.state == FileState::Unchanged) continue;
    ++drift;
    std::cout << (p.state == FileState::New ? "missing: " : "would change: ") << o.out_dir << "/"
              << p.file.path << "\n";
  }
  return drift == 0 ? kClean : kFindings;
}

int run_render(const Options& o) {
  Diagnostics diags;
  Batch b = compile_all(o, diags, true);
  if (b.invalid) {
    report(diags, o.format);
    return b.io_error ? kUsage : kFindings;
  }
  if (o.out_dir.empty()) {
    if (o.check) {
      diags.error("cli.check-needs-out-dir", "--check compares with --out-dir; give one", {});
      report(diags, o.format);
      return kUsage;
    }
    const int code = print_single(b, o, diags);
    return strict_exit(diags, o.strict, code);
  }
  std::vector<OutputFile> files = artifacts(b, targets_of(o.target), diags);
  std::vector<PlannedFile> plan;
  if (!diags.has_errors()) plan = plan_output(o.out_dir, std::move(files), diags);
  if (diags.has_errors()) {
    report(diags, o.format);
    return diags.items().back().rule.rfind("io.", 0) == 0 ? kUsage : kFindings;
  }
  if (o.check) {
    report(diags, o.format);
    return strict_exit(diags, o.strict, check_drift(plan, o));
  }
  const bool ok = write_output(o.out_dir, plan, diags);
  report(diags, o.format);
  return strict_exit(diags, o.strict, ok ? kClean : kUsage);
}

int run_validate(const Options& o) {
  Diagnostics diags;
  const Batch b = compile_all(o, diags, false);
  report(diags, o.format);
  if (b.io_error) return kUsage;
  return strict_exit(diags, o.strict, b.invalid ? kFindings : kClean);
}

int run_explain(const Options& o) {
  Diagnostics diags;
  const Batch b = compile_all(o, diags, true);
  report(diags, o.format);
  if (b.invalid) return b.io_error ? kUsage : kFindings;
  for (const Compiled& c : b.compiled) std::cout << explain(c.graph);
  return kClean;
}

void add_common(CLI::App* cmd, Options& o) {
  cmd->add_option("manifests", o.manifests, "Manifest files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", o.format, "Diagnostics format on stderr")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--templates-dir", o.templates_dir,
                  "Directory whose templates/, schemas/ and data/ override the built-in ones");
  cmd->add_flag("--strict", o.strict, "Exit 1 when a warning is reported (for CI)");
}

const char* kExamples = R"(
Examples:
  aurora-gen render --target cfn manifest.yaml            print a CloudFormation template
  aurora-gen render --target all --out-dir out *.yaml     write out/<name>/<target>/...
  aurora-gen render --check --out-dir out *.yaml          exit 1 if out/ is stale
  aurora-gen validate manifests/*.yaml                    check manifests, write nothing
  aurora-gen explain manifest.yaml                        show the resource graph with defaults
  aurora-gen plan old.yaml new.yaml                       what an edit does to each resource
  aurora-gen plan --base origin/main db/*.yaml            the same, against a git revision

Exit codes: 0 clean, 1 invalid manifest, drift, or a plan that destroys data, 2 usage or
I/O error.
)";

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app(
      "aurora-gen: compiles Aurora and RDS manifests to CloudFormation, Terraform "
      "and Pulumi YAML");
  app.footer(kExamples);
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
  plan_cmd->add_option("--since", plan.since,
                       "Compare each manifest as this aurora-gen release rendered it (0.2)")
      ->check(CLI::IsMember({"0.2"}));
  plan_cmd->add_option("--templates-dir", o.templates_dir,
                       "Directory whose templates/ and schemas/ override the built-in ones");
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  if (!o.templates_dir.empty()) set_asset_override_dir(o.templates_dir);
  try {
    if (render_cmd->parsed()) return run_render(o);
    if (validate_cmd->parsed()) return run_validate(o);
    if (plan_cmd->parsed()) return run_plan(plan);
    return run_explain(o);
  } catch (const std::exception& e) {
    std::cerr << "aurora-gen: internal error: " << e.what() << "\n";
    return kUsage;
  }
}

}  // namespace ag
