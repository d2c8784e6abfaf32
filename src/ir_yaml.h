// IR values as YAML nodes, for the YAML-based outputs (CloudFormation, Pulumi, explain).
// Scalars, lists and maps convert the same everywhere; each output spells references,
// pseudo values, assembled strings and JSON documents its own way.
#pragma once

#include <functional>
#include <optional>

#include "ir.h"
#include "yaml_doc.h"

namespace ag {

// Asked first for every value, children included; nullopt means "convert as usual".
using SpecialYaml = std::function<std::optional<yaml::Node>(const ir::Value&)>;

// Throws std::invalid_argument for a Ref, Pseudo, Concat or Json that `special` left.
yaml::Node to_yaml(const ir::Value& v, const SpecialYaml& special);

}  // namespace ag
