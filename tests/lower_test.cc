// Lowering: every default of the manifest reference is applied, and the graph holds what
// each feature needs, with typed references between resources.
#include <catch2/catch.hpp>

#include <map>

#include "ir.h"
#include "test_support.h"

using namespace ag;

namespace {

const ir::Resource& resource(const ir::Graph& g, const std::string& name) {
  const ir::Resource* r = g.find(name);
  if (r == nullptr) FAIL("no resource " << name);
  return *r;
}

const ir::Value& prop(const ir::Resource& r, const std::string& path) {
  const ir::Value* v = ir::find_path(r.props, path);
  if (v == nullptr) FAIL(r.name << " has no property " << path);
  return *v;
}

const std::string kMinimal = R"(apiVersion: aurora-gen/v1
kind: AuroraCluster
metadata:
  name: tiny
spec:
  engine: aurora-mysql
  engine_version: "8.0.mysql_aurora.3.08.0"
  instances:
    writer:
      instance_class: db.r6g.large
  network:
    vpc_id: vpc-0a1b2c3d4e5f60718
    subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
)";

}  // namespace

TEST_CASE("lowering applies the reference's defaults visibly") {
  const ir::Graph g = test::compile_text(kMinimal).graph;
  const ir::Resource& cluster = resource(g, "cluster");
  CHECK(prop(cluster, "port").as<std::int64_t>() == 3306);
  // Not the engine's well-known admin (CT.RDS.PR.21), unlike aurora-gen 0.2.
  CHECK(prop(cluster, "master_username").as<std::string>() == "dbadmin");
  CHECK(prop(cluster, "manage_master_user_password").as<bool>());
  CHECK(prop(cluster, "storage_encrypted").as<bool>());
  CHECK(prop(cluster, "storage_type").as<std::string>() == "aurora");
  CHECK(prop(cluster, "backup_retention_period").as<std::int64_t>() == 7);
  CHECK(prop(cluster, "copy_tags_to_snapshot").as<bool>());
  CHECK_FALSE(prop(cluster, "skip_final_snapshot").as<bool>());
  CHECK(prop(cluster, "final_snapshot_identifier").as<std::string>() == "tiny-final");
  CHECK(prop(cluster, "deletion_protection").as<bool>());
  CHECK(prop(cluster, "iam_database_authentication_enabled").as<bool>());
  CHECK_FALSE(prop(cluster, "enable_http_endpoint").as<bool>());
  // The engine's audit, error and slow query logs, each with a retained log group, and the
  // parameters that make Aurora MySQL write them, beside TLS required of every connection.
  const ir::List& logs = prop(cluster, "enabled_cloudwatch_logs_exports").as<ir::List>();
  REQUIRE(logs.size() == 3);
  CHECK(logs[0].as<std::string>() == "audit");
  CHECK(prop(resource(g, "log_group_audit"), "retention_in_days").as<std::int64_t>() == 365);
  const ir::List& params =
      prop(resource(g, "cluster_parameter_group"), "parameters").as<ir::List>();
  std::map<std::string, std::string> set;
  for (const ir::Value& p : params) {
    set[ir::find(p.as<ir::Map>(), "name")->as<std::string>()] =
        ir::find(p.as<ir::Map>(), "value")->as<std::string>();
  }
  CHECK(set["require_secure_transport"] == "ON");
  CHECK(set["server_audit_logging"] == "1");
  CHECK(set["slow_query_log"] == "1");
  const ir::Resource& writer = resource(g, "writer");
  CHECK(prop(writer, "promotion_tier").as<std::int64_t>() == 0);
  CHECK_FALSE(prop(writer, "publicly_accessible").as<bool>());
  CHECK(prop(writer, "auto_minor_version_upgrade").as<bool>());
  CHECK(prop(writer, "monitoring_interval").as<std::int64_t>() == 60);
  CHECK(prop(writer, "monitoring_role_arn").as<ir::Ref>() == ir::Ref{"monitoring_role", "arn"});
  CHECK(prop(writer, "ca_cert_identifier").as<std::string>() == "rds-ca-rsa2048-g1");
}

