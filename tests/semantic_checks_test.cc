// Stage 3: each semantic rule on a minimal valid manifest broken in exactly one way, the
// location each is reported at, and the example manifests passing clean.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine_catalog.h"
#include "loader.h"
#include "semantic_checks.h"
#include "test_support.h"

namespace {

using nlohmann::json;
using Ptr = json::json_pointer;

// Gives every node its own line: a member's key at column 1, its value at column 10, so
// a test can tell "reported at the key" from "reported at the value".
void index_positions(ag::SourceMap& map, const json& node, const std::string& ptr, int& line) {
  map.set_value(ptr, line, 10);
  ++line;
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string child = ag::pointer_append(ptr, it.key());
      map.set_key(child, line, 1);
      index_positions(map, it.value(), child, line);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      index_positions(map, node[i], ptr + "/" + std::to_string(i), line);
    }
  }
}

ag::Manifest make_manifest(const json& doc) {
  ag::Manifest m{"t.yaml", doc, ag::SourceMap("t.yaml")};
  int line = 1;
  index_positions(m.map, m.doc, "", line);
  return m;
}

std::vector<ag::Diagnostic> run(const json& doc) {
  const ag::Manifest m = make_manifest(doc);
  ag::Diagnostics diags;
  ag::check_semantics(m, diags);
  return diags.items();
}

json aurora() {
  return json::parse(R"({
    "apiVersion": "aurora-gen/v1", "kind": "AuroraCluster",
    "metadata": {"name": "orders", "region": "us-east-1", "environment": "prod",
                 "tags": {"team": "data"}},
    "spec": {
      "engine": "aurora-postgresql", "engine_version": "16.4", "database_name": "app",
      "instances": {"writer": {"instance_class": "db.r6g.large"}, "readers": {"count": 2}},
      "network": {"vpc_id": "vpc-0a1b2c3d4e5f60718",
                  "subnet_ids": ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
                  "allowed_cidr_blocks": ["10.0.0.0/16"]},
      "credentials": {"username": "app_admin", "manage_master_user_password": true},
      "storage": {"encrypted": true, "type": "aurora"},
      "backup": {"retention_period": 7, "preferred_window": "03:00-04:00"},
      "maintenance": {"preferred_window": "sun:05:00-sun:06:00"},
      "enabled_cloudwatch_logs_exports": ["postgresql"],
      "monitoring": {"alarms": {"cpu_utilization_percent": 80,
                                "notify_emails": ["dba@example.com"]}},
      "proxy": {"connection_pool": {"max_connections_percent": 90}}
    }})");
}

json rds() {
  return json::parse(R"({
    "apiVersion": "aurora-gen/v1", "kind": "RdsInstance",
    "metadata": {"name": "pg-ha"},
    "spec": {
      "engine": "postgres", "engine_version": "17.9", "instance_class": "db.t4g.medium",
      "network": {"create_vpc": {"cidr_block": "10.0.0.0/16",
                                 "availability_zones": ["us-west-2a", "us-west-2b"]},
                  "allowed_security_group_ids": ["sg-0a1b2c3d4e5f60003"]},
      "storage": {"allocated_gb": 100, "max_allocated_gb": 500, "type": "gp3"}
    }})");
}

json serverless() {
  json doc = aurora();
  doc["spec"]["serverless_v2_scaling"] = {{"min_capacity", 0.5}, {"max_capacity", 8}};
  doc["spec"]["instances"]["writer"] = json::object();
  return doc;
}

// A global database primary: AWS requires the master password from a secret the user owns.
json global_primary(json doc) {
  doc["spec"]["global_database"] = {{"identifier", "g"}, {"role", "primary"}};
  doc["spec"]["credentials"] = {
      {"username", "app_admin"},
      {"manage_master_user_password", false},
      {"master_password_secret_arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:m"}};
  return doc;
}

enum class At { Value, Key };

struct Case {
  std::string rule;
  std::function<json()> doc;  // a valid base broken in one way
  std::string pointer;        // where the diagnostic must point
  At at = At::Value;
  // Rules the input cannot avoid as well: a version old enough to lack a feature is also
  // deprecated, or past its end of standard support.
  std::set<std::string> also = {};
};

json with(json doc, const std::string& ptr, json value) {
  doc[Ptr(ptr)] = std::move(value);
  return doc;
}

