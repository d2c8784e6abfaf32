// Evaluates the policy table's checks on the IR, as the scanners would on the artifacts
// (every target writes the same values: docs/parity.md).
#pragma once

#include <optional>
#include <string>

#include "ir.h"
#include "policy/policy_rules.h"

namespace ag::policy {

// What a check finds on one resource. Failures say what they are: a manifest's opt-out of a
// default (Policy: `policy` names the rule), or a deliberate default (Design: `reason`).
struct Verdict {
  enum class Kind { Pass, Policy, Design } kind = Kind::Pass;
  std::string policy;
  std::string reason;
  // The manifest field the failure comes from, when the check knows better than the
  // resource's sources (a parameter's entry in spec.parameters).
  std::string parameter;
};

// nullopt: the check does not apply to `r` (another kind, engine or family, or its
// precondition does not hold). Throws std::logic_error when a `guaranteed` check fails:
// aurora-gen wrote what it promises never to write.
std::optional<Verdict> evaluate(const Check& c, const ir::Resource& r, const ir::Graph& g);

}  // namespace ag::policy