TEST_CASE("lowering wires resources with typed references") {
  const ir::Graph g = test::compile_text(kMinimal).graph;
  const ir::Resource& cluster = resource(g, "cluster");
  CHECK(prop(cluster, "db_subnet_group_name").as<ir::Ref>() == ir::Ref{"subnet_group", "name"});
  const ir::List& groups = prop(cluster, "vpc_security_group_ids").as<ir::List>();
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].as<ir::Ref>() == ir::Ref{"db_security_group", "id"});
  CHECK(prop(resource(g, "writer"), "cluster_identifier").as<ir::Ref>() ==
        ir::Ref{"cluster", "id"});
}

TEST_CASE("tags carry Name, Environment, ManagedBy, then the user's tags sorted by key") {
  const ir::Graph g = test::compile_example("serverless-postgres.yaml").graph;
  const ir::Map& tags = prop(resource(g, "cluster"), "tags").as<ir::Map>();
  REQUIRE(tags.size() == 5);
  CHECK(tags[0].key == "Name");
  CHECK(tags[0].value.as<std::string>() == "aurora-db");
  CHECK(tags[1].key == "Environment");
  CHECK(tags[1].value.as<std::string>() == "production");
  CHECK(tags[2].key == "ManagedBy");
  CHECK(tags[3].key == "service");
  CHECK(tags[4].key == "team");
}

TEST_CASE("serverless clusters get db.serverless instances and a scaling configuration") {
  const ir::Graph g = test::compile_example("mysql-dev-autopause.yaml").graph;
  CHECK(prop(resource(g, "writer"), "instance_class").as<std::string>() == "db.serverless");
  const ir::Resource& cluster = resource(g, "cluster");
  CHECK(prop(cluster, "serverless_v2_scaling.min_capacity").as<std::int64_t>() == 0);
  CHECK(prop(cluster, "serverless_v2_scaling.seconds_until_auto_pause").as<std::int64_t>() == 3600);
  CHECK(prop(cluster, "db_subnet_group_name").as<std::string>() == "shared-db-subnets");
  CHECK(g.find("subnet_group") == nullptr);
  CHECK(prop(resource(g, "cluster_parameter_group"), "family").as<std::string>() ==
        "aurora-mysql8.0");
}

TEST_CASE("readers take the writer's class and the listed zones round-robin") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  CHECK(prop(resource(g, "reader_1"), "availability_zone").as<std::string>() == "us-east-1b");
  CHECK(prop(resource(g, "reader_2"), "availability_zone").as<std::string>() == "us-east-1c");
  CHECK(prop(resource(g, "reader_2"), "promotion_tier").as<std::int64_t>() == 1);
  CHECK(g.find("reader_3") == nullptr);
}

TEST_CASE("create_vpc carves a subnet per zone letter, public ones from slot 8") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  const auto cidr = [&](const char* name) {
    return prop(resource(g, name), "cidr_block").as<std::string>();
  };
  CHECK(cidr("private_subnet_us_east_1a") == "10.0.0.0/20");
  CHECK(cidr("private_subnet_us_east_1c") == "10.0.32.0/20");
  CHECK(cidr("public_subnet_us_east_1a") == "10.0.128.0/20");
  // one_per_az: a NAT gateway and a private route table per zone
  CHECK(g.find("nat_gateway_us_east_1c") != nullptr);
  CHECK(g.find("private_route_table_us_east_1c") != nullptr);
  CHECK(prop(resource(g, "s3_endpoint"), "vpc_endpoint_type").as<std::string>() == "Gateway");
  CHECK(prop(resource(g, "secretsmanager_endpoint"), "private_dns_enabled").as<bool>());
}

