#include "pipeline.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "loader.h"
#include "lower.h"
#include "policy/policy_stage.h"
#include "schema_validation.h"
#include "semantic_checks.h"

namespace ag {
namespace {

// After schema errors, the check stage still judges the rest of the manifest when taking the
// refused nodes out leaves it valid, so that one run reports both kinds of mistake instead of
// two runs in turn. Only members of mappings are taken out (taking an item out of a list
// would renumber the items after it). A finding at the key of a mapping a node was taken
// from is left out: it may say no more than that the node is missing.
void check_the_rest(const Manifest& m, std::vector<std::string> refused, Diagnostics& diags) {
  if (refused.empty()) return;
  std::sort(refused.begin(), refused.end());  // a mapping before its members
  Manifest rest{m.path, m.doc, m.map};
  std::set<std::pair<int, int>> emptied;
  for (const std::string& pointer : refused) {
    const nlohmann::json::json_pointer node(pointer);
    if (node.empty() || !rest.doc.contains(node)) continue;
    nlohmann::json& parent = rest.doc.at(node.parent_pointer());
    if (!parent.is_object()) return;
    parent.erase(node.back());
    const Location at = m.map.key_at(node.parent_pointer().to_string());
    emptied.insert({at.line, at.col});
  }
  Diagnostics schema;
  validate_schema(rest, schema);
  if (schema.has_errors()) return;
  Diagnostics found;
  check_semantics(rest, found);
  for (const Diagnostic& d : found.items()) {
    if (!emptied.count({d.loc.line, d.loc.col})) diags.add(d);
  }
}

}  // namespace

std::optional<Compiled> compile(const std::string& path, std::string_view text, Diagnostics& diags,
                                bool lower_it, const LowerOptions& options) {
  Diagnostics local;
  std::optional<Manifest> m = load_manifest(path, text, local);
  std::vector<std::string> refused;
  if (m) validate_schema(*m, local, &refused);
  if (m && !local.has_errors()) {
    check_semantics(*m, local);
  } else if (m) {
    check_the_rest(*m, std::move(refused), local);
  }
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
