#include "calendar.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

constexpr const char* kGlobal = "/spec/global_database";
constexpr const char* kPit = "/spec/restore/point_in_time";

void check_secondary(Context& c) {
  const std::string hint = "a secondary cluster replicates these from the primary";
  if (c.has("/spec/credentials")) {
    c.error_at_key("/spec/credentials", "global.secondary-credentials",
                   "spec.credentials is not allowed on a global database secondary", hint);
  }
  if (c.has("/spec/database_name")) {
    c.error_at_key("/spec/database_name", "global.secondary-database-name",
                   "spec.database_name is not allowed on a global database secondary", hint);
  }
  if (c.has("/spec/restore")) {
    c.error_at_key("/spec/restore", "restore.global-secondary",
                   "spec.restore is not allowed on a global database secondary", hint);
  }
  const std::string src = std::string(kGlobal) + "/source_region";
  auto source = c.str(src);
  if (!source) {
    c.error_at_key(kGlobal, "global.source-region",
                   "spec.global_database.source_region is required for role secondary",
                   "the region of the primary cluster, such as us-east-1");
    return;
  }
  if (source == c.str("/metadata/region")) {
    c.error_at(src, "global.source-region",
               "spec.global_database.source_region is the same as metadata.region",
               "a secondary must be in another region than its primary");
  }
}

// AWS does not support RDS-managed master passwords for clusters in a global database
// (Aurora User Guide, "Password management with Amazon RDS and AWS Secrets Manager",
// Limitations), and a member cluster cannot start from a restore (CreateGlobalCluster adds
// an existing or a new, empty cluster).
void check_primary(Context& c) {
  const std::string managed = "/spec/credentials/manage_master_user_password";
  if (c.flag(managed, true)) {
    const std::string at = c.has(managed)               ? managed
                           : c.has("/spec/credentials") ? "/spec/credentials"
                                                        : kGlobal;
    c.error_at_key(at, "global.managed-password",
                   "a global database primary cannot use the RDS-managed master password "
                   "(AWS does not support it for clusters in a global database)",
                   "set credentials.manage_master_user_password: false and "
                   "master_password_secret_arn to a Secrets Manager secret you own");
  }
  if (c.has("/spec/restore")) {
    c.error_at_key("/spec/restore", "restore.global-database",
                   "spec.restore cannot be combined with spec.global_database",
                   "restore into a standalone cluster first, then add it to a global database");
  }
}

// Aurora global databases need memory-optimized instances (or Serverless v2): burstable
// db.t classes are refused (Aurora User Guide, "Limitations of Amazon Aurora global
// databases": "You can't use db.t2 or db.t3 instance classes"; db.t4g likewise).
void check_global_classes(Context& c) {
  for (const char* p :
       {"/spec/instances/writer/instance_class", "/spec/instances/readers/instance_class"}) {
    auto cls = c.str(p);
    if (!cls || cls->rfind("db.t", 0) != 0) continue;
    c.error_at(p, "global.instance-class",
               dotted(p) + " '" + *cls +
                   "' is a burstable class, which Aurora global databases "
                   "do not support",
               "use a memory-optimized class such as db.r6g.large, or Serverless v2");
  }
}

void check_global(Context& c) {
  if (!c.aurora() || !c.has(kGlobal)) return;
  check_global_classes(c);
  if (c.global_secondary()) {
    check_secondary(c);
    return;
  }
  check_primary(c);
  const std::string src = std::string(kGlobal) + "/source_region";
  if (c.has(src)) {
    c.error_at_key(src, "global.source-region",
                   "spec.global_database.source_region is only for role secondary");
  }
}

void check_point_in_time(Context& c) {
  const std::string time_p = std::string(kPit) + "/restore_to_time";
  const bool at_time = c.has(time_p);
  const bool latest = c.flag(std::string(kPit) + "/use_latest_restorable_time", false);
  if (at_time == latest) {
    c.error_at_key(kPit, "restore.exclusive",
                   std::string("spec.restore.point_in_time needs exactly one of restore_to_time "
                               "or use_latest_restorable_time: true (") +
                       (at_time ? "both" : "neither") + " given)");
  }
  auto text = c.str(time_p);
  if (text && !is_rfc3339_date_time(*text, false)) {
    c.error_at(
        time_p, "restore.time-format",
        "spec.restore.point_in_time.restore_to_time '" + *text + "' is not an RFC 3339 date-time",
        "for example 2025-01-31T23:45:00Z");
  }
}

void check_restore(Context& c) {
  if (!c.has("/spec/restore")) return;
  if (c.has("/spec/restore/snapshot_identifier") && c.has(kPit)) {
    c.error_at_key(kPit, "restore.exclusive",
                   "spec.restore.point_in_time cannot be combined with "
                   "spec.restore.snapshot_identifier");
  }
  if (c.has(kPit)) check_point_in_time(c);
  // RestoreDBInstanceFromDBSnapshot takes no KmsKeyId: the instance keeps the snapshot's key
  // (CloudFormation DBInstance: with DBSnapshotIdentifier, "don't specify ... KmsKeyId").
  if (c.rds_instance() && c.has("/spec/restore/snapshot_identifier") &&
      c.has("/spec/storage/kms_key_id")) {
    c.error_at_key("/spec/storage/kms_key_id", "restore.kms-key",
                   "spec.storage.kms_key_id cannot be set when an RdsInstance is restored from a "
                   "snapshot: the instance keeps the snapshot's key",
                   "remove kms_key_id; to change the key, copy the snapshot with the new key "
                   "and restore the copy");
  }
}

}  // namespace

void check_global_and_restore(Context& c) {
  check_global(c);
  check_restore(c);
}

}  // namespace ag::semantic