json without(json doc, const std::string& ptr) {
  const Ptr p(ptr);
  doc[p.parent_pointer()].erase(p.back());
  return doc;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> k{
      // kind and engine
      {"kind.field-not-allowed", [] { return with(aurora(), "/spec/multi_az", true); },
       "/spec/multi_az", At::Key},
      {"kind.field-not-allowed",
       [] { return with(rds(), "/spec/parameters/cluster", json::array()); },
       "/spec/parameters/cluster", At::Key},
      {"kind.field-not-allowed", [] { return with(aurora(), "/spec/storage/iops", 3000); },
       "/spec/storage/iops", At::Key},
      {"kind.instances-required", [] { return without(aurora(), "/spec/instances/writer"); },
       "/spec/instances", At::Key},
      {"kind.instances-required", [] { return without(aurora(), "/spec/instances"); }, "/spec",
       At::Key},
      {"kind.instance-class-required", [] { return without(rds(), "/spec/instance_class"); },
       "/spec", At::Key},
      {"engine.kind-mismatch", [] { return with(aurora(), "/spec/engine", "postgres"); },
       "/spec/engine"},
      {"engine.kind-mismatch", [] { return with(rds(), "/spec/engine", "aurora-mysql"); },
       "/spec/engine"},
      {"engine.version-format",
       [] { return with(aurora(), "/spec/engine_version", "8.0.mysql_aurora.3.08.0"); },
       "/spec/engine_version"},
      {"engine.version-unknown", [] { return with(aurora(), "/spec/engine_version", "16.99"); },
       "/spec/engine_version"},
      {"engine.version-deprecated", [] { return with(aurora(), "/spec/engine_version", "15.4"); },
       "/spec/engine_version"},
      {"engine.version-deprecated", [] { return with(rds(), "/spec/engine_version", "16.2"); },
       "/spec/engine_version"},
      {"instance.class-engine",
       [] { return with(aurora(), "/spec/instances/writer/instance_class", "db.r6g.largee"); },
       "/spec/instances/writer/instance_class"},
      {"instance.class-engine",
       [] { return with(aurora(), "/spec/instances/readers/instance_class", "db.t2.micro"); },
       "/spec/instances/readers/instance_class"},
      {"instance.class-engine", [] { return with(rds(), "/spec/instance_class", "db.serverless"); },
       "/spec/instance_class"},
      {"instance.class-engine",
       [] {
         json d = with(aurora(), "/spec/engine", "aurora-mysql");
         d = with(d, "/spec/engine_version", "5.7.mysql_aurora.2.12.5");
         d = with(d, "/spec/enabled_cloudwatch_logs_exports", json::array({"error"}));
         return with(d, "/spec/instances/writer/instance_class", "db.r8g.large");
       },
       "/spec/instances/writer/instance_class",
       At::Value,
       {"engine.end-of-support"}},
      // network
      {"network.subnet-source",
       [] { return with(aurora(), "/spec/network/db_subnet_group_name", "shared"); },
       "/spec/network/db_subnet_group_name", At::Key},
      {"network.subnet-source", [] { return without(aurora(), "/spec/network/subnet_ids"); },
       "/spec/network", At::Key},
      {"network.vpc-id-required", [] { return without(aurora(), "/spec/network/vpc_id"); },
       "/spec/network", At::Key},
      {"network.vpc-id-with-create-vpc",
       [] { return with(rds(), "/spec/network/vpc_id", "vpc-0a1b2c3d4e5f60718"); },
       "/spec/network/vpc_id", At::Key},
      {"network.public-cidr",
       [] { return with(aurora(), "/spec/network/allowed_cidr_blocks/1", "0.0.0.0/0"); },
       "/spec/network/allowed_cidr_blocks/1"},
      {"network.cidr",
       [] { return with(aurora(), "/spec/network/allowed_cidr_blocks/0", "10.0.0.1/16"); },
       "/spec/network/allowed_cidr_blocks/0"},
      {"network.cidr",
       [] { return with(aurora(), "/spec/network/allowed_cidr_blocks/0", "10.0.0.256/32"); },
       "/spec/network/allowed_cidr_blocks/0"},
      {"network.cidr",
       [] { return with(rds(), "/spec/network/create_vpc/cidr_block", "10.0.0.0/26"); },
       "/spec/network/create_vpc/cidr_block"},
      {"network.reader-az",
       [] {
         json d = with(rds(), "/spec/multi_az", false);
         return with(d, "/spec/availability_zone", "us-west-2c");
       },
       "/spec/availability_zone"},
      {"network.reader-az",
       [] {
         json d = with(aurora(), "/spec/network", json::parse(R"({"create_vpc":
             {"cidr_block": "10.0.0.0/16", "availability_zones": ["us-east-1a", "us-east-1b"]},
             "allowed_cidr_blocks": ["10.0.0.0/16"]})"));
         return with(d, "/spec/instances/readers/availability_zones",
                     json::array({"us-east-1b", "us-east-1c"}));
       },
       "/spec/instances/readers/availability_zones/1"},
      {"instance.availability-zone-multi-az",
       [] { return with(rds(), "/spec/availability_zone", "us-west-2a"); },
       "/spec/availability_zone", At::Key},
      // instances and serverless
      {"instances.instance-class-required",
       [] { return without(aurora(), "/spec/instances/writer/instance_class"); },
       "/spec/instances/writer", At::Key},
      {"serverless.scaling-required",
       [] { return with(aurora(), "/spec/instances/readers/instance_class", "db.serverless"); },
       "/spec/instances/readers/instance_class"},
      {"serverless.min-max",
       [] { return with(serverless(), "/spec/serverless_v2_scaling/min_capacity", 16); },
       "/spec/serverless_v2_scaling/min_capacity"},
      {"serverless.auto-pause-min",
       [] {
         return with(serverless(), "/spec/serverless_v2_scaling/seconds_until_auto_pause", 600);
       },
       "/spec/serverless_v2_scaling/seconds_until_auto_pause", At::Key},
      {"serverless.auto-pause-version",
       [] {
         json d = with(serverless(), "/spec/engine_version", "14.6");
         return with(d, "/spec/serverless_v2_scaling/min_capacity", 0);
       },
       "/spec/serverless_v2_scaling/min_capacity"},
      {"serverless.engine-version",
       [] { return with(serverless(), "/spec/engine_version", "12.22"); },
       "/spec/serverless_v2_scaling",
       At::Key,
       {"engine.end-of-support"}},
      {"storage.iopt1-version",
       [] {
         json d = with(aurora(), "/spec/engine_version", "14.6");
         return with(d, "/spec/storage/type", "aurora-iopt1");
       },
       "/spec/storage/type"},
      {"data-api.engine-version",
       [] {
         json d = with(aurora(), "/spec/engine_version", "14.6");
         return with(d, "/spec/enable_http_endpoint", true);
       },
       "/spec/enable_http_endpoint"},
      {"global.engine-version",
       [] {
         json d = with(without(aurora(), "/spec/proxy"), "/spec/engine_version", "10.7");
         return global_primary(d);
       },
       "/spec/global_database",
       At::Key,
       {"engine.version-deprecated"}},
      {"autoscaling.min-max",
       [] {
         return with(aurora(), "/spec/read_replica_autoscaling",
                     {{"min_capacity", 5}, {"max_capacity", 2}, {"target_cpu_utilization", 60}});
       },
       "/spec/read_replica_autoscaling/min_capacity"},
      {"autoscaling.target",
       [] {
         return with(aurora(), "/spec/read_replica_autoscaling",
                     {{"min_capacity", 1},
                      {"max_capacity", 2},
                      {"target_cpu_utilization", 60},
                      {"target_connections", 500}});
       },
       "/spec/read_replica_autoscaling", At::Key},
      // windows
      {"windows.backup-format",
       [] { return with(aurora(), "/spec/backup/preferred_window", "03:00-03:20"); },
       "/spec/backup/preferred_window"},
      {"windows.backup-format",
       [] { return with(aurora(), "/spec/backup/preferred_window", "03:00-03:00"); },
       "/spec/backup/preferred_window"},
      {"windows.maintenance-format",
       [] { return with(aurora(), "/spec/maintenance/preferred_window", "sun:05:00-sun:05:10"); },
       "/spec/maintenance/preferred_window"},
      {"windows.overlap",
       [] { return with(aurora(), "/spec/maintenance/preferred_window", "wed:03:30-wed:04:30"); },
       "/spec/backup/preferred_window"},
      {"windows.overlap",  // wraps past midnight into Monday 00:10
       [] {
         json d = with(aurora(), "/spec/backup/preferred_window", "23:30-00:30");
         return with(d, "/spec/maintenance/preferred_window", "mon:00:10-mon:01:00");
       },
       "/spec/backup/preferred_window"},
      // logs
      {"logs.engine",
       [] { return with(aurora(), "/spec/enabled_cloudwatch_logs_exports/0", "slowquery"); },
       "/spec/enabled_cloudwatch_logs_exports/0"},
      {"logs.iam-auth",  // IAM authentication is on by default: turned off here
       [] {
         json d = with(aurora(), "/spec/iam_database_authentication_enabled", false);
         return with(d, "/spec/enabled_cloudwatch_logs_exports/1", "iam-db-auth-error");
       },
       "/spec/enabled_cloudwatch_logs_exports/1"},
      // credentials
      {"credentials.reserved-username",
       [] { return with(aurora(), "/spec/credentials/username", "pg_owner"); },
       "/spec/credentials/username"},
      {"credentials.reserved-username",
       [] { return with(aurora(), "/spec/credentials/username", "admin"); },
       "/spec/credentials/username"},
      {"credentials.kms-needs-managed",
       [] {
         json d = with(aurora(), "/spec/credentials/manage_master_user_password", false);
         d = with(d, "/spec/credentials/master_password_secret_arn",
                  "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf");
         return with(d, "/spec/credentials/master_user_secret_kms_key_id",
                     "arn:aws:kms:us-east-1:123456789012:key/abc");
       },
       "/spec/credentials/master_user_secret_kms_key_id", At::Key},
      {"credentials.secret-arn",
       [] {
         return with(aurora(), "/spec/credentials/master_password_secret_arn",
                     "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf");
       },
       "/spec/credentials/master_password_secret_arn", At::Key},
      {"credentials.rotation-needs-managed",
       [] {
         json d = with(aurora(), "/spec/credentials/manage_master_user_password", false);
         d = with(d, "/spec/credentials/master_password_secret_arn",
                  "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf");
         return with(d, "/spec/credentials/rotation/automatically_after_days", 30);
       },
       "/spec/credentials/rotation", At::Key},
      {"credentials.password-source",
       [] {
         json d = without(aurora(), "/spec/proxy");
         return with(d, "/spec/credentials/manage_master_user_password", false);
       },
       "/spec/credentials/manage_master_user_password"},
      {"credentials.plaintext-password",
       [] { return with(aurora(), "/spec/credentials/master_password", "hunter2"); },
       "/spec/credentials/master_password", At::Key},
      {"credentials.plaintext-password",
       [] { return with(aurora(), "/spec/proxy/password", "hunter2"); }, "/spec/proxy/password",
       At::Key},
      // global database
      {"global.secondary-credentials",
       [] {
         json d = without(aurora(), "/spec/database_name");
         d = without(d, "/spec/proxy");
         return with(d, "/spec/global_database",
                     {{"identifier", "g"}, {"role", "secondary"}, {"source_region", "eu-west-1"}});
       },
       "/spec/credentials", At::Key},
      {"global.secondary-database-name",
       [] {
         json d = without(aurora(), "/spec/credentials");
         d = without(d, "/spec/proxy");
         return with(d, "/spec/global_database",
                     {{"identifier", "g"}, {"role", "secondary"}, {"source_region", "eu-west-1"}});
       },
       "/spec/database_name", At::Key},
      {"global.source-region",
       [] {
         json d = without(aurora(), "/spec/credentials");
         d = without(without(d, "/spec/proxy"), "/spec/database_name");
         return with(d, "/spec/global_database",
                     {{"identifier", "g"}, {"role", "secondary"}, {"source_region", "us-east-1"}});
       },
       "/spec/global_database/source_region"},
      {"global.source-region",
       [] {
         json d = without(aurora(), "/spec/credentials");
         d = without(without(d, "/spec/proxy"), "/spec/database_name");
         return with(d, "/spec/global_database", {{"identifier", "g"}, {"role", "secondary"}});
       },
       "/spec/global_database", At::Key},
      {"global.source-region",
       [] {
         return with(global_primary(aurora()), "/spec/global_database/source_region", "eu-west-1");
       },
       "/spec/global_database/source_region", At::Key},
      {"global.managed-password",
       [] {
         return with(global_primary(aurora()), "/spec/credentials",
                     {{"manage_master_user_password", true}});
       },
       "/spec/credentials/manage_master_user_password", At::Key},
      {"global.managed-password",
       [] { return without(global_primary(aurora()), "/spec/credentials"); },
       "/spec/global_database", At::Key},
      {"restore.global-database",
       [] {
         return with(global_primary(aurora()), "/spec/restore", {{"snapshot_identifier", "snap"}});
       },
       "/spec/restore", At::Key},
      {"network.availability-zone",
       [] { return with(aurora(), "/spec/instances/writer/availability_zone", "eu-west-1a"); },
       "/spec/instances/writer/availability_zone"},
      {"network.availability-zone",
       [] {
         return with(rds(), "/spec/network/create_vpc/availability_zones",
                     json::array({"us-west-2a", "us-west-2j"}));
       },
       "/spec/network/create_vpc/availability_zones/1"},
      {"network.public-create-vpc",
       [] { return with(rds(), "/spec/network/publicly_accessible", true); },
       "/spec/network/publicly_accessible"},
      // storage
      {"storage.kms-exclusive",
       [] {
         json d = with(aurora(), "/spec/storage/kms_key_id", "arn:aws:kms:us-east-1:1:key/x");
         return with(d, "/spec/storage/create_kms_key", true);
       },
       "/spec/storage/create_kms_key", At::Key},
      {"storage.encryption-off-with-key",
       [] {
         json d = with(aurora(), "/spec/storage/kms_key_id", "arn:aws:kms:us-east-1:1:key/x");
         return with(d, "/spec/storage/encrypted", false);
       },
       "/spec/storage/encrypted"},
      {"storage.type-kind", [] { return with(aurora(), "/spec/storage/type", "gp3"); },
       "/spec/storage/type"},
      {"storage.type-kind", [] { return with(rds(), "/spec/storage/type", "aurora-iopt1"); },
       "/spec/storage/type"},
      {"storage.max-allocated", [] { return with(rds(), "/spec/storage/max_allocated_gb", 100); },
       "/spec/storage/max_allocated_gb"},
      {"storage.allocated-min",
       [] {
         json d = with(rds(), "/spec/storage/type", "io1");
         d = with(d, "/spec/storage/iops", 1000);
         return with(d, "/spec/storage/allocated_gb", 50);
       },
       "/spec/storage/allocated_gb"},
      {"storage.gp3-iops", [] { return with(rds(), "/spec/storage/iops", 12000); },
       "/spec/storage/iops"},
      {"storage.gp3-iops", [] { return with(rds(), "/spec/storage/throughput", 500); },
       "/spec/storage/throughput"},
      {"storage.gp3-iops",
       [] {
         json d = with(rds(), "/spec/storage/allocated_gb", 400);
         d = with(d, "/spec/storage/iops", 12000);
         return with(d, "/spec/storage/throughput", 4000);
       },
       "/spec/storage/throughput"},
      {"storage.io-iops-required", [] { return with(rds(), "/spec/storage/type", "io2"); },
       "/spec/storage/type"},
      {"storage.iops-ratio",
       [] {
         json d = with(rds(), "/spec/storage/type", "io1");
         return with(d, "/spec/storage/iops", 6000);  // 60 IOPS/GiB on 100 GiB
       },
       "/spec/storage/iops"},
      {"storage.iops-type",
       [] {
         json d = with(rds(), "/spec/storage/type", "gp2");
         return with(d, "/spec/storage/iops", 3000);
       },
       "/spec/storage/iops", At::Key},
      // backtrack
      {"backtrack.engine", [] { return with(aurora(), "/spec/backtrack_window", 3600); },
       "/spec/backtrack_window", At::Key},
      {"backtrack.serverless",
       [] {
         json d = with(serverless(), "/spec/engine", "aurora-mysql");
         d = with(d, "/spec/engine_version", "8.0.mysql_aurora.3.08.0");
         d = with(d, "/spec/enabled_cloudwatch_logs_exports", json::array({"error"}));
         d = with(d, "/spec/credentials/username", "app_admin");
         return with(d, "/spec/backtrack_window", 3600);
       },
       "/spec/backtrack_window", At::Key},
      {"backtrack.global-database",
       [] {
         json d = with(aurora(), "/spec/engine", "aurora-mysql");
         d = with(d, "/spec/engine_version", "8.0.mysql_aurora.3.08.0");
         d = with(d, "/spec/enabled_cloudwatch_logs_exports", json::array({"error"}));
         return with(global_primary(d), "/spec/backtrack_window", 3600);
       },
       "/spec/backtrack_window", At::Key},
      // parameters
      {"parameters.duplicate-name",
       [] {
         return with(aurora(), "/spec/parameters/instance",
                     json::parse(R"([{"name": "work_mem", "value": "4MB"},
                                     {"name": "work_mem", "value": "8MB"}])"));
       },
       "/spec/parameters/instance/1/name"},
      {"parameters.group-exclusive",
       [] {
         json d = with(aurora(), "/spec/parameters/cluster",
                       json::parse(R"([{"name": "rds.force_ssl", "value": "1"}])"));
         return with(d, "/spec/cluster_parameter_group_name", "shared");
       },
       "/spec/cluster_parameter_group_name", At::Key},
      // monitoring and alarms
      {"monitoring.role-arn-interval",  // enhanced monitoring is on by default: off here
       [] {
         json d = with(aurora(), "/spec/monitoring/enhanced_monitoring_interval", 0);
         return with(d, "/spec/monitoring/monitoring_role_arn",
                     "arn:aws:iam::123456789012:role/em");
       },
       "/spec/monitoring/monitoring_role_arn", At::Key},
      {"alarms.acu-serverless",
       [] { return with(aurora(), "/spec/monitoring/alarms/acu_utilization_percent", 90); },
       "/spec/monitoring/alarms/acu_utilization_percent", At::Key},
      {"alarms.free-storage-kind",
       [] { return with(aurora(), "/spec/monitoring/alarms/free_storage_gb", 10); },
       "/spec/monitoring/alarms/free_storage_gb", At::Key},
      {"alarms.replica-lag-kind",
       [] {
         json d = with(rds(), "/spec/monitoring/alarms/replica_lag_ms", 1000);
         return with(d, "/spec/monitoring/alarms/notify_emails", json::array({"ops@example.com"}));
       },
       "/spec/monitoring/alarms/replica_lag_ms", At::Key},
      {"alarms.replica-lag-kind",
       [] {
         json d = with(aurora(), "/spec/instances/readers/count", 0);
         return with(d, "/spec/monitoring/alarms/replica_lag_ms", 1000);
       },
       "/spec/monitoring/alarms/replica_lag_ms", At::Key},
      {"alarms.target",
       [] {
         json d = with(aurora(), "/spec/monitoring/alarms/sns_topic_arn",
                       "arn:aws:sns:us-east-1:123456789012:ops");
         return with(d, "/spec/monitoring/alarms/notify_emails", json::array({"a@b.example"}));
       },
       "/spec/monitoring/alarms/notify_emails", At::Key},
      // proxy
      {"proxy.pool-bounds",
       [] {
         return with(aurora(), "/spec/proxy/connection_pool/max_idle_connections_percent", 95);
       },
       "/spec/proxy/connection_pool/max_idle_connections_percent"},
      {"proxy.needs-secret",
       [] {
         json d = without(aurora(), "/spec/credentials");
         d = without(d, "/spec/database_name");
         return with(d, "/spec/global_database",
                     {{"identifier", "g"}, {"role", "secondary"}, {"source_region", "eu-west-1"}});
       },
       "/spec/proxy", At::Key},
      {"proxy.engine",
       [] {
         json d = with(aurora(), "/spec/engine", "aurora-mysql");
         d = with(d, "/spec/engine_version", "5.7.mysql_aurora.2.09.2");
         return with(d, "/spec/enabled_cloudwatch_logs_exports", json::array({"error"}));
       },
       "/spec/proxy",
       At::Key,
       {"engine.version-deprecated", "engine.end-of-support"}},
      // restore
      {"restore.exclusive",
       [] {
         return with(aurora(), "/spec/restore",
                     json::parse(R"({"snapshot_identifier": "snap-1", "point_in_time":
                       {"source_cluster_identifier": "old", "use_latest_restorable_time": true}})"));
       },
       "/spec/restore/point_in_time", At::Key},
      {"restore.exclusive",
       [] {
         return with(aurora(), "/spec/restore/point_in_time",
                     {{"source_cluster_identifier", "old"}});
       },
       "/spec/restore/point_in_time", At::Key},
      {"restore.time-format",
       [] {
         return with(
             aurora(), "/spec/restore/point_in_time",
             {{"source_cluster_identifier", "old"}, {"restore_to_time", "2025-02-30T10:00:00Z"}});
       },
       "/spec/restore/point_in_time/restore_to_time"},
      {"restore.global-secondary",
       [] {
         json d = without(aurora(), "/spec/credentials");
         d = without(without(d, "/spec/proxy"), "/spec/database_name");
         d = with(d, "/spec/restore/snapshot_identifier", "snap-1");
         return with(d, "/spec/global_database",
                     {{"identifier", "g"}, {"role", "secondary"}, {"source_region", "eu-west-1"}});
       },
       "/spec/restore", At::Key},
      // endpoints
      {"endpoints.member",
       [] {
         return with(aurora(), "/spec/endpoints",
                     json::parse(R"([{"name": "analytics", "type": "READER",
                                      "static_members": ["reader-1", "reader-3"]}])"));
       },
       "/spec/endpoints/0/static_members/1"},
      {"endpoints.member",
       [] {
         return with(aurora(), "/spec/endpoints",
                     json::parse(R"([{"name": "analytics", "type": "READER",
                                      "static_members": ["reader-1"],
                                      "excluded_members": ["reader-2"]}])"));
       },
       "/spec/endpoints/0/excluded_members", At::Key},
      {"endpoints.duplicate-name",
       [] {
         return with(
             aurora(), "/spec/endpoints",
             json::parse(R"([{"name": "a", "type": "ANY"}, {"name": "a", "type": "READER"}])"));
       },
       "/spec/endpoints/1/name"},
      // tags and names
      {"tags.reserved-prefix", [] { return with(aurora(), "/metadata/tags/aws:owner", "x"); },
       "/metadata/tags/aws:owner", At::Key},
      {"tags.reserved-prefix", [] { return with(aurora(), "/metadata/tags/AWS:owner", "x"); },
       "/metadata/tags/AWS:owner", At::Key},
      {"tags.reserved-prefix", [] { return with(aurora(), "/metadata/tags/aWs:owner", "x"); },
       "/metadata/tags/aWs:owner", At::Key},
      {"tags.reserved-key", [] { return with(aurora(), "/metadata/tags/Name", "x"); },
       "/metadata/tags/Name", At::Key},
      {"tags.charset", [] { return with(aurora(), "/metadata/tags/team", "data#1"); },
       "/metadata/tags/team"},
      {"tags.charset", [] { return with(aurora(), "/metadata/tags/co\u00A7t", "x"); },
       "/metadata/tags/co\u00A7t", At::Key},
      {"tags.count",
       [] {
         json d = aurora();
         for (int i = 0; i < 48; ++i) d["metadata"]["tags"]["k" + std::to_string(i)] = "v";
         return d;  // 49 user tags + Name, Environment, ManagedBy
       },
       "/metadata/tags", At::Key},
      {"database.name-length",
       [] { return with(aurora(), "/spec/database_name", std::string(64, 'a')); },
       "/spec/database_name"},
      {"cfn.dynamic-reference",
       [] {
         return with(aurora(), "/spec/parameters/instance", json::parse(R"([{"name": "search_path",
                                      "value": "{{resolve:ssm:/db/path}}"}])"));
       },
       "/spec/parameters/instance/0/value"},
  };
  return k;
}

}  // namespace

