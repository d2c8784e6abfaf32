// What survives a destroy or a replacement, and which drift each target leaves alone: one
// table by resource kind, so the policy reads in one place (docs/day-two.md explains it).
#include "lower_context.h"

namespace ag::lowering {
namespace {

// A database's final snapshot is the manifest's choice; a replacement is not a
// decommissioning, so the replaced database is always snapshotted first.
ir::Lifecycle database(const Context& c) {
  ir::Lifecycle l;
  const bool skip = flag(get(c.spec, "backup"), "skip_final_snapshot", false);
  l.on_delete = skip ? ir::Keep::Delete : ir::Keep::Snapshot;
  l.on_replace = ir::Keep::Snapshot;
  // A restore happens once, at creation: removing `restore:` afterwards, or AWS reporting
  // the restore source differently, must not replace the database.
  l.ignore_changes = {"snapshot_identifier"};
  if (c.aurora) l.ignore_changes.push_back("restore_to_point_in_time");
  // Members of a global database are upgraded through the global cluster (Terraform AWS
  // provider, aws_rds_global_cluster: "use the lifecycle ignore_changes ... on the
  // aws_rds_cluster").
  if (get(c.spec, "global_database").is_object()) l.ignore_changes.push_back("engine_version");
  return l;
}

ir::Lifecycle for_kind(const Context& c, const ir::Resource& r) {
  const std::string& kind = r.kind;
  ir::Lifecycle l;
  if (kind == "rds_cluster" || kind == "db_instance") return database(c);
  // The global cluster outlives any one member: deleting a stack must not take it along.
  if (kind == "rds_global_cluster") l.on_delete = l.on_replace = ir::Keep::Retain;
  // Data encrypted with the storage key outlives the stack (its final snapshot, for one); a
  // key whose first creation failed has encrypted nothing and may go. (The alarm topic's
  // key encrypts notifications in flight only.)
  if (kind == "kms_key" && r.name == "kms_key") {
    l.on_delete = ir::Keep::RetainExceptOnCreate;
    l.on_replace = ir::Keep::Retain;
  }
  // Names of these are generated (a prefix and a suffix the target picks), so a
  // replacement (a new parameter-group family, a changed description) can create the new
  // one while the database still uses the old.
  if (kind == "security_group" || kind == "cluster_parameter_group" ||
      kind == "db_parameter_group" || kind == "option_group" || kind == "iam_role") {
    l.create_before_destroy = true;
  }
  // The proxy keeps its name, hence its endpoint, through a replacement (its subnets are
  // create-only): the old one goes first.
  if (kind == "db_proxy") l.delete_before_replace = true;
  return l;
}

}  // namespace

void lower_lifecycle(Context& c) {
  for (ir::Resource& r : c.graph.resources) r.lifecycle = for_kind(c, r);
}

}  // namespace ag::lowering
