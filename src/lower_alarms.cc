// CloudWatch alarms, one per threshold given, and the SNS topic they notify.
#include <algorithm>

#include "lower_context.h"
#include "naming.h"

namespace ag::lowering {
namespace {

struct AlarmKind {
  const char* field;   // threshold field in monitoring.alarms
  const char* slug;    // alarm name suffix and IR name stem
  const char* metric;  // AWS/RDS metric
  const char* statistic;
  const char* comparison;
  double scale;         // manifest unit → metric unit
  bool cluster_metric;  // dimension DBClusterIdentifier (else the instance's)
  bool writer_role;     // and Role=WRITER: the writer's metric, not an average with readers
};

// FreeableMemory and FreeStorageSpace are in bytes; the lag metrics in milliseconds
// (AuroraReplicaLagMaximum) or seconds (ReplicaLag of a DB instance, scaled below).
// Aurora publishes instance metrics aggregated by DBClusterIdentifier and Role (WRITER or
// READER); AWS advises alarming on the role rather than on one instance (Aurora User Guide,
// "Amazon CloudWatch dimensions for Aurora"). By DBClusterIdentifier alone, a busy writer
// averages with idle readers. AuroraReplicaLagMaximum is the writer's view of every reader.
constexpr AlarmKind kAlarms[] = {
    {"cpu_utilization_percent", "cpu_utilization", "CPUUtilization", "Average",
     "GreaterThanThreshold", 1, true, true},
    {"freeable_memory_mb", "freeable_memory", "FreeableMemory", "Average", "LessThanThreshold",
     1024.0 * 1024.0, true, true},
    {"database_connections", "database_connections", "DatabaseConnections", "Average",
     "GreaterThanThreshold", 1, true, true},
    {"replica_lag_ms", "replica_lag", "AuroraReplicaLagMaximum", "Maximum", "GreaterThanThreshold",
     1, true, false},
    {"acu_utilization_percent", "acu_utilization", "ACUUtilization", "Average",
     "GreaterThanThreshold", 1, true, true},
    {"free_storage_gb", "free_storage", "FreeStorageSpace", "Average", "LessThanThreshold",
     1024.0 * 1024.0 * 1024.0, false, false},
};

ir::Value threshold(const json& v, double scale) {
  if (scale == 1 && v.is_number_integer()) return v.get<std::int64_t>();
  const double scaled = v.get<double>() * scale;
  if (scaled == static_cast<double>(static_cast<std::int64_t>(scaled))) {
    return static_cast<std::int64_t>(scaled);
  }
  return scaled;
}

// The topic's key: CloudWatch publishes to an encrypted topic only when the key's policy
// lets cloudwatch.amazonaws.com generate data keys and decrypt with it, which the
// AWS-managed alias/aws/sns key's policy never will (SNS Developer Guide, "Enable
// compatibility between event sources from AWS services and encrypted topics"). Alarms
// into such a topic are sent nowhere. Its own key, so the database's key serves nothing else.
void add_topic_key(Context& c) {
  const ir::Value account = ir::Pseudo::AccountId;
  ir::Map cloudwatch{
      {"Sid", "CloudWatchAlarmsPublish"},
      {"Effect", "Allow"},
      {"Principal", ir::Map{{"Service", "cloudwatch.amazonaws.com"}}},
      {"Action", ir::List{"kms:Decrypt", "kms:GenerateDataKey*"}},
      {"Resource", "*"},
      {"Condition", ir::Map{{"StringEquals", ir::Map{{"aws:SourceAccount", account}}}}}};
  ir::List statements{account_administration(), cloudwatch};
  if (!c.defaults_0_2) statements.push_back(deny_grants_outside_aws());
  c.add("kms_key", "alarm_key",
        {{"description", "Encrypts the alarm notifications of " + c.name},
         {"enable_key_rotation", true},
         {"deletion_window_in_days", 7},
         {"policy", ir::json(ir::Map{{"Version", "2012-10-17"}, {"Statement", statements}})},
         {"tags", c.tags(c.name + "-alarms")}})
      .legacy_name.clear();
  c.add("kms_alias", "alarm_key_alias",
        {{"name", "alias/" + c.name + "-alarms"}, {"target_key_id", ir::ref("alarm_key", "id")}})
      .legacy_name.clear();
}

std::optional<ir::Value> alarm_target(Context& c, const json& alarms) {
  if (alarms.contains("sns_topic_arn")) return text(alarms, "sns_topic_arn");
  const json& emails = get(alarms, "notify_emails");
  if (!emails.is_array() || emails.empty()) return std::nullopt;
  c.origin = "/spec/monitoring/alarms/notify_emails";
  add_topic_key(c);
  c.add("sns_topic", "alarm_topic",
        {{"name", c.name + "-alarms"},
         {"kms_master_key_id", ir::ref("alarm_key", "arn")},
         {"tags", c.tags(c.name + "-alarms")}});
  // Subscriptions are named after the address: removing one address leaves the others
  // subscribed (a new subscription would need confirming again).
  std::vector<std::string> addresses;
  for (const json& e : emails) addresses.push_back(e.get<std::string>());
  const std::vector<std::string> keys = value_keys(addresses);
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    c.origin = "/spec/monitoring/alarms/notify_emails/" + std::to_string(i);
    c.add("sns_subscription", "alarm_email_" + keys[i],
          {{"topic_arn", ir::ref("alarm_topic", "arn")},
           {"protocol", "email"},
           {"endpoint", addresses[i]}})
        .legacy_name = "alarm_email_" + std::to_string(i + 1);
  }
  return ir::ref("alarm_topic", "arn");
}

ir::Map alarm(const Context& c, const AlarmKind& k, const json& value,
              const std::optional<ir::Value>& target) {
  std::string metric = k.metric;
  double scale = k.scale;
  if (!c.aurora && std::string(k.field) == "replica_lag_ms") {
    metric = "ReplicaLag";  // seconds, per DB instance
    scale = 0.001;
  }
  const bool by_cluster = c.aurora && k.cluster_metric;
  ir::Map dimensions{{by_cluster ? "DBClusterIdentifier" : "DBInstanceIdentifier",
                      ir::ref(c.aurora ? "cluster" : "db_instance", "id")}};
  if (by_cluster && k.writer_role) dimensions.push_back({"Role", "WRITER"});
  std::string label = c.name + "-" + k.slug;
  std::replace(label.begin(), label.end(), '_', '-');
  ir::Map p{{"alarm_name", label},
            {"alarm_description", std::string(k.metric) + " of " + c.name + " crossed " +
                                      value.dump() + " (" + k.field + ")"},
            {"namespace", "AWS/RDS"},
            {"metric_name", metric},
            {"dimensions", dimensions},
            {"statistic", k.statistic},
            {"period", 300},
            {"evaluation_periods", 3},
            {"threshold", threshold(value, scale)},
            {"comparison_operator", k.comparison},
            {"treat_missing_data", "missing"}};
  if (target) {
    p.push_back({"alarm_actions", ir::List{*target}});
    p.push_back({"ok_actions", ir::List{*target}});
  }
  p.push_back({"tags", c.tags(label)});
  return p;
}

}  // namespace

void lower_alarms(Context& c) {
  const json& alarms = at_path(c.spec, "monitoring.alarms");
  if (!alarms.is_object()) return;
  const std::optional<ir::Value> target = alarm_target(c, alarms);
  for (const AlarmKind& k : kAlarms) {
    if (!alarms.contains(k.field)) continue;
    c.origin = std::string("/spec/monitoring/alarms/") + k.field;
    c.add("metric_alarm", std::string(k.slug) + "_alarm", alarm(c, k, alarms[k.field], target));
  }
}

}  // namespace ag::lowering
