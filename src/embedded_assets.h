// Templates, schemas and engine data compiled into the binary (see cmake/embed.cmake), with
// an optional override directory for development and customisation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ag {

struct Asset {
  std::string_view path;  // relative to the repository root: "schemas/manifest.schema.json"
  std::string_view data;
};

const std::vector<Asset>& embedded_assets();

// When set, asset() first looks for `dir/<path>` on disk (--templates-dir).
void set_asset_override_dir(std::string dir);

// The asset at `path`; throws std::out_of_range when there is none.
std::string_view asset(std::string_view path);

}  // namespace ag
