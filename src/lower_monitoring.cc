// Monitoring: the enhanced-monitoring role, instance monitoring settings and log groups.
#include "defaults.h"
#include "lower_context.h"

namespace ag::lowering {
namespace {

std::int64_t monitoring_interval(const Context& c) {
  return integer(get(c.spec, "monitoring"), "enhanced_monitoring_interval",
                 c.defaults_0_2 ? 0 : defaults::kMonitoringInterval);
}

// The service may assume the role only on this account's behalf: without the condition,
// a role trusted by a service principal is a confused deputy (RDS User Guide,
// "Preventing cross-service confused deputy problems": aws:SourceAccount).
ir::Value assume_role_policy(const std::string& service) {
  ir::Map statement{
      {"Effect", "Allow"},
      {"Principal", ir::Map{{"Service", service}}},
      {"Action", "sts:AssumeRole"},
      {"Condition",
       ir::Map{{"StringEquals", ir::Map{{"aws:SourceAccount", ir::Pseudo::AccountId}}}}}};
  return ir::json(ir::Map{{"Version", "2012-10-17"}, {"Statement", ir::List{statement}}});
}

std::string log_group_name(const Context& c, const std::string& type) {
  return std::string(c.aurora ? "/aws/rds/cluster/" : "/aws/rds/instance/") + c.name + "/" + type;
}

}  // namespace

ir::Value role(Context& c, const std::string& name, const std::string& label,
               const std::string& service, const std::string& description,
               ir::List managed_policy_arns) {
  ir::Map p{{"name_prefix", name_prefix(label, kIamRolePrefixMax)},
            {"description", description},
            {"assume_role_policy", assume_role_policy(service)}};
  if (!managed_policy_arns.empty()) p.push_back({"managed_policy_arns", managed_policy_arns});
  p.push_back({"tags", c.tags(label)});
  c.add("iam_role", name, std::move(p));
  return ir::ref(name, "arn");
}

void lower_monitoring_role(Context& c) {
  const json& monitoring = get(c.spec, "monitoring");
  if (monitoring_interval(c) == 0 || text(monitoring, "monitoring_role_arn") != "") return;
  // Default on: a role the manifest never asked for comes from the spec as a whole.
  c.origin = monitoring.is_object() && monitoring.contains("enhanced_monitoring_interval")
                 ? "/spec/monitoring/enhanced_monitoring_interval"
                 : "/spec";
  const ir::Value policy =
      ir::Concat{{"arn:", ir::Pseudo::Partition,
                  ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"}};
  role(c, "monitoring_role", c.name + "-monitoring", "monitoring.rds.amazonaws.com",
       "Lets RDS publish enhanced monitoring metrics of " + c.name, {policy});
}

void add_instance_settings(const Context& c, ir::Map& p) {
  if (c.has("instance_parameter_group")) {
    ir::set(p, "db_parameter_group_name", ir::ref("instance_parameter_group", "name"));
  } else if (c.spec.contains("instance_parameter_group_name")) {
    ir::set(p, "db_parameter_group_name", text(c.spec, "instance_parameter_group_name"));
  }
  ir::set(p, "publicly_accessible", flag(get(c.spec, "network"), "publicly_accessible", false));
  // Explicit, so the server certificate does not depend on the Region's default CA (which
  // was rds-ca-2019, expired since August 2024, for databases created before 2024).
  if (!c.defaults_0_2) ir::set(p, "ca_cert_identifier", std::string(defaults::kCaCertificate));
  ir::set(p, "auto_minor_version_upgrade",
          flag(get(c.spec, "maintenance"), "auto_minor_version_upgrade", true));
}

void add_instance_monitoring(const Context& c, ir::Map& p) {
  const json& monitoring = get(c.spec, "monitoring");
  const std::int64_t interval = monitoring_interval(c);
  ir::set(p, "monitoring_interval", interval);
  if (interval > 0) {
    const std::string given = text(monitoring, "monitoring_role_arn");
    ir::set(p, "monitoring_role_arn",
            given.empty() ? ir::ref("monitoring_role", "arn") : ir::Value(given));
  }

  const json& pi = get(monitoring, "performance_insights");
  const bool enabled = flag(pi, "enabled", false);
  ir::set(p, "performance_insights_enabled", enabled);
  if (!enabled) return;
  ir::set(p, "performance_insights_retention_period", integer(pi, "retention_period", 7));
  if (pi.contains("kms_key_id")) {
    ir::set(p, "performance_insights_kms_key_id", text(pi, "kms_key_id"));
  } else if (auto key = storage_key(c)) {
    ir::set(p, "performance_insights_kms_key_id", *key);
  }
}

std::vector<std::string> log_exports(const Context& c) {
  const json& logs = get(c.spec, "enabled_cloudwatch_logs_exports");
  if (!logs.is_array()) {
    if (c.defaults_0_2) return {};
    return defaults::log_exports(text(c.spec, "engine"));
  }
  std::vector<std::string> out;
  for (const json& t : logs) out.push_back(t.get<std::string>());
  return out;
}

bool default_log_exports(const Context& c) {
  return !get(c.spec, "enabled_cloudwatch_logs_exports").is_array();
}

// A log group per exported type, retained and, with a key of the manifest's own making,
// encrypted with it. Created when the manifest sets log_retention_days, or exports
// aurora-gen's default types: a database that exported logs before without a retention had
// RDS create its groups, which a new group of the same name would collide with (so an
// explicit export list without log_retention_days leaves them to RDS, as it always did).
bool creates_log_groups(const Context& c) {
  const json& monitoring = get(c.spec, "monitoring");
  const bool retained = monitoring.is_object() && monitoring.contains("log_retention_days");
  return (retained || default_log_exports(c)) && !log_exports(c).empty();
}

void lower_log_groups(Context& c) {
  if (!creates_log_groups(c)) return;
  const json& monitoring = get(c.spec, "monitoring");
  const bool retained = monitoring.is_object() && monitoring.contains("log_retention_days");
  const std::vector<std::string> logs = log_exports(c);
  const bool own_key = flag(get(c.spec, "storage"), "create_kms_key", false);
  for (std::size_t i = 0; i < logs.size(); ++i) {
    const std::string& type = logs[i];
    c.origin = default_log_exports(c)
                   ? "/spec"
                   : "/spec/enabled_cloudwatch_logs_exports/" + std::to_string(i);
    std::string name = "log_group_" + type;
    for (char& ch : name) ch = ch == '-' ? '_' : ch;
    ir::Map p{{"name", log_group_name(c, type)},
              {"retention_in_days",
               integer(monitoring, "log_retention_days", defaults::kLogRetentionDays)}};
    if (own_key) p.push_back({"kms_key_id", ir::ref("kms_key", "arn")});
    p.push_back({"tags", c.tags(c.name + "-" + type)});
    ir::Resource& group = c.add("log_group", name, std::move(p));
    if (retained) group.sources["retention_in_days"] = "/spec/monitoring/log_retention_days";
  }
}

}  // namespace ag::lowering
