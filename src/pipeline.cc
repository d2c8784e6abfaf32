#include "pipeline.h"

#include "loader.h"
#include "lower.h"
#include "policy/policy_stage.h"
#include "schema_validation.h"
#include "semantic_checks.h"

namespace ag {

std::optional<Compiled> compile(const std::string& path, std::string_view text, Diagnostics& diags,
                                bool lower_it, const LowerOptions& options) {
  Diagnostics local;
  std::optional<Manifest> m = load_manifest(path, text, local);
  if (m) validate_schema(*m, local);
  if (m && !local.has_errors()) check_semantics(*m, local);
  diags.append(local);
  if (!m || local.has_errors()) return std::nullopt;
  Compiled out{std::move(*m), {}};
  // Lowered even to validate: the policy warnings judge the manifest as it will be rendered.
  out.graph = lower(out.manifest, options);
  // The policy judges what this release renders, not what an older one did.
  if (!options.defaults_of_0_2) apply_policy(out.manifest, out.graph, diags);
  if (!lower_it) out.graph = {};
  return out;
}

}  // namespace ag
