// Stage 2, validate: the manifest against schemas/manifest.schema.json (draft 7).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

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
// With `refused`, also collects the JSON pointers of the nodes refused on their own account:
// an unknown field, or a value of the wrong type, form or range (not a missing field, nor a
// list's length or repeats). Without them the rest of the manifest may be valid.
void validate_schema(const Manifest& m, Diagnostics& diags,
                     std::vector<std::string>* refused = nullptr);

}  // namespace ag