TEST_CASE("the valid bases have no diagnostics") {
  for (const json& doc : {aurora(), rds(), serverless()}) {
    const auto ds = run(doc);
    for (const auto& d : ds) INFO(d.rule << ": " << d.message);
    CHECK(ds.empty());
  }
}

TEST_CASE("a database nobody may reach is a warning at spec.network") {
  const json doc = without(rds(), "/spec/network/allowed_security_group_ids");
  const ag::Manifest m = make_manifest(doc);
  ag::Diagnostics diags;
  ag::check_semantics(m, diags);
  REQUIRE(diags.items().size() == 1);
  const ag::Diagnostic& d = diags.items()[0];
  CHECK(d.rule == "network.no-ingress");
  CHECK(d.severity == ag::Severity::Warning);
  CHECK(d.loc.line == m.map.key_at("/spec/network").line);
}

TEST_CASE("each rule fires alone, at the offending node") {
  for (const Case& c : cases()) {
    DYNAMIC_SECTION(c.rule << " at " << c.pointer) {
      const json doc = c.doc();
      const ag::Manifest m = make_manifest(doc);
      const ag::Location want = c.at == At::Key ? m.map.key_at(c.pointer) : m.map.at(c.pointer);
      ag::Diagnostics diags;
      ag::check_semantics(m, diags);
      std::set<std::string> rules;
      bool located = false;
      for (const auto& d : diags.items()) {
        INFO(d.rule << " " << d.loc.line << ":" << d.loc.col << " " << d.message);
        rules.insert(d.rule);
        if (d.rule == c.rule) CHECK(d.severity == ag::Severity::Error);
        CHECK_FALSE(d.message.empty());
        located |= d.rule == c.rule && d.loc.line == want.line && d.loc.col == want.col;
      }
      std::set<std::string> expected = c.also;
      expected.insert(c.rule);
      CHECK(rules == expected);
      CHECK(located);
    }
  }
}

