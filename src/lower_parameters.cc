// Cluster and instance parameter groups, with the family derived from the engine version.
#include <algorithm>
#include <set>

#include "lower_context.h"

namespace ag::lowering {
namespace {

std::string family(const Context& c) {
  const std::string engine = text(c.spec, "engine");
  return parameter_group_family(*parse_engine_version(engine, text(c.spec, "engine_version")));
}

// A parameter aurora-gen sets in a group it creates, unless the manifest sets it itself.
struct Setting {
  std::string name;
  std::string value;
};

// TLS required of every connection, where the engine version can require it: Aurora
// PostgreSQL and RDS for PostgreSQL rds.force_ssl (RDS User Guide and Aurora User Guide,
// "Requiring an SSL/TLS connection"); Aurora MySQL require_secure_transport=ON (Aurora
// User Guide, "Requiring an SSL/TLS connection to an Aurora MySQL DB cluster"); RDS for
// MySQL from 5.7 and MariaDB from 10.5 require_secure_transport=1 (RDS User Guide,
// "Requiring SSL/TLS for all connections"; the same families as AWS Control Tower's
// CT.RDS.PR.28). Aurora sets it at cluster level, RDS for its DB instance. All are dynamic:
// they apply without a reboot.
std::vector<Setting> tls(const Context& c, bool cluster_level) {
  if (c.aurora != cluster_level || c.defaults_0_2) return {};
  const std::string engine = text(c.spec, "engine");
  const EngineVersion v = *parse_engine_version(engine, text(c.spec, "engine_version"));
  if (c.postgres) return {{"rds.force_ssl", "1"}};
  if (engine == "aurora-mysql") return {{"require_secure_transport", "ON"}};
  if (engine == "mysql" && (v.major > 5 || (v.major == 5 && v.minor >= 7))) {
    return {{"require_secure_transport", "1"}};
  }
  if (engine == "mariadb" && (v.major > 10 || (v.major == 10 && v.minor >= 5))) {
    return {{"require_secure_transport", "1"}};
  }
  return {};
}

bool exports(const Context& c, const std::string& type) {
  const std::vector<std::string> logs = log_exports(c);
  return std::find(logs.begin(), logs.end(), type) != logs.end();
}

// What the default log exports need written (RDS User Guide, "Publishing MySQL logs to
// Amazon CloudWatch Logs"; Aurora User Guide, "Using Advanced Auditing with an Amazon Aurora
// MySQL DB cluster"): MySQL-family logs other than the error log are off until a parameter
// turns them on. A manifest that names its exports sets these itself (logs.needs-parameter).
std::vector<Setting> log_switches(const Context& c, bool cluster_level) {
  const std::string engine = text(c.spec, "engine");
  if (!default_log_exports(c) || c.aurora != cluster_level || c.postgres) return {};
  std::vector<Setting> out;
  if (engine == "aurora-mysql" && exports(c, "audit")) {
    out.push_back({"server_audit_logging", "1"});
    out.push_back({"server_audit_events", "CONNECT,QUERY_DCL,QUERY_DDL"});
  }
  if (exports(c, "slowquery")) out.push_back({"slow_query_log", "1"});
  if (engine != "aurora-mysql" && exports(c, "slowquery")) out.push_back({"log_output", "FILE"});
  return out;
}

void add_group(Context& c, const char* list, const std::string& kind, const std::string& name,
               const std::string& label, const std::string& what) {
  const bool cluster_level = std::string(list) == "cluster";
  if (c.spec.contains(std::string(list) + "_parameter_group_name")) return;
  const json& params = at_path(c.spec, std::string("parameters.") + list);
  std::vector<Setting> ours = tls(c, cluster_level);
  for (Setting& s : log_switches(c, cluster_level)) ours.push_back(std::move(s));
  if ((!params.is_array() || params.empty()) && ours.empty()) return;
  c.origin =
      params.is_array() && !params.empty() ? std::string("/spec/parameters/") + list : "/spec";
  ir::List entries;
  std::set<std::string> named;
  std::string deferred;  // the first parameter the manifest defers to a reboot
  for (std::size_t i = 0; params.is_array() && i < params.size(); ++i) {
    const json& p = params[i];
    named.insert(text(p, "name"));
    entries.push_back(ir::Map{{"name", text(p, "name")},
                              {"value", text(p, "value")},
                              {"apply_method", text(p, "apply_method", "immediate")}});
    if (deferred.empty() && text(p, "apply_method") == "pending-reboot") {
      deferred =
          std::string("/spec/parameters/") + list + "/" + std::to_string(i) + "/apply_method";
    }
  }
  for (const Setting& s : ours) {
    if (named.count(s.name)) continue;  // the manifest's value wins (and warns if it is off)
    entries.push_back(ir::Map{{"name", s.name}, {"value", s.value}, {"apply_method", "immediate"}});
  }
  ir::Resource& group = c.add(kind, name,
                              {{"name_prefix", name_prefix(label)},
                               {"family", family(c)},
                               {"description", what + " parameters of " + c.name},
                               {"parameters", entries},
                               {"tags", c.tags(label)}});
  // Where a target applies parameters by their type instead (CloudFormation), the deferral
  // the manifest asked for is reported there.
  if (!deferred.empty()) group.sources["parameters.apply_method"] = deferred;
}

// RDS for MySQL and MariaDB write an audit log only with the MARIADB_AUDIT_PLUGIN option
// (RDS User Guide, "MariaDB Audit Plugin support for MySQL"; the MariaDB options): without
// it the exported audit log group stays empty. The plugin's defaults (CONNECT and QUERY
// events) apply.
void add_audit_option_group(Context& c) {
  const std::string engine = text(c.spec, "engine");
  if (c.aurora || (engine != "mysql" && engine != "mariadb") || !exports(c, "audit")) return;
  const EngineVersion v = *parse_engine_version(engine, text(c.spec, "engine_version"));
  const std::string label = c.name + "-audit";
  c.origin = "/spec/enabled_cloudwatch_logs_exports";
  c.add("option_group", "audit_option_group",
        {{"name_prefix", name_prefix(label)},
         {"description", "Audit log of " + c.name},
         {"engine_name", engine},
         {"major_engine_version", std::to_string(v.major) + "." + std::to_string(v.minor)},
         {"options", ir::List{ir::Map{{"option_name", "MARIADB_AUDIT_PLUGIN"}}}},
         {"tags", c.tags(label)}})
      .legacy_name.clear();
}

}  // namespace

void lower_parameters(Context& c) {
  add_audit_option_group(c);
  add_group(c, "cluster", "cluster_parameter_group", "cluster_parameter_group", c.name + "-cluster",
            "Cluster");
  add_group(c, "instance", "db_parameter_group", "instance_parameter_group", c.name + "-instance",
            "Instance");
}

}  // namespace ag::lowering
