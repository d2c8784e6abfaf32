// The front end as one call: load → validate → check → lower.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diagnostics.h"
#include "document.h"
#include "ir.h"
#include "lower.h"

namespace ag {

struct Compiled {
  Manifest manifest;
  ir::Graph graph;
};

// Runs every stage that applies and stops at the first that reports an error; nullopt then.
// The policy stage's warnings come from the lowered graph; `lower_it` false (the validate
// command) returns no graph.
std::optional<Compiled> compile(const std::string& path, std::string_view text, Diagnostics& diags,
                                bool lower_it = true, const LowerOptions& options = {});

}  // namespace ag