TEST_CASE("a plaintext password key has the same words as in the schema stage") {
  const auto ds = run(with(aurora(), "/metadata/tags/db_password", "x"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == "metadata.tags.db_password: plaintext passwords are never accepted");
  CHECK_THAT(ds[0].hint, Catch::Contains("master_password_secret_arn"));
}

TEST_CASE("retired rules stay silent: the schema reports these inputs") {
  // name.double-hyphen, name.trailing-hyphen, serverless.capacity-step, serverless.max-zero,
  // monitoring.pi-retention and credentials.reserved-username for rdsadmin (docs/rules.md).
  for (const json& doc :
       {with(aurora(), "/metadata/name", "orders--db"), with(aurora(), "/metadata/name", "orders-"),
        with(serverless(), "/spec/serverless_v2_scaling/max_capacity", 8.25),
        with(with(serverless(), "/spec/serverless_v2_scaling/max_capacity", 0.5),
             "/spec/serverless_v2_scaling/min_capacity", 0.5),
        with(aurora(), "/spec/monitoring/performance_insights",
             {{"enabled", true}, {"retention_period", 30}}),
        with(aurora(), "/spec/credentials/username", "rdsadmin")}) {
    const auto ds = run(doc);
    for (const auto& d : ds) INFO(d.rule << ": " << d.message);
    CHECK(ds.empty());
  }
}

TEST_CASE("messages name the field by its dotted path") {
  const auto ds = run(with(aurora(), "/spec/network/allowed_cidr_blocks/0", "0.0.0.0/0"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("spec.network.allowed_cidr_blocks[0]") != std::string::npos);
  CHECK_FALSE(ds[0].hint.empty());
}

TEST_CASE("0.0.0.0/0 is accepted when the database is meant to be public") {
  json doc = with(aurora(), "/spec/network/allowed_cidr_blocks/0", "0.0.0.0/0");
  CHECK(run(with(doc, "/spec/network/publicly_accessible", true)).empty());
}

TEST_CASE("a backup window next to the maintenance window does not overlap") {
  json doc = with(aurora(), "/spec/backup/preferred_window", "04:00-05:00");
  CHECK(run(with(doc, "/spec/maintenance/preferred_window", "sun:05:00-sun:06:00")).empty());
  // Wrapping windows: daily 23:30–00:30 against Sunday 00:30–01:30 only touch.
  doc = with(aurora(), "/spec/backup/preferred_window", "23:30-00:30");
  CHECK(run(with(doc, "/spec/maintenance/preferred_window", "sun:00:30-sun:01:30")).empty());
}

TEST_CASE("auto-pause on a version that supports it is accepted") {
  json doc = with(serverless(), "/spec/serverless_v2_scaling/min_capacity", 0);
  doc = with(doc, "/spec/serverless_v2_scaling/seconds_until_auto_pause", 3600);
  CHECK(run(doc).empty());
}

TEST_CASE("log retention without exported logs is a warning") {
  // Without a list of its own a manifest exports the engine's default logs: an empty one
  // exports nothing.
  json doc = with(aurora(), "/spec/enabled_cloudwatch_logs_exports", json::array());
  const auto ds = run(with(doc, "/spec/monitoring/log_retention_days", 30));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "monitoring.log-retention-needs-exports");
  CHECK(ds[0].severity == ag::Severity::Warning);
}

TEST_CASE("unexpected shapes never throw") {
  for (const json& doc :
       {json(nullptr), json::array({1, 2}), json("text"),
        json::parse(R"({"kind": "AuroraCluster", "spec": []})"),
        json::parse(R"({"kind": "AuroraCluster", "spec": {"network": "x", "instances": 3,
          "serverless_v2_scaling": {"min_capacity": "0"}, "endpoints": {"a": 1},
          "metadata": 1, "monitoring": {"alarms": []}, "backup": {"preferred_window": 5},
          "enabled_cloudwatch_logs_exports": "postgresql", "engine": "aurora-postgresql",
          "engine_version": 15, "restore": {"point_in_time": []}}})"),
        json::parse(R"({"kind": "RdsInstance", "metadata": {"tags": ["a"]},
          "spec": {"storage": {"type": "io1", "iops": 1000, "allocated_gb": 0}}})")}) {
    CHECK_NOTHROW(run(doc));
  }
}

