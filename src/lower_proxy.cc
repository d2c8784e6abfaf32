// RDS Proxy: its own security group, an IAM role that may read only this database's secret,
// the default target group with the pool settings, and the target.
#include "lower_context.h"

namespace ag::lowering {
namespace {

std::string database(const Context& c) { return c.aurora ? "cluster" : "db_instance"; }

// The database's secret: RDS's own, or the one the manifest brings (the checks refuse a
// proxy with neither: proxy.needs-secret).
ir::Value secret_arn(const Context& c) {
  if (managed_password(c)) return ir::ref(database(c), "secret_arn");
  return text(get(c.spec, "credentials"), "master_password_secret_arn");
}

// The key of the secret when it is customer-managed: the RDS-managed secret's, or the one a
// manifest names for its own secret (master_password_secret_kms_key_id). Nothing to grant
// for the default aws/secretsmanager key.
std::optional<ir::Value> secret_key(const Context& c) {
  const json& creds = get(c.spec, "credentials");
  if (!managed_password(c)) {
    if (!creds.contains("master_password_secret_kms_key_id")) return std::nullopt;
    return text(creds, "master_password_secret_kms_key_id");
  }
  if (creds.is_object() && creds.contains("master_user_secret_kms_key_id")) {
    return text(creds, "master_user_secret_kms_key_id");
  }
  if (flag(get(c.spec, "storage"), "create_kms_key", false)) return ir::ref("kms_key", "arn");
  return std::nullopt;
}

ir::Value secret_policy(const Context& c) {
  ir::List statements{ir::Map{{"Sid", "ReadDatabaseSecret"},
                              {"Effect", "Allow"},
                              {"Action", "secretsmanager:GetSecretValue"},
                              {"Resource", secret_arn(c)}}};
  if (auto key = secret_key(c)) {
    // Only to read the secret: through Secrets Manager (RDS User Guide, "Setting up
    // IAM for RDS Proxy": kms:ViaService secretsmanager.<region>.amazonaws.com).
    ir::Map via{{"kms:ViaService", via_service("secretsmanager")}};
    statements.push_back(ir::Map{{"Sid", "DecryptDatabaseSecret"},
                                 {"Effect", "Allow"},
                                 {"Action", "kms:Decrypt"},
                                 {"Resource", *key},
                                 {"Condition", ir::Map{{"StringEquals", via}}}});
  }
  return ir::json(ir::Map{{"Version", "2012-10-17"}, {"Statement", statements}});
}

// The proxy reaches the database on its port: ingress on the database's group from the
// proxy's group, and the matching egress on the proxy's.
void connect_proxy_to_database(Context& c) {
  add_tcp_rule(c, {"security_group_ingress", "ingress_from_proxy", "db_security_group",
                   "Database from RDS Proxy", engine_port(c), "referenced_security_group_id",
                   ir::ref("proxy_security_group", "id")});
  add_tcp_rule(c, {"security_group_egress", "proxy_egress_to_database", "proxy_security_group",
                   "RDS Proxy to the database", engine_port(c), "referenced_security_group_id",
                   ir::ref("db_security_group", "id")});
}

// The proxy's own subnets when the manifest names them, else the database's.
ir::List proxy_subnets(const Context& c, const json& proxy) {
  const json& given = get(proxy, "subnet_ids");
  if (!given.is_array()) return database_subnets(c);
  ir::List ids;
  for (const json& s : given) ids.push_back(s.get<std::string>());
  return ids;
}

ir::Map pool(const json& p) {
  ir::Map m{{"max_connections_percent", integer(p, "max_connections_percent", 100)}};
  if (p.is_object() && p.contains("max_idle_connections_percent")) {
    m.push_back({"max_idle_connections_percent", integer(p, "max_idle_connections_percent", 50)});
  }
  m.push_back({"connection_borrow_timeout", integer(p, "connection_borrow_timeout", 120)});
  return m;
}

}  // namespace

void lower_proxy(Context& c) {
  const json& proxy = get(c.spec, "proxy");
  if (!proxy.is_object()) return;
  c.origin = "/spec/proxy";
  const std::string label = c.name + "-proxy";
  add_client_security_group(c, "proxy_security_group", label, "RDS Proxy");
  connect_proxy_to_database(c);
  role(c, "proxy_role", label, "rds.amazonaws.com",
       "Lets RDS Proxy read the master secret of " + c.name);
  c.add("iam_role_policy", "proxy_role_policy",
        {{"name", "read-database-secret"},
         {"role", ir::ref("proxy_role", "name")},
         {"policy", secret_policy(c)}});
  const bool iam = flag(proxy, "iam_auth", false);
  ir::Resource& db_proxy =
      c.add("db_proxy", "proxy",
            {{"name", label},
             {"engine_family", c.postgres ? "POSTGRESQL" : "MYSQL"},
             {"role_arn", ir::ref("proxy_role", "arn")},
             {"vpc_subnet_ids", proxy_subnets(c, proxy)},
             {"vpc_security_group_ids", ir::List{ir::ref("proxy_security_group", "id")}},
             {"require_tls", flag(proxy, "require_tls", true)},
             {"idle_client_timeout", integer(proxy, "idle_client_timeout", 1800)},
             {"debug_logging", flag(proxy, "debug_logging", false)},
             {"auth", ir::List{ir::Map{{"auth_scheme", "SECRETS"},
                                       {"secret_arn", secret_arn(c)},
                                       {"iam_auth", iam ? "REQUIRED" : "DISABLED"},
                                       {"description", "Master credentials of " + c.name}}}},
             {"tags", c.tags(label)}});
  // The role is useless to the proxy until its policy lets it read the secret.
  db_proxy.depends_on.push_back("proxy_role_policy");
  ir::Map target{{"db_proxy_name", ir::ref("proxy", "name")},
                 {"connection_pool", pool(get(proxy, "connection_pool"))}};
  target.push_back(
      {c.aurora ? "db_cluster_identifier" : "db_instance_identifier", ir::ref(database(c), "id")});
  ir::Resource& group = c.add("db_proxy_target_group", "proxy_target_group", std::move(target));
  // The target can register only once the database has an instance to route to.
  if (c.aurora) group.depends_on.push_back("writer");
}

}  // namespace ag::lowering
