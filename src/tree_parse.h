// Source text → asset tree (asset_tree.h): what the asset compiler does at build time, and
// what the binary does at run time for a file found in --templates-dir.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "asset_tree.h"

namespace ag::tree {

// A YAML document (templates/). Plain scalars that read as integers or true/false become
// those; everything else, quoted or not, stays a string, so "$prop" and "01" are kept as
// written. Throws YAML::Exception on a syntax error.
std::string from_yaml(std::string_view text);

// A JSON document (schemas/, data/). Members come out in key order, as nlohmann::json keeps
// them. Throws nlohmann::json::exception on a syntax error.
std::string from_json(std::string_view text);

// By the file name's extension: ".json" is JSON, anything else YAML.
std::string from_source(std::string_view path, std::string_view text);

// The tree as a JSON document (for valijson, which reads nlohmann::json).
nlohmann::json to_json(View v);

}  // namespace ag::tree