// Warnings an example shows on purpose are listed in tests/examples-warnings.txt and
// checked by examples.validate; here, no example may have an error.
TEST_CASE("the example manifests pass with no errors") {
  const auto names = ag::test::example_names();
  CHECK(names.size() >= 7);
  for (const std::string& name : names) {
    const std::string path = "examples/" + name;
    ag::Diagnostics diags;
    const auto m = ag::load_manifest(path, ag::test::read_repo_file(path), diags);
    INFO(path);
    REQUIRE(m.has_value());
    ag::check_semantics(*m, diags);
    for (const auto& d : diags.items()) INFO(ag::format_text(d));
    CHECK_FALSE(diags.has_errors());
  }
}

TEST_CASE("an unknown version is answered with nearby versions and the catalog's origin") {
  const auto ds = run(with(aurora(), "/spec/engine_version", "16.99"));
  REQUIRE(ds.size() == 1);
  CHECK_THAT(ds[0].hint, Catch::Contains("did you mean 16."));
  CHECK_THAT(ds[0].hint, Catch::Contains("cfn-lint " + ag::catalog::source_version()));
  CHECK_THAT(ds[0].hint, Catch::Contains("scripts/refresh-engine-catalog.py"));
}

TEST_CASE("a deprecated version is answered with the newest minor of its major") {
  const auto ds = run(with(aurora(), "/spec/engine_version", "15.4"));
  REQUIRE(ds.size() == 1);
  const std::string newest =
      ag::catalog::newest_in_line(*ag::parse_engine_version("aurora-postgresql", "15.4"));
  CHECK(newest.rfind("15.", 0) == 0);
  CHECK_THAT(ds[0].hint, Catch::Contains("use " + newest + ", the newest 15.x version"));
}

