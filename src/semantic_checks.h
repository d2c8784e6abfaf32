// Stage 3, check: the rules of the manifest reference that JSON Schema cannot express.
// Runs only on a manifest that passed schema validation, so types and shapes are known.
#pragma once

#include "diagnostics.h"
#include "document.h"

namespace ag {

void check_semantics(const Manifest& m, Diagnostics& diags);

}  // namespace ag
