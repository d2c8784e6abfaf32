// Monitoring: the enhanced-monitoring role, instance monitoring settings and log groups.
#include "lower_context.h"

namespace ag::lowering {
namespace {

std::int64_t monitoring_interval(const Context& c) {
  return integer(get(c.spec, "monitoring"), "enhanced_monitoring_interval", 0);
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
  c.origin = "/spec/monitoring/enhanced_monitoring_interval";
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

void lower_log_groups(Context& c) {
  const json& logs = get(c.spec, "enabled_cloudwatch_logs_exports");
  const json& monitoring = get(c.spec, "monitoring");
  if (!logs.is_array() || !monitoring.is_object() || !monitoring.contains("log_retention_days")) {
    return;
  }
  for (std::size_t i = 0; i < logs.size(); ++i) {
    const std::string type = logs[i].get<std::string>();
    c.origin = "/spec/enabled_cloudwatch_logs_exports/" + std::to_string(i);
    std::string name = "log_group_" + type;
    for (char& ch : name) ch = ch == '-' ? '_' : ch;
    c.add("log_group", name,
          {{"name", log_group_name(c, type)},
           {"retention_in_days", integer(monitoring, "log_retention_days", 0)},
           {"tags", c.tags(c.name + "-" + type)}});
  }
}

}  // namespace ag::lowering
