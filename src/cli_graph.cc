// `aurora-gen graph`: the resource graph of one manifest as Graphviz DOT or Mermaid.
#include <iostream>
#include <memory>
#include <string>

#include "cli_commands.h"
#include "cli_common.h"
#include "embedded_assets.h"
#include "graph.h"
#include "pipeline.h"

namespace ag {
namespace {

struct GraphOptions {
  std::string manifest;
  std::string format = "dot";
  std::string templates_dir;
};

int run_graph(const GraphOptions& o) {
  if (!o.templates_dir.empty()) set_asset_override_dir(o.templates_dir);
  Diagnostics diags;
  const std::optional<std::string> text = read_manifest(o.manifest, diags);
  std::optional<Compiled> c;
  if (text) c = compile(o.manifest, *text, diags);
  report(diags, "text");
  if (!text) return kUsage;
  if (!c) return kFindings;
  const graph::Graph g = graph::build(c->graph);
  std::cout << (o.format == "mermaid" ? graph::to_mermaid(g) : graph::to_dot(g));
  return kClean;
}

}  // namespace

Command add_graph_command(CLI::App& app) {
  auto o = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand(
      "graph", "Print the resource graph (Graphviz DOT or Mermaid) of a manifest");
  cmd->add_option("manifest", o->manifest, "Manifest file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", o->format, "dot (default) or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}));
  cmd->add_option("--templates-dir", o->templates_dir,
                  "Directory whose templates/, schemas/ and data/ override the built-in ones");
  return {cmd, [o] { return run_graph(*o); }};
}

}  // namespace ag
