// Two IR graphs compared resource by resource (IR names are stable by construction) and
// property by property: the planner's raw material.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir.h"

namespace ag::plan {

struct PropertyChange {
  std::string property;
  std::optional<ir::Value> before;  // absent: the property is new
  std::optional<ir::Value> after;   // absent: the property is gone
};

struct ResourceDiff {
  std::string name;
  std::string kind;
  const ir::Resource* before = nullptr;  // null: created
  const ir::Resource* after = nullptr;   // null: deleted
  std::vector<PropertyChange> changes;   // of a resource in both graphs
};

// Resources created, deleted or with a changed property: those of `after` in its order,
// then those only `before` has, in its order.
std::vector<ResourceDiff> diff_graphs(const ir::Graph& before, const ir::Graph& after);

}  // namespace ag::plan
