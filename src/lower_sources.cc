// Where each IR property comes from in the manifest: the field a diagnostic about the
// property points at (a target that cannot express it; later, the change planner). One
// table by kind; the first field of a row that the manifest sets wins, and a property
// that only a default set has no source but the default's field (for explain).
#include <algorithm>
#include <map>
#include <string_view>
#include <vector>

#include "lower.h"
#include "lower_context.h"

namespace ag::lowering {
namespace {

using Fields = std::vector<std::string>;
using Table = std::map<std::string, Fields>;

// The properties a cluster and a DB instance share (add_common_database and friends).
const Table& database_fields() {
  static const Table k{
      {"identifier", {"/metadata/name"}},
      {"engine", {"/spec/engine"}},
      {"engine_version", {"/spec/engine_version"}},
      {"database_name", {"/spec/database_name"}},
      {"port", {"/spec/port"}},
      {"master_username", {"/spec/credentials/username"}},
      {"manage_master_user_password", {"/spec/credentials/manage_master_user_password"}},
      {"master_user_secret_kms_key_id",
       {"/spec/credentials/master_user_secret_kms_key_id", "/spec/storage/create_kms_key"}},
      {"master_password", {"/spec/credentials/master_password_secret_arn"}},
      {"db_subnet_group_name",
       {"/spec/network/db_subnet_group_name", "/spec/network/subnet_ids",
        "/spec/network/create_vpc"}},
      {"vpc_security_group_ids", {"/spec/network/security_group_ids"}},
      {"storage_encrypted", {"/spec/storage/encrypted"}},
      {"kms_key_id", {"/spec/storage/kms_key_id", "/spec/storage/create_kms_key"}},
      {"storage_type", {"/spec/storage/type"}},
      {"backup_retention_period", {"/spec/backup/retention_period"}},
      {"preferred_backup_window", {"/spec/backup/preferred_window"}},
      {"preferred_maintenance_window", {"/spec/maintenance/preferred_window"}},
      {"copy_tags_to_snapshot", {"/spec/backup/copy_tags_to_snapshot"}},
      {"skip_final_snapshot", {"/spec/backup/skip_final_snapshot"}},
      {"final_snapshot_identifier", {"/spec/backup/final_snapshot_identifier"}},
      {"apply_immediately", {"/spec/maintenance/apply_immediately"}},
      {"allow_major_version_upgrade", {"/spec/maintenance/allow_major_version_upgrade"}},
      {"auto_minor_version_upgrade", {"/spec/maintenance/auto_minor_version_upgrade"}},
      {"deletion_protection", {"/spec/deletion_protection"}},
      {"iam_database_authentication_enabled", {"/spec/iam_database_authentication_enabled"}},
      {"enabled_cloudwatch_logs_exports", {"/spec/enabled_cloudwatch_logs_exports"}},
      {"snapshot_identifier", {"/spec/restore/snapshot_identifier"}},
      {"restore_to_point_in_time", {"/spec/restore/point_in_time"}},
      {"serverless_v2_scaling", {"/spec/serverless_v2_scaling"}},
      {"backtrack_window", {"/spec/backtrack_window"}},
      {"enable_http_endpoint", {"/spec/enable_http_endpoint"}},
      {"global_cluster_identifier", {"/spec/global_database/identifier"}},
      {"source_region", {"/spec/global_database/source_region"}},
      {"db_cluster_parameter_group_name",
       {"/spec/cluster_parameter_group_name", "/spec/parameters/cluster"}},
      {"db_parameter_group_name",
       {"/spec/instance_parameter_group_name", "/spec/parameters/instance"}},
      {"db_instance_parameter_group_name",
       {"/spec/maintenance/allow_major_version_upgrade", "/spec/parameters/instance",
        "/spec/instance_parameter_group_name"}},
      {"engine_lifecycle_support", {"/spec/engine_lifecycle_support"}},
      {"master_password_version", {"/spec/credentials/master_password_secret_arn"}},
      {"option_group_name", {"/spec/enabled_cloudwatch_logs_exports"}},
      {"instance_class", {"/spec/instance_class"}},
      {"multi_az", {"/spec/multi_az"}},
      {"availability_zone", {"/spec/availability_zone"}},
      {"allocated_storage", {"/spec/storage/allocated_gb"}},
      {"max_allocated_storage", {"/spec/storage/max_allocated_gb"}},
      {"iops", {"/spec/storage/iops"}},
      {"storage_throughput", {"/spec/storage/throughput"}},
      {"publicly_accessible", {"/spec/network/publicly_accessible"}},
      {"monitoring_interval", {"/spec/monitoring/enhanced_monitoring_interval"}},
      {"monitoring_role_arn", {"/spec/monitoring/monitoring_role_arn"}},
      {"performance_insights_enabled", {"/spec/monitoring/performance_insights/enabled"}},
      {"performance_insights_retention_period",
       {"/spec/monitoring/performance_insights/retention_period"}},
      {"performance_insights_kms_key_id",
       {"/spec/monitoring/performance_insights/kms_key_id", "/spec/storage/kms_key_id",
        "/spec/storage/create_kms_key"}},
      {"tags", {"/metadata/tags"}},
  };
  return k;
}

// A cluster member's own fields are under instances.writer or instances.readers; the rest
// (monitoring, parameter group, minor upgrades) are the cluster's.
Fields instance_fields(const ir::Resource& r, const std::string& prop) {
  const std::string base =
      r.name == "writer" ? "/spec/instances/writer/" : "/spec/instances/readers/";
  if (prop == "instance_class" || prop == "promotion_tier") return {base + prop};
  if (prop == "availability_zone") {
    return {r.name == "writer" ? base + prop : base + "availability_zones"};
  }
  return {};
}

// Whether the manifest sets the field at `pointer`, a JSON pointer of the tables above (object
// members only, no escapes), read in place: this runs for every property of every database.
bool present(const json& doc, std::string_view pointer) {
  const json* node = &doc;
  while (pointer.starts_with('/')) {
    pointer.remove_prefix(1);
    const std::size_t end = std::min(pointer.find('/'), pointer.size());
    if (!node->is_object()) return false;
    const auto it = node->find(pointer.substr(0, end));
    if (it == node->end()) return false;
    node = &*it;
    pointer.remove_prefix(end);
  }
  return pointer.empty();
}

void record(const Context& c, ir::Resource& r, const std::string& prop, const Fields& fields) {
  for (const std::string& f : fields) {
    if (present(c.doc, f)) {
      r.sources[prop] = f;
      return;
    }
  }
  // Tags and security groups are what aurora-gen adds and, when set, the field's: without
  // the field they are not a default of it.
  const bool composed = prop == "tags" || prop == "vpc_security_group_ids";
  if (!fields.empty() && !composed) r.defaults[prop] = fields.front();  // would set it
}

}  // namespace

const Table& fields_table() { return database_fields(); }

void lower_sources(Context& c) {
  for (ir::Resource& r : c.graph.resources) {
    const bool database = r.kind == "rds_cluster" || r.kind == "db_instance";
    const bool member = r.kind == "rds_cluster_instance";
    if (!database && !member) continue;
    for (const ir::Member& p : r.props) {
      const Fields own = member ? instance_fields(r, p.key) : Fields{};
      const Fields* fields = &own;
      if (own.empty()) {
        auto row = database_fields().find(p.key);
        if (row != database_fields().end()) fields = &row->second;
      }
      record(c, r, p.key, *fields);
    }
  }
}

}  // namespace ag::lowering

namespace ag {

std::string manifest_field(const std::string& kind, const std::string& property) {
  if (kind == "rds_cluster_instance" &&
      (property == "instance_class" || property == "promotion_tier")) {
    return "/spec/instances/writer/" + property;
  }
  const auto& table = lowering::fields_table();
  auto row = table.find(property);
  return row == table.end() || row->second.empty() ? "" : row->second.front();
}

}  // namespace ag
