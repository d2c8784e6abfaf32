// The change planner: what a manifest edit does to each deployed resource, per target,
// decided from the two IR graphs, templates/update-behaviour.yaml and the targets'
// templates, and traced to the manifest lines that cause it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "pipeline.h"
#include "plan/update_table.h"

namespace ag::plan {

struct Reason {
  std::string field;  // the manifest field, dotted ("spec.storage.kms_key_id"); "" if none
  Location location;  // in the new manifest, or the old one for what the new one lacks
  std::string message;
};

struct Change {
  std::string resource;  // IR name
  std::string kind;
  bool stateful = false;
  std::array<Action, 3> actions{};       // by Target
  std::array<std::string, 3> addresses;  // the resource's name in each target
  std::vector<Reason> reasons;
  std::string loss;  // what is lost, for a change that destroys data; "" otherwise

  bool destructive() const { return !loss.empty(); }
  Action worst() const;  // the most severe of the targets' actions
};

struct Plan {
  std::string manifest;  // the new manifest's path
  std::vector<Change> changes;

  bool destructive() const;
};

// `before` is null when the manifest is new (everything is created).
// `since` names the release `before` was lowered as (its defaults) when both sides are the
// same manifest: a change is then a default that changed, pointed at the field that keeps
// the old value.
Plan make_plan(const Compiled* before, const Compiled& after,
               const UpdateTable& table = UpdateTable::builtin(), const std::string& since = "");

}  // namespace ag::plan
