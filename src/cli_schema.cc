// `aurora-gen schema`: the manifest's JSON Schema, exactly as the validator reads it, for
// editors (yaml-language-server, VS Code) and other validators.
#include <iostream>
#include <memory>
#include <string>

#include "cli_commands.h"
#include "cli_common.h"
#include "embedded_assets.h"

namespace ag {

Command add_schema_command(CLI::App& app) {
  auto templates_dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("schema", "Print the manifest JSON Schema (draft 7)");
  cmd->add_option("--templates-dir", *templates_dir,
                  "Directory whose schemas/ overrides the built-in schema");
  return {cmd, [templates_dir] {
            if (!templates_dir->empty()) set_asset_override_dir(*templates_dir);
            std::cout << asset("schemas/manifest.schema.json");
            return std::cout.flush() ? kClean : kUsage;
          }};
}

std::vector<Command> add_commands(CLI::App& app) {
  return {add_graph_command(app), add_init_command(app), add_schema_command(app)};
}

}  // namespace ag
