// The Aurora cluster: global cluster, cluster, writer and reader instances, custom endpoints.
#include "defaults.h"
#include "lower_context.h"

namespace ag::lowering {
namespace {

bool restoring(const Context& c) { return get(c.spec, "restore").is_object(); }

// A restored database takes its master user name and database from the snapshot or source.
void add_restore(const Context& c, ir::Map& p) {
  const json& restore = get(c.spec, "restore");
  if (restore.contains("snapshot_identifier")) {
    ir::set(p, "snapshot_identifier", text(restore, "snapshot_identifier"));
    return;
  }
  const json& pit = get(restore, "point_in_time");
  ir::Map m{{"source_cluster_identifier", text(pit, "source_cluster_identifier")}};
  if (pit.contains("restore_to_time")) {
    m.push_back({"restore_to_time", text(pit, "restore_to_time")});
  } else {
    m.push_back({"use_latest_restorable_time", true});
  }
  m.push_back({"restore_type", "full-copy"});
  ir::set(p, "restore_to_point_in_time", m);
}

void add_credentials(const Context& c, ir::Map& p) {
  if (global_secondary(c)) return;
  const json& creds = get(c.spec, "credentials");
  if (restoring(c)) {
    add_restore(c, p);
  } else {
    const std::string fallback = c.defaults_0_2 ? (c.postgres ? "postgres" : "admin")
                                                : std::string(defaults::kMasterUsername);
    ir::set(p, "master_username", text(creds, "username", fallback));
  }
  if (managed_password(c)) {
    ir::set(p, "manage_master_user_password", true);
    if (creds.is_object() && creds.contains("master_user_secret_kms_key_id")) {
      ir::set(p, "master_user_secret_kms_key_id", text(creds, "master_user_secret_kms_key_id"));
    } else if (flag(get(c.spec, "storage"), "create_kms_key", false)) {
      ir::set(p, "master_user_secret_kms_key_id", ir::ref("kms_key", "arn"));
    }
  } else {
    ir::set(
        p, "master_password",
        ir::SecretField{"master_password", text(creds, "master_password_secret_arn"), "password"});
    // Where a target sends the password only when told to (Terraform's write-only
    // argument), the generation it was last sent at.
    ir::set(p, "master_password_version", 1);
  }
}

void add_storage(const Context& c, ir::Map& p) {
  const json& storage = get(c.spec, "storage");
  // A restored database inherits encryption from its snapshot or source; naming it fails
  // when they differ (CloudFormation DBCluster and DBInstance, StorageEncrypted).
  if (!restoring(c)) ir::set(p, "storage_encrypted", flag(storage, "encrypted", true));
  // An Aurora restore may re-encrypt with a key of ours; an RDS instance restored from a
  // snapshot keeps the snapshot's key (RestoreDBInstanceFromDBSnapshot takes none; the
  // checks refuse storage.kms_key_id there, restore.kms-key).
  if (auto key = storage_key(c); key && (c.aurora || !restoring(c))) ir::set(p, "kms_key_id", *key);
  ir::set(p, "storage_type", text(storage, "type", c.aurora ? "aurora" : "gp3"));
}

void add_backup_and_maintenance(const Context& c, ir::Map& p) {
  const json& backup = get(c.spec, "backup");
  const json& maintenance = get(c.spec, "maintenance");
  ir::set(p, "backup_retention_period", integer(backup, "retention_period", 7));
  if (backup.is_object() && backup.contains("preferred_window")) {
    ir::set(p, "preferred_backup_window", text(backup, "preferred_window"));
  }
  if (maintenance.is_object() && maintenance.contains("preferred_window")) {
    ir::set(p, "preferred_maintenance_window", text(maintenance, "preferred_window"));
  }
  ir::set(p, "copy_tags_to_snapshot", flag(backup, "copy_tags_to_snapshot", true));
  const bool skip = flag(backup, "skip_final_snapshot", false);
  ir::set(p, "skip_final_snapshot", skip);
  if (!skip) {
    ir::set(p, "final_snapshot_identifier",
            text(backup, "final_snapshot_identifier", c.name + "-final"));
  }
  ir::set(p, "apply_immediately", flag(maintenance, "apply_immediately", false));
  ir::set(p, "allow_major_version_upgrade",
          flag(maintenance, "allow_major_version_upgrade", false));
}

// Always explicit: AWS's default enrols a database in paid RDS Extended Support at the end
// of its major version's standard support. Not for MariaDB, which has none.
std::optional<std::string> lifecycle_support(const Context& c) {
  if (text(c.spec, "engine") == "mariadb") return std::nullopt;
  return text(c.spec, "engine_lifecycle_support", "open-source-rds-extended-support-disabled");
}

}  // namespace

void add_common_database(const Context& c, ir::Map& p) {
  ir::set(p, "engine", text(c.spec, "engine"));
  ir::set(p, "engine_version", text(c.spec, "engine_version"));
  if (auto support = lifecycle_support(c)) ir::set(p, "engine_lifecycle_support", *support);
  if (c.spec.contains("database_name") && !restoring(c)) {
    ir::set(p, "database_name", text(c.spec, "database_name"));
  }
  ir::set(p, "port", engine_port(c));
  add_credentials(c, p);
  ir::set(p, "db_subnet_group_name", subnet_group_name(c));
  ir::set(p, "vpc_security_group_ids", security_group_ids(c));
  add_storage(c, p);
  add_backup_and_maintenance(c, p);
  ir::set(p, "deletion_protection", flag(c.spec, "deletion_protection", true));
  ir::set(p, "iam_database_authentication_enabled",
          flag(c.spec, "iam_database_authentication_enabled",
               !c.defaults_0_2 && defaults::iam_authentication(text(c.spec, "engine"))));
  if (const std::vector<std::string> logs = log_exports(c); !logs.empty()) {
    ir::set(p, "enabled_cloudwatch_logs_exports", ir::List(logs.begin(), logs.end()));
  }
}

namespace {

ir::Value serverless_scaling(const json& s) {
  ir::Map m{{"min_capacity", number(get(s, "min_capacity"))},
            {"max_capacity", number(get(s, "max_capacity"))}};
  if (s.contains("seconds_until_auto_pause")) {
    m.push_back({"seconds_until_auto_pause", integer(s, "seconds_until_auto_pause", 300)});
  }
  return m;
}

void add_global_cluster(Context& c, const json& global) {
  c.origin = "/spec/global_database";
  ir::Map p{{"global_cluster_identifier", text(global, "identifier")},
            {"engine", text(c.spec, "engine")},
            {"engine_version", text(c.spec, "engine_version")},
            {"storage_encrypted", flag(get(c.spec, "storage"), "encrypted", true)},
            {"deletion_protection", flag(c.spec, "deletion_protection", true)}};
  // CreateGlobalCluster: EngineLifecycleSupport "only applies to Aurora PostgreSQL".
  if (text(c.spec, "engine") == "aurora-postgresql") {
    p.push_back({"engine_lifecycle_support", *lifecycle_support(c)});
  }
  c.add("rds_global_cluster", "global_cluster", std::move(p));
}

void add_cluster(Context& c) {
  ir::Map p{{"identifier", c.name}};
  add_common_database(c, p);
  if (c.has("cluster_parameter_group")) {
    ir::set(p, "db_cluster_parameter_group_name", ir::ref("cluster_parameter_group", "name"));
  } else if (c.spec.contains("cluster_parameter_group_name")) {
    ir::set(p, "db_cluster_parameter_group_name", text(c.spec, "cluster_parameter_group_name"));
  }
  // A major upgrade moves the instances to a group of the new family in the same call
  // (ModifyDBCluster: DBInstanceParameterGroupName is valid with AllowMajorVersionUpgrade).
  const bool major = flag(get(c.spec, "maintenance"), "allow_major_version_upgrade", false);
  if (major && c.has("instance_parameter_group")) {
    ir::set(p, "db_instance_parameter_group_name", ir::ref("instance_parameter_group", "name"));
  } else if (major && c.spec.contains("instance_parameter_group_name")) {
    ir::set(p, "db_instance_parameter_group_name", text(c.spec, "instance_parameter_group_name"));
  }
  if (c.spec.contains("serverless_v2_scaling")) {
    ir::set(p, "serverless_v2_scaling", serverless_scaling(get(c.spec, "serverless_v2_scaling")));
  }
  const json& global = get(c.spec, "global_database");
  if (global.is_object()) {
    const bool secondary = global_secondary(c);
    ir::set(p, "global_cluster_identifier",
            secondary ? ir::Value(text(global, "identifier")) : ir::ref("global_cluster", "id"));
    if (secondary) ir::set(p, "source_region", text(global, "source_region"));
  }
  if (c.spec.contains("backtrack_window")) {
    ir::set(p, "backtrack_window", integer(c.spec, "backtrack_window", 0));
  }
  ir::set(p, "enable_http_endpoint", flag(c.spec, "enable_http_endpoint", false));
  ir::set(p, "tags", c.tags(c.name));
  c.origin = "/metadata/name";  // a new name is a new cluster
  ir::Resource& cluster = c.add("rds_cluster", "cluster", std::move(p));
  for (const ir::Resource& r : c.graph.resources) {
    if (r.kind == "log_group") cluster.depends_on.push_back(r.name);
  }
}

struct InstanceSpec {
  std::string name;        // IR name: "writer", "reader_1"
  std::string identifier;  // AWS identifier
  std::string instance_class;
  std::string availability_zone;
  std::int64_t promotion_tier;
  std::string after;  // the instance this one waits for: none for the writer
};

void add_instance(Context& c, const InstanceSpec& s) {
  // No engine_version: the cluster's decides, and a member that names one drifts when AWS
  // upgrades the minor version (then the next apply tries to downgrade it).
  ir::Map p{{"identifier", s.identifier},
            {"cluster_identifier", ir::ref("cluster", "id")},
            {"instance_class", s.instance_class},
            {"engine", text(c.spec, "engine")}};
  if (!s.availability_zone.empty()) ir::set(p, "availability_zone", s.availability_zone);
  ir::set(p, "promotion_tier", s.promotion_tier);
  add_instance_settings(c, p);
  ir::set(p, "apply_immediately", flag(get(c.spec, "maintenance"), "apply_immediately", false));
  add_instance_monitoring(c, p);
  ir::set(p, "tags", c.tags(s.identifier));
  c.origin = s.after.empty() ? "/spec/instances/writer" : "/spec/instances/readers/count";
  ir::Resource& instance = c.add("rds_cluster_instance", s.name, std::move(p));
  // RDS refuses a monitoring role whose policy is not attached yet.
  if (c.has("monitoring_role")) instance.depends_on.push_back("monitoring_role");
  // The writer is whichever instance becomes available first, so readers wait for it
  // (aws-cdk #30260 and its fix, PR #30277), and each reader for the one before, so that
  // a class change rolls through the readers one at a time instead of all at once
  // (aws-cdk #10595).
  if (!s.after.empty()) instance.depends_on.push_back(s.after);
}

std::string az_at(const json& list, std::size_t i) {
  if (!list.is_array() || list.empty()) return "";
  return list[i % list.size()].get<std::string>();
}

void add_instances(Context& c) {
  const json& writer = at_path(c.spec, "instances.writer");
  const json& readers = at_path(c.spec, "instances.readers");
  const bool serverless = c.spec.contains("serverless_v2_scaling");
  const std::string writer_class =
      text(writer, "instance_class", serverless ? "db.serverless" : "");
  add_instance(c, {"writer", c.name + "-writer", writer_class, text(writer, "availability_zone"),
                   integer(writer, "promotion_tier", 0), ""});
  const std::int64_t count = integer(readers, "count", 0);
  std::string previous = "writer";
  for (std::int64_t i = 0; i < count; ++i) {
    const std::string n = std::to_string(i + 1);
    add_instance(
        c, {"reader_" + n, c.name + "-reader-" + n, text(readers, "instance_class", writer_class),
            az_at(get(readers, "availability_zones"), static_cast<std::size_t>(i)),
            integer(readers, "promotion_tier", 1), previous});
    previous = "reader_" + n;
  }
}

// Instances are named "writer", "reader-1", ... in the manifest.
ir::Value instance_refs(const json& names) {
  ir::List refs;
  for (const json& n : names) {
    std::string name = n.get<std::string>();
    if (name != "writer") name.replace(0, 7, "reader_");
    refs.push_back(ir::ref(name, "id"));
  }
  return refs;
}

void add_endpoints(Context& c) {
  const json& endpoints = get(c.spec, "endpoints");
  if (!endpoints.is_array()) return;
  for (std::size_t i = 0; i < endpoints.size(); ++i) {
    const json& e = endpoints[i];
    const std::string name = text(e, "name");
    // Endpoint identifiers are unique per account and region, like cluster identifiers:
    // "<cluster>-<endpoint>" keeps two clusters' "reporting" endpoints apart.
    ir::Map p{{"cluster_identifier", ir::ref("cluster", "id")},
              {"cluster_endpoint_identifier", c.name + "-" + name},
              {"custom_endpoint_type", text(e, "type")}};
    if (e.contains("static_members"))
      p.push_back({"static_members", instance_refs(get(e, "static_members"))});
    if (e.contains("excluded_members")) {
      p.push_back({"excluded_members", instance_refs(get(e, "excluded_members"))});
    }
    p.push_back({"tags", c.tags(c.name + "-" + name)});
    std::string ir_name = "endpoint_" + name;
    for (char& ch : ir_name) ch = ch == '-' ? '_' : ch;
    c.add("rds_cluster_endpoint", ir_name, std::move(p)).origin =
        "/spec/endpoints/" + std::to_string(i);
  }
}

}  // namespace

void lower_cluster(Context& c) {
  const json& global = get(c.spec, "global_database");
  if (global.is_object() && text(global, "role") == "primary") add_global_cluster(c, global);
  add_cluster(c);
  add_instances(c);
  add_endpoints(c);
}

}  // namespace ag::lowering
