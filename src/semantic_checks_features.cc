#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "defaults.h"
#include "edit_distance.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

// enabled_cloudwatch_logs_exports per engine (AWS's CreateDBCluster/CreateDBInstance).
const std::map<std::string, std::vector<std::string>, std::less<>>& log_types() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kTypes{
      {"aurora-postgresql", {"postgresql", "instance", "iam-db-auth-error"}},
      {"aurora-mysql", {"audit", "error", "general", "slowquery", "instance", "iam-db-auth-error"}},
      {"postgres", {"postgresql", "upgrade", "iam-db-auth-error"}},
      {"mysql", {"audit", "error", "general", "slowquery", "iam-db-auth-error"}},
      {"mariadb", {"audit", "error", "general", "slowquery"}},
  };
  return kTypes;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void check_log_entry(Context& c, const std::vector<std::string>& allowed, std::size_t i) {
  const std::string p = "/spec/enabled_cloudwatch_logs_exports/" + std::to_string(i);
  auto type = c.str(p);
  if (!type) return;
  if (std::find(allowed.begin(), allowed.end(), *type) == allowed.end()) {
    const std::string near = nearest(*type, allowed);
    c.error_at(p, "logs.engine", dotted(p) + " '" + *type + "' is not a log type of " + c.engine(),
               (near.empty() ? "" : "did you mean " + near + "? ") + c.engine() + " exports " +
                   joined(allowed));
  } else if (*type == "iam-db-auth-error" && !c.flag("/spec/iam_database_authentication_enabled",
                                                     defaults::iam_authentication(c.engine()))) {
    c.error_at(p, "logs.iam-auth",
               dotted(p) + " 'iam-db-auth-error' needs IAM database authentication",
               "set spec.iam_database_authentication_enabled: true");
  }
}

// A parameter a log type needs, or "" when the engine writes the log by itself.
struct LogSwitch {
  std::string parameter;  // name=value that turns the log on
  bool output_to_file;    // log_output=FILE too (RDS MySQL and MariaDB)
};

// MySQL-family logs are off until a parameter turns them on, so an export without it
// ships an empty log group (RDS User Guide, "Publishing MySQL logs to Amazon CloudWatch
// Logs": general_log = 1, slow_query_log = 1, log_output = FILE; Aurora MySQL's audit log:
// server_audit_logging = 1). RDS audit logs come from an option group aurora-gen creates.
std::optional<LogSwitch> log_switch(const std::string& engine, const std::string& type) {
  const bool rds = engine == "mysql" || engine == "mariadb";
  if (!rds && engine != "aurora-mysql") return std::nullopt;
  if (type == "general") return LogSwitch{"general_log=1", rds};
  if (type == "slowquery") return LogSwitch{"slow_query_log=1", rds};
  if (type == "audit" && !rds) return LogSwitch{"server_audit_logging=1", false};
  return std::nullopt;
}

// Whether the manifest's parameter lists set name=value, or may through a group it names.
bool sets_parameter(Context& c, const std::string& assignment) {
  if (c.has("/spec/cluster_parameter_group_name") || c.has("/spec/instance_parameter_group_name")) {
    return true;  // an existing group aurora-gen cannot see into
  }
  const std::size_t eq = assignment.find('=');
  const std::string name = assignment.substr(0, eq), value = assignment.substr(eq + 1);
  for (const char* list : {"/spec/parameters/cluster", "/spec/parameters/instance"}) {
    const Json* params = c.find(list);
    if (params == nullptr || !params->is_array()) continue;
    for (const Json& p : *params) {
      if (p.value("name", "") == name && p.value("value", "") == value) return true;
    }
  }
  return false;
}

void check_log_switches(Context& c, const Json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) continue;
    const auto s = log_switch(c.engine(), list[i].get<std::string>());
    if (!s) continue;
    std::string missing;
    if (!sets_parameter(c, s->parameter)) missing = s->parameter;
    if (s->output_to_file && !sets_parameter(c, "log_output=FILE")) {
      missing += (missing.empty() ? "" : " and ") + std::string("log_output=FILE");
    }
    if (missing.empty()) continue;
    const std::string p = "/spec/enabled_cloudwatch_logs_exports/" + std::to_string(i);
    c.warning_at(p, "logs.needs-parameter",
                 dotted(p) + " '" + list[i].get<std::string>() + "' stays empty without " + missing,
                 "add it to spec.parameters (" +
                     std::string(c.engine() == "aurora-mysql" ? "cluster" : "instance") + ")");
  }
}

void check_logs(Context& c) {
  const Json* list = c.find("/spec/enabled_cloudwatch_logs_exports");
  auto it = log_types().find(c.engine());
  if (list == nullptr || !list->is_array() || it == log_types().end()) return;
  for (std::size_t i = 0; i < list->size(); ++i) check_log_entry(c, it->second, i);
  check_log_switches(c, *list);
}

void check_parameter_list(Context& c, const char* list_name, const char* group_field) {
  const std::string base = std::string("/spec/parameters/") + list_name;
  const Json* list = c.find(base);
  if (list == nullptr) return;
  const std::string group = std::string("/spec/") + group_field;
  if (c.has(group)) {
    c.error_at_key(group, "parameters.group-exclusive",
                   dotted(group) + " cannot be combined with " + dotted(base),
                   "either use an existing parameter group or let aurora-gen create one");
  }
  if (!list->is_array()) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = base + "/" + std::to_string(i) + "/name";
    auto name = c.str(p);
    if (name && !seen.insert(*name).second) {
      c.error_at(p, "parameters.duplicate-name",
                 dotted(base) + " sets parameter '" + *name + "' more than once");
    }
    // CloudFormation writes parameters as a map, where these keys are intrinsic functions.
    if (name && (*name == "Ref" || *name == "Condition" || name->rfind("Fn::", 0) == 0)) {
      c.error_at(p, "parameters.intrinsic-name",
                 dotted(base) + " parameter '" + *name +
                     "' is not an engine parameter; CloudFormation would read it as an "
                     "intrinsic function");
    }
  }
}

