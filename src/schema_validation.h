// Stage 2, validate: the manifest against schemas/manifest.schema.json (draft 7).
#pragma once

#include "diagnostics.h"
#include "document.h"

namespace ag {

// Reports each schema violation at the deepest failing node's line:col, with rule ids
// "schema.<keyword>" (schema.required, schema.additional-property, schema.enum, ...).
// An unknown field gets a "did you mean" hint with the nearest allowed name.
// The embedded schema is parsed once per process.
void validate_schema(const Manifest& m, Diagnostics& diags);

}  // namespace ag