TEST_CASE("a subnet keeps its name and range when another zone is removed") {
  std::string text = test::read_repo_file("examples/provisioned-postgres-ha.yaml");
  const std::string zones = "[us-east-1a, us-east-1b, us-east-1c]";
  text.replace(text.find(zones), zones.size(), "[us-east-1b, us-east-1c]");
  text.replace(text.find("availability_zone: us-east-1a"), 29, "availability_zone: us-east-1b");
  const ir::Graph g = test::compile_text(text).graph;
  CHECK(g.find("private_subnet_us_east_1a") == nullptr);
  CHECK(prop(resource(g, "private_subnet_us_east_1b"), "cidr_block").as<std::string>() ==
        "10.0.16.0/20");
  // 0.1 numbered subnets by position; the legacy name is what Terraform moves state from.
  CHECK(resource(g, "private_subnet_us_east_1b").legacy_name == "private_subnet_1");
}

TEST_CASE("no NAT means no public subnets and a private route table per zone") {
  const ir::Graph g = test::compile_example("rds-multi-az-postgres.yaml").graph;
  CHECK(g.find("public_subnet_us_west_2a") == nullptr);
  CHECK(g.find("internet_gateway") == nullptr);
  CHECK(resource(g, "private_route_table_us_west_2a").legacy_name == "private_route_table");
  CHECK(resource(g, "private_route_table_us_west_2b").legacy_name.empty());
  CHECK(g.find("private_route_table_us_west_2a_default") == nullptr);
}

TEST_CASE("ingress rules are named after their source") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  const ir::Resource& rule = resource(g, "ingress_cidr_10_0_0_0_16");
  CHECK(prop(rule, "cidr_ipv4").as<std::string>() == "10.0.0.0/16");
  CHECK(rule.legacy_name == "ingress_cidr_1");
}

TEST_CASE("a global secondary joins by identifier and carries no credentials") {
  const ir::Graph g = test::compile_example("global-secondary.yaml").graph;
  const ir::Resource& cluster = resource(g, "cluster");
  CHECK(prop(cluster, "global_cluster_identifier").as<std::string>() == "orders-global");
  CHECK(prop(cluster, "source_region").as<std::string>() == "us-east-1");
  CHECK(ir::find(cluster.props, "master_username") == nullptr);
  CHECK(ir::find(cluster.props, "manage_master_user_password") == nullptr);
  CHECK(g.find("global_cluster") == nullptr);
}

TEST_CASE("a global primary creates the global cluster and references it") {
  const ir::Graph g = test::compile_example("global-primary.yaml").graph;
  CHECK(prop(resource(g, "cluster"), "global_cluster_identifier").as<ir::Ref>() ==
        ir::Ref{"global_cluster", "id"});
}

TEST_CASE("alarms convert units and notify the created topic") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  const ir::Resource& memory = resource(g, "freeable_memory_alarm");
  CHECK(prop(memory, "threshold").as<std::int64_t>() == 256LL * 1024 * 1024);
  CHECK(prop(memory, "comparison_operator").as<std::string>() == "LessThanThreshold");
  const ir::List& actions = prop(memory, "alarm_actions").as<ir::List>();
  CHECK(actions.at(0).as<ir::Ref>() == ir::Ref{"alarm_topic", "arn"});
  // The writer's memory, not an average over the readers.
  const ir::Map& dims = prop(memory, "dimensions").as<ir::Map>();
  CHECK(ir::find(dims, "Role")->as<std::string>() == "WRITER");
  CHECK(ir::find(prop(resource(g, "replica_lag_alarm"), "dimensions").as<ir::Map>(), "Role") ==
        nullptr);
  // A topic CloudWatch can publish to: encrypted with a key whose policy lets it.
  CHECK(prop(resource(g, "alarm_topic"), "kms_master_key_id").as<ir::Ref>() ==
        ir::Ref{"alarm_key", "arn"});
  const ir::Value& policy = *prop(resource(g, "alarm_key"), "policy").as<ir::Json>().doc;
  const ir::Value& publish = policy.as<ir::Map>().at(1).value.as<ir::List>().at(1);
  CHECK(ir::find_path(publish.as<ir::Map>(), "Principal.Service")->as<std::string>() ==
        "cloudwatch.amazonaws.com");
  const ir::Resource& email = resource(g, "alarm_email_dba_example_com");
  CHECK(prop(email, "endpoint").as<std::string>() == "dba@example.com");
  CHECK(email.legacy_name == "alarm_email_1");
}