void check_endpoint_members(Context& c, const std::string& base,
                            const std::set<std::string>& instances) {
  const bool has_static = c.has(base + "/static_members");
  if (has_static && c.has(base + "/excluded_members")) {
    c.error_at_key(base + "/excluded_members", "endpoints.member",
                   dotted(base) + " cannot have both static_members and excluded_members");
  }
  for (const char* field : {"static_members", "excluded_members"}) {
    const Json* list = c.find(base + "/" + field);
    if (list == nullptr || !list->is_array()) continue;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = base + "/" + field + "/" + std::to_string(i);
      auto member = c.str(p);
      if (member && !instances.count(*member)) {
        const std::string near =
            nearest(*member, std::vector<std::string>(instances.begin(), instances.end()));
        c.error_at(p, "endpoints.member",
                   dotted(p) + " '" + *member + "' is not an instance of this cluster",
                   near.empty() ? "instances are writer and reader-1 … reader-N"
                                : "did you mean " + near + "?");
      }
    }
  }
}

void check_endpoints(Context& c) {
  const Json* list = c.find("/spec/endpoints");
  if (!c.aurora() || list == nullptr || !list->is_array()) return;
  std::set<std::string> instances{"writer"};
  const int readers = static_cast<int>(c.num("/spec/instances/readers/count").value_or(0));
  for (int r = 1; r <= readers && r <= 15; ++r) instances.insert("reader-" + std::to_string(r));
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string base = "/spec/endpoints/" + std::to_string(i);
    auto name = c.str(base + "/name");
    if (name && !names.insert(*name).second) {
      c.error_at(base + "/name", "endpoints.duplicate-name",
                 "spec.endpoints has two endpoints named '" + *name + "'");
    }
    check_endpoint_members(c, base, instances);
  }
}

void check_proxy(Context& c) {
  const std::string base = "/spec/proxy";
  if (!c.has(base)) return;
  auto max = c.num(base + "/connection_pool/max_connections_percent").value_or(100);
  const std::string idle_p = base + "/connection_pool/max_idle_connections_percent";
  auto idle = c.num(idle_p);
  if (idle && *idle > max) {
    c.error_at(idle_p, "proxy.pool-bounds",
               dotted(idle_p) + " must not exceed max_connections_percent");
  }
  // CreateDBProxy needs VpcSubnetIds; an existing DB subnet group's are not in the manifest.
  if (c.has("/spec/network/db_subnet_group_name") && !c.has("/spec/network/subnet_ids") &&
      !c.has("/spec/network/create_vpc") && !c.has(base + "/subnet_ids")) {
    c.error_at_key(base, "proxy.subnets",
                   "spec.proxy needs subnet_ids: the database's subnets are in the existing group "
                   "spec.network.db_subnet_group_name, which aurora-gen cannot read",
                   "add proxy.subnet_ids with the subnets of that group (at least two zones)");
  }
  const bool managed = c.flag("/spec/credentials/manage_master_user_password", true);
  if (c.global_secondary() ||
      (!managed && !c.has("/spec/credentials/master_password_secret_arn"))) {
    c.error_at_key(base, "proxy.needs-secret",
                   "spec.proxy needs the database secret, and this manifest has none",
                   c.global_secondary()
                       ? "a global secondary has no credentials of its own"
                       : "use manage_master_user_password: true or master_password_secret_arn");
  }
  if (c.version() && !supports_rds_proxy(*c.version())) {
    c.error_at_key(base, "proxy.engine",
                   "RDS Proxy does not support " + c.engine() + " " +
                       c.str("/spec/engine_version").value_or(""),
                   "RDS Proxy needs PostgreSQL 11+, MySQL 5.7+, MariaDB 10.3+ or Aurora "
                   "MySQL 2.07, 2.11+, 3.01+");
  }
}

// RDS Extended Support exists for Aurora, RDS PostgreSQL and RDS MySQL only (CreateDBInstance,
// EngineLifecycleSupport: "applies only to RDS for MySQL and RDS for PostgreSQL").
void check_lifecycle_support(Context& c) {
  const std::string p = "/spec/engine_lifecycle_support";
  if (c.has(p) && c.engine() == "mariadb") {
    c.error_at_key(
        p, "engine.lifecycle-support",
        "spec.engine_lifecycle_support does not apply to mariadb: RDS for MariaDB has no "
        "Extended Support",
        "remove it; at the end of standard support RDS upgrades the major version");
  }
}

// PostgreSQL identifiers are at most 63 bytes, MySQL database names 64 characters.
void check_database_name(Context& c) {
  auto name = c.str("/spec/database_name");
  if (name && is_postgres_engine(c.engine()) && name->size() > 63) {
    c.error_at("/spec/database_name", "database.name-length",
               "spec.database_name is longer than PostgreSQL's 63 characters");
  }
}

}  // namespace

void check_features(Context& c) {
  check_logs(c);
  check_parameter_list(c, "cluster", "cluster_parameter_group_name");
  check_parameter_list(c, "instance", "instance_parameter_group_name");
  check_endpoints(c);
  check_proxy(c);
  check_database_name(c);
  check_lifecycle_support(c);
}

}  // namespace ag::semantic
