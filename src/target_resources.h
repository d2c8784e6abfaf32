// What every renderer does first: instantiate each IR resource (and its companions) from
// the target's templates, name it in the target's style, and resolve references to the
// target's spelling of the attribute.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "ir.h"
#include "templates.h"

namespace ag {

struct TargetResource {
  std::string ir_name;  // the IR resource it comes from
  std::string name;     // logical id / label / resource name in the target
  // The name derived the same way from the IR resource's legacy_name: what the resource was
  // called before its IR name changed; empty for a resource that is new.
  std::string legacy_name;
  std::string type;
  ir::Value body;                       // evaluated property template (a Map; Refs still neutral)
  ir::Value options;                    // evaluated options (a Map or null)
  ir::Lifecycle lifecycle;              // the IR resource's; a companion's is the default
  std::vector<std::size_t> depends_on;  // indexes into TargetGraph::resources
  std::vector<ir::Suppression> suppressions;  // the IR resource's; a companion has none
};

// How a target names things. Names derive from IR names alone, never from what else the
// graph holds, so adding a resource renames none.
struct Naming {
  std::function<std::string(const std::string& ir_name)> resource;
  // A companion's name from its owner's and the suffix (snake_case) and 1-based index
  // (0 when the companion is not repeated).
  std::function<std::string(const std::string& owner, const std::string& suffix, int index)>
      companion;
};

struct TargetGraph {
  std::vector<TargetResource> resources;
  // IR resource name → index of its primary target resource.
  std::map<std::string, std::size_t> primary;
  const TargetTemplates* templates = nullptr;
  const ir::Graph* graph = nullptr;

  // The target's spelling of `ref`'s attribute, with the target resource it belongs to.
  // Throws std::out_of_range for an unknown resource or attribute (a lowering bug).
  std::pair<const TargetResource*, std::string> resolve(const ir::Ref& ref) const;
};

// The target's names of the properties `r`'s lifecycle ignores (those the target renders).
std::vector<std::string> ignored_properties(const TargetGraph& tg, const TargetResource& r);

TargetGraph instantiate(const ir::Graph& g, const TargetTemplates& t, const Naming& naming);

}  // namespace ag
