// The examples at the end of each command's --help: the commands people type, with what
// they do. The README and the man page (docs/aurora-gen.1) show the same ones.
#include <map>
#include <string>

#include "cli_commands.h"

namespace ag {
namespace {

const char* kExitCodes =
    "\nExit codes: 0 clean, 1 invalid manifest, drift, or a plan that destroys data, 2 usage "
    "or\nI/O error.\n";

const std::map<std::string, std::string>& examples() {
  static const std::map<std::string, std::string> table = {
      {"", R"(
Examples:
  aurora-gen init --name orders                           write a starter manifest, orders.yaml
  aurora-gen render --target cfn manifest.yaml            print a CloudFormation template
  aurora-gen render --target all --out-dir out *.yaml     write out/<name>/<target>/...
  aurora-gen render --check --out-dir out *.yaml          exit 1 if out/ is stale
  aurora-gen validate manifests/*.yaml                    check manifests, write nothing
  aurora-gen explain manifest.yaml                        show the resource graph with defaults
  aurora-gen graph manifest.yaml | dot -Tsvg > graph.svg  draw the resource graph
  aurora-gen plan old.yaml new.yaml                       what an edit does to each resource
  aurora-gen plan --base origin/main db/*.yaml            the same, against a git revision
  aurora-gen schema > manifest.schema.json                the JSON Schema, for editors

Run 'aurora-gen help COMMAND' (or 'aurora-gen COMMAND --help') for a command's options.
)"},
      {"render", R"(
Examples:
  aurora-gen render --target cfn manifest.yaml            print a CloudFormation template
  aurora-gen render --target pulumi manifest.yaml         print a Pulumi YAML program
  aurora-gen render --target all --out-dir out *.yaml     write out/<name>/<target>/...
  aurora-gen render --check --target all --out-dir out *.yaml
                                                          exit 1 if out/ is stale
  aurora-gen render --out-dir out --format sarif db/*.yaml 2> aurora-gen.sarif
                                                          diagnostics for code scanning
)"},
      {"validate", R"(
Examples:
  aurora-gen validate manifests/*.yaml                    check manifests, write nothing
  aurora-gen validate --format json db.yaml               diagnostics as JSON on stderr
)"},
      {"explain", R"(
Examples:
  aurora-gen explain manifest.yaml                        the IR: every resource, defaults applied
)"},
      {"plan", R"(
Examples:
  aurora-gen plan old.yaml new.yaml                       what an edit does to each resource
  aurora-gen plan --base origin/main db/*.yaml            the same, against a git revision
  aurora-gen plan --format markdown --base main db/*.yaml a table for a pull-request comment
)"},
      {"graph", R"(
Examples:
  aurora-gen graph manifest.yaml | dot -Tsvg > graph.svg  draw it with Graphviz
  aurora-gen graph --format mermaid manifest.yaml         a Mermaid flowchart (GitHub shows it)
)"},
      {"init", R"(
Examples:
  aurora-gen init                                         my-database.yaml: Aurora PostgreSQL
  aurora-gen init --name orders --engine mysql            orders.yaml: an RDS for MySQL instance
  aurora-gen init --serverless --create-vpc --region eu-west-1
                                                          Serverless v2 in a new VPC
  aurora-gen init --kind RdsInstance -o - | less          print instead of writing
  aurora-gen init --name orders --force                   replace an existing orders.yaml
)"},
      {"schema", R"(
Examples:
  aurora-gen schema > manifest.schema.json                save it for an editor
  # then, first line of a manifest:  # yaml-language-server: $schema=manifest.schema.json
)"},
  };
  return table;
}

}  // namespace

void add_examples(CLI::App& app) {
  for (const auto& [name, text] : examples()) {
    CLI::App* cmd = name.empty() ? &app : app.get_subcommand(name);
    cmd->footer(text + kExitCodes);
  }
}

}  // namespace ag
