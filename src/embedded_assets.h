// Templates, schemas and engine data compiled into the binary by the asset compiler
// (src/assetc), with an optional override directory for development and customisation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "asset_tree.h"

namespace ag {

struct Asset {
  std::string_view path;  // relative to the repository root: "schemas/manifest.schema.json"
  std::string_view text;  // the file as written
  std::string_view tree;  // its asset tree (asset_tree.h)
};

const std::vector<Asset>& embedded_assets();

// When set, asset() and asset_tree() first look for `dir/<path>` on disk (--templates-dir).
// Set it before any thread reads an asset.
void set_asset_override_dir(std::string dir);

// The asset at `path` as written; throws std::out_of_range when there is none.
std::string_view asset(std::string_view path);

// The asset at `path` as a tree: compiled at build time, or parsed now from the override
// directory (a syntax error there throws). Throws std::out_of_range when there is none.
tree::View asset_tree(std::string_view path);

}  // namespace ag