TEST_CASE("an exported MariaDB audit log gets the option group that writes it") {
  const ir::Graph g = test::compile_example("rds-mariadb-restore-gp3.yaml").graph;
  const ir::Resource& options = resource(g, "audit_option_group");
  CHECK(prop(options, "major_engine_version").as<std::string>() == "10.11");
  CHECK(prop(options, "options").as<ir::List>().at(0).as<ir::Map>().at(0).value.as<std::string>() ==
        "MARIADB_AUDIT_PLUGIN");
  CHECK(prop(resource(g, "db_instance"), "option_group_name").as<ir::Ref>() ==
        ir::Ref{"audit_option_group", "name"});
  // No audit export, no option group.
  CHECK(test::compile_example("rds-mysql-proxy-io1.yaml").graph.find("audit_option_group") ==
        nullptr);
}

TEST_CASE("the proxy's role reads only the database's secret") {
  const ir::Graph g = test::compile_example("serverless-postgres.yaml").graph;
  const ir::Value& policy = prop(resource(g, "proxy_role_policy"), "policy");
  const ir::Map& doc = policy.as<ir::Json>().doc->as<ir::Map>();
  const ir::List& statements = ir::find(doc, "Statement")->as<ir::List>();
  REQUIRE(statements.size() == 1);  // AWS-managed key: nothing to decrypt explicitly
  const ir::Map& read = statements[0].as<ir::Map>();
  CHECK(ir::find(read, "Action")->as<std::string>() == "secretsmanager:GetSecretValue");
  CHECK(ir::find(read, "Resource")->as<ir::Ref>() == ir::Ref{"cluster", "secret_arn"});
  CHECK(prop(resource(g, "proxy"), "require_tls").as<bool>());
}

TEST_CASE("RdsInstance storage: type, size, autoscaling ceiling, IOPS and throughput") {
  const std::string gp2 = R"(apiVersion: aurora-gen/v1
kind: RdsInstance
metadata:
  name: small
spec:
  engine: postgres
  engine_version: "16.8"
  instance_class: db.t4g.medium
  storage:
    type: gp2
    allocated_gb: 50
  network:
    vpc_id: vpc-0a1b2c3d4e5f60718
    subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
)";
  const ir::Graph small_graph = test::compile_text(gp2).graph;
  const ir::Resource& small = resource(small_graph, "db_instance");
  CHECK(prop(small, "storage_type").as<std::string>() == "gp2");
  CHECK(prop(small, "allocated_storage").as<std::int64_t>() == 50);
  for (const char* absent : {"max_allocated_storage", "iops", "storage_throughput"}) {
    CHECK(ir::find(small.props, absent) == nullptr);
  }
  const ir::Graph gp3_graph = test::compile_example("rds-mariadb-restore-gp3.yaml").graph;
  const ir::Resource& gp3 = resource(gp3_graph, "db_instance");
  CHECK(prop(gp3, "storage_type").as<std::string>() == "gp3");
  CHECK(prop(gp3, "iops").as<std::int64_t>() == 12000);
  CHECK(prop(gp3, "storage_throughput").as<std::int64_t>() == 750);
  const ir::Graph io2_graph = test::compile_example("rds-postgres-own-secret.yaml").graph;
  const ir::Resource& io2 = resource(io2_graph, "db_instance");
  CHECK(prop(io2, "storage_type").as<std::string>() == "io2");
  CHECK(prop(io2, "max_allocated_storage").as<std::int64_t>() == 800);
}

