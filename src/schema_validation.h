// Stage 2, validate: the manifest against schemas/manifest.schema.json (draft 7).
#pragma once

#include <cstddef>

#include "diagnostics.h"
#include "document.h"

namespace ag {

// How many items of a list the validator sees at most: one past the schema's largest
// maxItems, so that a maxItems failure still comes out (schema_validation_test checks it).
// valijson compares every pair of a uniqueItems list, so an unbounded list is a hang.
constexpr std::size_t kSchemaValidatedItems = 301;

// Reports each schema violation at the deepest failing node's line:col, with rule ids
// "schema.<keyword>" (schema.required, schema.additional-property, schema.enum, ...).
// An unknown field gets a "did you mean" hint with the nearest allowed name.
// The embedded schema is parsed once per process.
void validate_schema(const Manifest& m, Diagnostics& diags);

}  // namespace ag
