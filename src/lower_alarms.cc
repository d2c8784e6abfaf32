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
};

// FreeableMemory and FreeStorageSpace are in bytes; the lag metrics in milliseconds
// (AuroraReplicaLagMaximum) or seconds (ReplicaLag of a DB instance, scaled below).
constexpr AlarmKind kAlarms[] = {
    {"cpu_utilization_percent", "cpu_utilization", "CPUUtilization", "Average",
     "GreaterThanThreshold", 1, true},
    {"freeable_memory_mb", "freeable_memory", "FreeableMemory", "Average", "LessThanThreshold",
     1024.0 * 1024.0, true},
    {"database_connections", "database_connections", "DatabaseConnections", "Average",
     "GreaterThanThreshold", 1, true},
    {"replica_lag_ms", "replica_lag", "AuroraReplicaLagMaximum", "Maximum", "GreaterThanThreshold",
     1, true},
    {"acu_utilization_percent", "acu_utilization", "ACUUtilization", "Average",
     "GreaterThanThreshold", 1, true},
    {"free_storage_gb", "free_storage", "FreeStorageSpace", "Average", "LessThanThreshold",
     1024.0 * 1024.0 * 1024.0, false},
};

ir::Value threshold(const json& v, double scale) {
  if (scale == 1 && v.is_number_integer()) return v.get<std::int64_t>();
  const double scaled = v.get<double>() * scale;
  if (scaled == static_cast<double>(static_cast<std::int64_t>(scaled))) {
    return static_cast<std::int64_t>(scaled);
  }
  return scaled;
}

std::optional<ir::Value> alarm_target(Context& c, const json& alarms) {
  if (alarms.contains("sns_topic_arn")) return text(alarms, "sns_topic_arn");
  const json& emails = get(alarms, "notify_emails");
  if (!emails.is_array() || emails.empty()) return std::nullopt;
  c.add("sns_topic", "alarm_topic",
        {{"name", c.name + "-alarms"},
         {"kms_master_key_id", "alias/aws/sns"},
         {"tags", c.tags(c.name + "-alarms")}});
  // Subscriptions are named after the address: removing one address leaves the others
  // subscribed (a new subscription would need confirming again).
  std::vector<std::string> addresses;
  for (const json& e : emails) addresses.push_back(e.get<std::string>());
  const std::vector<std::string> keys = value_keys(addresses);
  for (std::size_t i = 0; i < addresses.size(); ++i) {
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
  const ir::Map dimensions{{by_cluster ? "DBClusterIdentifier" : "DBInstanceIdentifier",
                            ir::ref(c.aurora ? "cluster" : "db_instance", "id")}};
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
    c.add("metric_alarm", std::string(k.slug) + "_alarm", alarm(c, k, alarms[k.field], target));
  }
}

}  // namespace ag::lowering