TEST_CASE("a secret the manifest brings is read by reference, and the proxy uses it") {
  const ir::Graph g = test::compile_example("aurora-postgresql-own-secret.yaml").graph;
  const std::string arn =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ledger/master-AbCdEf";
  const ir::Resource& cluster = resource(g, "cluster");
  CHECK(ir::find(cluster.props, "manage_master_user_password") == nullptr);
  const ir::SecretField& password = prop(cluster, "master_password").as<ir::SecretField>();
  CHECK(password.secret_arn == arn);
  CHECK(password.key == "password");
  // No rotation, no secret output: the secret is not this stack's.
  CHECK(g.find("secret_rotation") == nullptr);
  for (const ir::Output& o : g.outputs) CHECK(o.name != "master_user_secret_arn");
  const ir::Map& doc =
      prop(resource(g, "proxy_role_policy"), "policy").as<ir::Json>().doc->as<ir::Map>();
  const ir::List& statements = ir::find(doc, "Statement")->as<ir::List>();
  REQUIRE(statements.size() == 2);
  CHECK(ir::find(statements[0].as<ir::Map>(), "Resource")->as<std::string>() == arn);
  // The secret's own key (master_password_secret_kms_key_id), only through Secrets Manager.
  const ir::Map& decrypt = statements[1].as<ir::Map>();
  CHECK(ir::find(decrypt, "Resource")->as<std::string>().find(":key/7a8b9c0d") !=
        std::string::npos);
  CHECK(ir::find_path(decrypt, "Condition.StringEquals.kms:ViaService") != nullptr);
  const ir::Map& auth = prop(resource(g, "proxy"), "auth").as<ir::List>().at(0).as<ir::Map>();
  CHECK(ir::find(auth, "secret_arn")->as<std::string>() == arn);
}

TEST_CASE("explicit ordering: log groups before the database, writer before the proxy target") {
  const ir::Graph g = test::compile_example("serverless-postgres.yaml").graph;
  const auto& deps = resource(g, "proxy_target_group").depends_on;
  CHECK(std::find(deps.begin(), deps.end(), "writer") != deps.end());
}

TEST_CASE("outputs follow the reference's list") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  std::vector<std::string> names;
  for (const ir::Output& o : g.outputs) names.push_back(o.name);
  CHECK(names == std::vector<std::string>{"cluster_endpoint", "reader_endpoint", "port",
                                          "cluster_identifier", "cluster_arn",
                                          "cluster_resource_id", "master_user_secret_arn",
                                          "security_group_id", "db_subnet_group_name", "vpc_id",
                                          "private_subnet_ids", "kms_key_arn", "sns_topic_arn"});
}

TEST_CASE("every reference in every example points at a resource of the graph") {
  for (const char* name :
       {"minimal.yaml", "serverless-postgres.yaml", "provisioned-postgres-ha.yaml",
        "mysql-dev-autopause.yaml", "global-primary.yaml", "global-secondary.yaml",
        "rds-multi-az-postgres.yaml"}) {
    const ir::Graph g = test::compile_example(name).graph;
    std::function<void(const ir::Value&)> walk = [&](const ir::Value& v) {
      if (v.is<ir::Ref>()) CHECK(g.find(v.as<ir::Ref>().resource) != nullptr);
      if (v.is<ir::List>())
        for (const auto& i : v.as<ir::List>()) walk(i);
      if (v.is<ir::Map>())
        for (const auto& e : v.as<ir::Map>()) walk(e.value);
      if (v.is<ir::Concat>())
        for (const auto& p : v.as<ir::Concat>().parts) walk(p);
      if (v.is<ir::Json>()) walk(*v.as<ir::Json>().doc);
    };
    for (const ir::Resource& r : g.resources) {
      walk(ir::Value(r.props));
      for (const std::string& d : r.depends_on) CHECK(g.find(d) != nullptr);
    }
    for (const ir::Output& o : g.outputs) walk(o.value);
  }
}

TEST_CASE("every resource points at the manifest field it comes from") {
  for (const std::string& name : test::example_names()) {
    const Compiled c = test::compile_example(name);
    for (const ir::Resource& r : c.graph.resources) {
      INFO(name << ": " << r.name << " from '" << r.origin << "'");
      CHECK(c.manifest.doc.contains(nlohmann::json::json_pointer(r.origin)));
    }
  }
}