TEST_CASE("a misspelt instance class gets the nearest offered one") {
  const auto ds = run(with(aurora(), "/spec/instances/writer/instance_class", "db.r6g.largee"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].hint == "did you mean db.r6g.large?");
}

TEST_CASE("the end of standard support warns once it is past or within 90 days") {
  ag::test::ScopedEpoch epoch("1795737600");  // 2026-11-27
  json mysql = with(rds(), "/spec/engine", "mysql");
  mysql = with(mysql, "/spec/engine_version", "8.0.46");
  auto ds = run(mysql);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "engine.end-of-support");
  CHECK(ds[0].severity == ag::Severity::Warning);
  CHECK_THAT(ds[0].message, Catch::Contains("reached the end of standard support on 2026-07-31"));
  CHECK_THAT(ds[0].message, Catch::Contains("creates no new database on it unless"));
  CHECK_THAT(ds[0].hint, Catch::Contains("8.4."));
  // Enrolled in Extended Support, it runs on, for a fee.
  ds = run(with(mysql, "/spec/engine_lifecycle_support", "open-source-rds-extended-support"));
  REQUIRE(ds.size() == 1);
  CHECK_THAT(ds[0].message, Catch::Contains("RDS Extended Support, which is paid"));

  json mariadb = with(rds(), "/spec/engine", "mariadb");
  ds = run(with(mariadb, "/spec/engine_version", "10.6.25"));
  REQUIRE(ds.size() == 1);
  CHECK_THAT(ds[0].message, Catch::Contains("upgrades the database to a newer major version"));

  // PostgreSQL 14 ends on 2027-02-28: 93 days away is not yet worth a warning, 89 days is.
  const json pg14 = with(rds(), "/spec/engine_version", "14.22");
  CHECK(run(pg14).empty());
  ag::test::ScopedEpoch later("1796083200");  // 2026-12-01
  ds = run(pg14);
  REQUIRE(ds.size() == 1);
  CHECK_THAT(ds[0].message,
             Catch::Contains("reaches the end of standard support on 2027-02-28, in 89 days"));
}

TEST_CASE("messages name the bad tag character and read as English") {
  const auto tag = run(with(aurora(), "/metadata/tags/team", "a;b"));
  REQUIRE(tag.size() == 1);
  CHECK(tag[0].message ==
        "the value of metadata.tags 'team' has the character ';', outside AWS's "
        "tag character set");
  const auto aurora_version = run(with(aurora(), "/spec/engine_version", "15.x"));
  REQUIRE(aurora_version.size() == 1);
  CHECK_THAT(aurora_version[0].message, Catch::Contains("is not an aurora-postgresql version"));
  const auto rds_version = run(with(rds(), "/spec/engine_version", "16"));
  REQUIRE(rds_version.size() == 1);
  CHECK_THAT(rds_version[0].message, Catch::Contains("is not a postgres version"));
}
