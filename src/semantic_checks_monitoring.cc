#include "defaults.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

constexpr const char* kMon = "/spec/monitoring";

std::string p(const std::string& rest) { return std::string(kMon) + "/" + rest; }

void check_enhanced(Context& c) {
  const double interval =
      c.num(p("enhanced_monitoring_interval")).value_or(defaults::kMonitoringInterval);
  if (c.has(p("monitoring_role_arn")) && interval == 0) {
    c.error_at_key(p("monitoring_role_arn"), "monitoring.role-arn-interval",
                   "spec.monitoring.monitoring_role_arn needs a non-zero "
                   "enhanced_monitoring_interval",
                   "set enhanced_monitoring_interval (1, 5, 10, 15, 30 or 60) or remove the "
                   "role");
  }
}

void check_log_retention(Context& c) {
  if (!c.has(p("log_retention_days"))) return;
  // Without a list of its own the manifest exports the engine's default types.
  const Json* exports = c.find("/spec/enabled_cloudwatch_logs_exports");
  if (exports != nullptr && exports->is_array() && exports->empty()) {
    c.warning_at(p("log_retention_days"), "monitoring.log-retention-needs-exports",
                 "spec.monitoring.log_retention_days has no effect: no log type is exported",
                 "add spec.enabled_cloudwatch_logs_exports");
  }
}

void check_alarms(Context& c) {
  const std::string base = p("alarms");
  if (c.has(base) && !c.has(base + "/sns_topic_arn") && !c.has(base + "/notify_emails")) {
    c.warning_at_key(base, "alarms.no-target",
                     "spec.monitoring.alarms has neither sns_topic_arn nor notify_emails: the "
                     "alarms change state and tell no one",
                     "add notify_emails, or the sns_topic_arn of a topic someone reads");
  }
  if (!c.has(base)) return;
  if (c.has(base + "/sns_topic_arn") && c.has(base + "/notify_emails")) {
    c.error_at_key(base + "/notify_emails", "alarms.target",
                   "spec.monitoring.alarms takes sns_topic_arn or notify_emails, not both",
                   "subscribe the e-mails to the existing topic instead");
  }
  if (c.has(base + "/acu_utilization_percent") && !c.serverless()) {
    c.error_at_key(base + "/acu_utilization_percent", "alarms.acu-serverless",
                   "spec.monitoring.alarms.acu_utilization_percent needs an Aurora "
                   "Serverless v2 cluster (spec.serverless_v2_scaling)");
  }
  if (c.has(base + "/free_storage_gb") && !c.rds_instance()) {
    c.error_at_key(base + "/free_storage_gb", "alarms.free-storage-kind",
                   "spec.monitoring.alarms.free_storage_gb is only for RdsInstance",
                   "Aurora storage grows by itself");
  }
  if (!c.has(base + "/replica_lag_ms")) return;
  const bool readers = c.num("/spec/instances/readers/count").value_or(0) > 0 ||
                       c.has("/spec/read_replica_autoscaling");
  if (c.rds_instance() || !readers) {
    c.error_at_key(base + "/replica_lag_ms", "alarms.replica-lag-kind",
                   "spec.monitoring.alarms.replica_lag_ms needs Aurora readers",
                   c.rds_instance()
                       ? "an RdsInstance has no replica to measure (a Multi-AZ standby "
                         "does not report ReplicaLag)"
                       : "set spec.instances.readers.count or read_replica_autoscaling");
  }
}

}  // namespace

// Performance Insights retention_period (7, 731 or whole months) is a schema enum.
void check_monitoring(Context& c) {
  if (!c.has(kMon)) return;
  check_enhanced(c);
  check_log_retention(c);
  check_alarms(c);
}

}  // namespace ag::semantic
