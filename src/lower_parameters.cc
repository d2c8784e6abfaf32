// Cluster and instance parameter groups, with the family derived from the engine version.
#include "lower_context.h"

namespace ag::lowering {
namespace {

std::string family(const Context& c) {
  const std::string engine = text(c.spec, "engine");
  return parameter_group_family(*parse_engine_version(engine, text(c.spec, "engine_version")));
}

void add_group(Context& c, const char* list, const std::string& kind, const std::string& name,
               const std::string& label, const std::string& what) {
  const json& params = at_path(c.spec, std::string("parameters.") + list);
  if (!params.is_array() || params.empty()) return;
  c.origin = std::string("/spec/parameters/") + list;
  ir::List entries;
  std::string deferred;  // the first parameter the manifest defers to a reboot
  for (std::size_t i = 0; i < params.size(); ++i) {
    const json& p = params[i];
    entries.push_back(ir::Map{{"name", text(p, "name")},
                              {"value", text(p, "value")},
                              {"apply_method", text(p, "apply_method", "immediate")}});
    if (deferred.empty() && text(p, "apply_method") == "pending-reboot") {
      deferred = c.origin + "/" + std::to_string(i) + "/apply_method";
    }
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

bool exports(const Context& c, const std::string& type) {
  const json& logs = get(c.spec, "enabled_cloudwatch_logs_exports");
  if (!logs.is_array()) return false;
  for (const json& t : logs) {
    if (t == type) return true;
  }
  return false;
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
