// Stage 4, lower: a checked manifest → the target-neutral resource graph. Every default of
// the manifest reference is applied here, once, visibly (the explain command prints the
// result).
#pragma once

#include "document.h"
#include "ir.h"

namespace ag {

struct LowerOptions {
  // The defaults of aurora-gen 0.2 where 0.3 changed them (docs/day-two.md, "Upgrading
  // aurora-gen from 0.2"): what `plan --since 0.2` compares a manifest's deployment with.
  bool defaults_of_0_2 = false;
};

// Precondition: `m` passed schema validation and semantic checks.
ir::Graph lower(const Manifest& m, const LowerOptions& options = {});

// The manifest field (a JSON pointer) that sets an IR property of a kind, whether or not a
// manifest sets it: what a changed default points at.
std::string manifest_field(const std::string& kind, const std::string& property);

}  // namespace ag
