// Stage 2, validate: turning valijson's raw results into human diagnostics.
// valijson reports a chain of errors per failure, as free text with a context path
// (<root>, [spec], [network], [0]); this file classifies that text into JSON Schema
// keywords, looks the failing node up in the schema and the source map, and words it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "document.h"

namespace ag {

// A key named `password` or ending in `_password` (other than manage_master_user_password).
// Such a key is reported as credentials.plaintext-password wherever it appears: here when
// the schema refuses it as an unknown field, by the check stage where the schema lets any
// key through (tag keys). Both use these words.
bool is_plaintext_password_key(std::string_view key);
inline constexpr std::string_view kPlaintextPasswordMessage =
    "plaintext passwords are never accepted";
inline constexpr std::string_view kPlaintextPasswordHint =
    "remove it; let RDS manage the password (manage_master_user_password: true, the "
    "default) or point at your own Secrets Manager secret with master_password_secret_arn";

// One valijson error, classified.
struct SchemaFailure {
  std::vector<std::string> tokens;  // path of the failing node: {"spec", "network", "0"}
  std::string keyword;              // "required", "pattern", ...; empty for a wrapper
  std::string detail;               // the property for required/additional-property,
                                    // "i j" for unique-items, valijson's text for "invalid"
  std::string property_wrapper;     // "tags" for "...associated with property name 'tags'"
};

SchemaFailure to_failure(const std::vector<std::string>& context, const std::string& description);

struct SchemaErrorContext {
  const Manifest& manifest;
  const nlohmann::json& schema;  // the whole schema document, for $ref and descriptions
};

// A diagnostic with the identity used to drop repeats of the same error at the same place.
struct SchemaIssue {
  std::string key;
  Diagnostic diag;
};

// The subschema governing the instance node at `tokens` (not $ref-resolved), or null.
const nlohmann::json* schema_at(const nlohmann::json& schema,
                                const std::vector<std::string>& tokens);
// The instance node at `tokens`, or null.
const nlohmann::json* instance_at(const nlohmann::json& doc,
                                  const std::vector<std::string>& tokens);

std::vector<SchemaIssue> describe_failure(const SchemaErrorContext& ctx, const SchemaFailure& f);
// A failure of `key` (a key of the object at `tokens`) against `names`, the object's
// propertyNames subschema.
SchemaIssue describe_key_failure(const SchemaErrorContext& ctx,
                                 const std::vector<std::string>& tokens, const std::string& key,
                                 const nlohmann::json& names, const SchemaFailure& f);

// Drops repeats (valijson reports some errors once per enclosing combinator) and orders the
// rest by position in the file, so output reads top to bottom.
std::vector<Diagnostic> deduplicate_and_sort(std::vector<SchemaIssue> issues);

}  // namespace ag
