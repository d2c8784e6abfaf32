// Stage 4, lower: a checked manifest → the target-neutral resource graph. Every default of
// the manifest reference is applied here, once, visibly (the explain command prints the
// result).
#pragma once

#include "document.h"
#include "ir.h"

namespace ag {

// Precondition: `m` passed schema validation and semantic checks.
ir::Graph lower(const Manifest& m);

}  // namespace ag
