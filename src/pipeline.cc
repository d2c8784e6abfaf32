#include "pipeline.h"

#include "loader.h"
#include "lower.h"
#include "schema_validation.h"
#include "semantic_checks.h"

namespace ag {

std::optional<Compiled> compile(const std::string& path, std::string_view text, Diagnostics& diags,
                                bool lower_it) {
  Diagnostics local;
  std::optional<Manifest> m = load_manifest(path, text, local);
  if (m) validate_schema(*m, local);
  if (m && !local.has_errors()) check_semantics(*m, local);
  diags.append(local);
  if (!m || local.has_errors()) return std::nullopt;
  Compiled out{std::move(*m), {}};
  if (lower_it) out.graph = lower(out.manifest);
  return out;
}

}  // namespace ag
