// Stage 1, load: YAML text → JSON document + source map, refusing what a manifest never
// needs and an attacker could abuse.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostics.h"
#include "document.h"

namespace ag {

struct LoadLimits {
  std::size_t max_bytes = 1 << 20;       // a manifest is a few KiB; 1 MiB is generous
  int max_depth = 32;                    // the deepest contract path is 6 levels
  std::size_t max_scalar_bytes = 16384;  // longer than any AWS field accepts
  std::size_t max_nodes = 50000;         // well past AWS's limits on every list
};

// Parses `text` (the contents of `path`). Refusals (each an error with a rule id and the
// offending line:col): size over the limit (before parsing), invalid UTF-8, several
// documents, anchors and aliases, tags other than the core ones, duplicate keys,
// non-scalar keys, nesting or node count over the limit, over-long scalars, YAML syntax
// errors. Plain scalars resolve by YAML 1.2's core schema (null, true/false, ints, floats);
// quoted scalars are always strings. Returns nullopt when any error was reported.
std::optional<Manifest> load_manifest(const std::string& path, std::string_view text,
                                      Diagnostics& diags, const LoadLimits& limits = {});

}  // namespace ag
