// Stage 4b, policy: after lowering, every scanner rule of the policy table is judged on the
// IR. A manifest's opt-out of a secure default is a `policy.*` warning at its line naming the
// scanner rules it trips (and, when the manifest records an exception with a reason, the
// warning is suppressed and the artifacts carry the scanners' own suppressions with that
// reason); a deliberate default that a rule disagrees with is suppressed in the artifacts
// with the reason docs/policy.md gives.
#pragma once

#include "diagnostics.h"
#include "document.h"
#include "ir.h"

namespace ag {

void apply_policy(const Manifest& m, ir::Graph& g, Diagnostics& diags);

}  // namespace ag
