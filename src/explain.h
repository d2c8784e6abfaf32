// The explain command: the IR of a manifest, every default applied and visible, with the
// manifest field behind each resource and each property of the database and its instances.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "ir.h"

namespace ag {

// As a YAML document led by a comment naming `manifest`. Each resource's key carries the
// manifest field it comes from ("# from spec.instances.readers.count"); a database or
// instance property the field it comes from ("# spec.engine_version") or the unset field
// whose default it holds ("# default: spec.backup.retention_period"). References print as
// `!ref resource.attribute`, deployment values as `!pseudo region`, assembled strings as
// `!concat [...]` and JSON documents as `!json {...}`.
std::string explain(const ir::Graph& g, const std::string& manifest);
// The same as JSON (explain --format json): {"manifest", "name", "region", "resources":
// [{"name", "kind", "from", "depends_on", "properties", "sources", "defaults"}], "outputs":
// [{"name", "description", "value"}]}; "sources" and "defaults" map property names to
// dotted manifest fields; references are {"ref": "cluster.id"}, and so on.
nlohmann::ordered_json explain_json(const ir::Graph& g, const std::string& manifest);
// One value in the YAML notation, as a YAML document: equal text means equal values.
std::string explain(const ir::Value& v);

}  // namespace ag
