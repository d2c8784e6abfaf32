// The explain command: the IR of a manifest as YAML, every default applied and visible.
#pragma once

#include <string>

#include "ir.h"

namespace ag {

// References print as `!ref resource.attribute`, deployment values as `!pseudo region`,
// assembled strings as `!concat [...]` and JSON documents as `!json {...}`.
std::string explain(const ir::Graph& g);
// One value in the same notation, as a YAML document: equal text means equal values.
std::string explain(const ir::Value& v);

}  // namespace ag
