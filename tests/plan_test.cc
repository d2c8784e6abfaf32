// The change planner: the update table, the IR diff, and a table of manifest edits with the
// action each target takes and whether the plan destroys data.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "plan/ir_diff.h"
#include "plan/planner.h"
#include "plan/update_table.h"
#include "test_support.h"

using namespace ag;
using nlohmann::json;
using plan::Action;

namespace {

// The example with `set` applied (JSON pointer → value; null removes the field).
Compiled edited(const std::string& example, const std::vector<std::pair<std::string, json>>& set) {
  const Compiled base = test::compile_example(example);
  json doc = base.manifest.doc;
  for (const auto& [pointer, value] : set) {
    const json::json_pointer p(pointer);
    if (value.is_null() && doc[p.parent_pointer()].is_array()) {
      doc[p.parent_pointer()].erase(std::stoul(p.back()));
    } else if (value.is_null()) {
      doc[p.parent_pointer()].erase(p.back());
    } else {
      doc[p] = value;
    }
  }
  // JSON is YAML: the edited document compiles through the same front end.
  return test::compile_text(doc.dump(2), "new.yaml");
}

struct Case {
  const char* what;
  const char* example;
  std::vector<std::pair<std::string, json>> set;
  const char* resource;           // the change to look at
  std::array<Action, 3> actions;  // CloudFormation, Terraform, Pulumi
  bool destructive;               // the plan as a whole
};

constexpr Action U = Action::Update, I = Action::Interrupt, R = Action::Replace, C = Action::Create,
                 D = Action::Delete, N = Action::None;

const std::vector<Case>& cases() {
  static const json kKeyA =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static const json kKeyB =
      "arn:aws:kms:eu-west-1:123456789012:key/9876abcd-12ab-34cd-56ef-1234567890ab";
  static const std::vector<Case> k{
      {"minor engine upgrade",
       "provisioned-postgres-ha.yaml",
       {{"/spec/engine_version", "16.6"}},
       "cluster",
       {I, I, I},
       false},
      {"major engine upgrade",
       "provisioned-postgres-ha.yaml",
       {{"/spec/engine_version", "17.4"}, {"/spec/maintenance/allow_major_version_upgrade", true}},
       "cluster_parameter_group",
       {R, R, R},
       false},
      {"reader class",
       "provisioned-postgres-ha.yaml",
       {{"/spec/instances/readers/instance_class", "db.r6g.xlarge"}},
       "reader_1",
       {I, I, I},
       false},
      {"writer zone",
       "provisioned-postgres-ha.yaml",
       {{"/spec/instances/writer/availability_zone", "us-east-1c"}},
       "writer",
       {I, R, R},
       false},
      {"reader count up",
       "provisioned-postgres-ha.yaml",
       {{"/spec/instances/readers/count", 3}},
       "reader_3",
       {C, C, C},
       false},
      {"reader count down",
       "provisioned-postgres-ha.yaml",
       {{"/spec/instances/readers/count", 1}},
       "reader_2",
       {D, D, D},
       false},
      {"backup window",
       "serverless-postgres.yaml",
       {{"/spec/backup/preferred_window", "02:00-03:00"}},
       "cluster",
       {U, U, U},
       false},
      {"backup retention",
       "minimal.yaml",
       {{"/spec/backup", {{"retention_period", 14}}}},
       "cluster",
       {U, U, U},
       false},
      {"storage key",
       "mysql-dev-autopause.yaml",
       {{"/spec/storage/kms_key_id", kKeyB}},
       "cluster",
       {R, R, R},
       true},
      {"encryption off",
       "minimal.yaml",
       {{"/spec/storage", {{"encrypted", false}}}},
       "cluster",
       {R, R, R},
       true},
      {"database name",
       "serverless-postgres.yaml",
       {{"/spec/database_name", "shop"}},
       "cluster",
       {R, R, R},
       true},
      {"aurora master user",
       "serverless-postgres.yaml",
       {{"/spec/credentials/username", "shop_admin"}},
       "cluster",
       {U, R, R},
       true},
      {"rds master user",
       "rds-multi-az-postgres.yaml",
       {{"/spec/credentials/username", "app_admin"}},
       "db_instance",
       {R, R, R},
       true},
      {"subnet group name",
       "mysql-dev-autopause.yaml",
       {{"/spec/network/db_subnet_group_name", "other-subnets"}},
       "cluster",
       {R, R, R},
       true},
      {"a third subnet",
       "minimal.yaml",
       {{"/spec/network/subnet_ids/2", "subnet-0a1b2c3d4e5f60003"}},
       "subnet_group",
       {U, U, U},
       false},
      {"port", "provisioned-postgres-ha.yaml", {{"/spec/port", 5433}}, "cluster", {I, I, I}, false},
      {"port moves the rules",
       "provisioned-postgres-ha.yaml",
       {{"/spec/port", 5433}},
       "ingress_cidr_10_0_0_0_16",
       {R, U, U},
       false},
      {"dynamic parameter",
       "provisioned-postgres-ha.yaml",
       {{"/spec/parameters/cluster/1/value", "250"}},
       "cluster_parameter_group",
       {U, U, U},
       false},
      {"proxy on", "minimal.yaml", {{"/spec/proxy", json::object()}}, "proxy", {C, C, C}, false},
      {"proxy off",
       "serverless-postgres.yaml",
       {{"/spec/proxy", nullptr}},
       "proxy",
       {D, D, D},
       false},
      {"a new name",
       "minimal.yaml",
       {{"/metadata/name", "paas-postgres-2"}},
       "cluster",
       {R, R, R},
       true},
      {"restore added",
       "minimal.yaml",
       {{"/spec/restore", {{"snapshot_identifier", "snap-1"}}}},
       "cluster",
       {R, N, N},
       true},
      {"restore removed",
       "restore-from-snapshot.yaml",
       {{"/spec/restore", nullptr}},
       "cluster",
       {R, N, N},
       true},
      {"serverless capacity",
       "serverless-postgres.yaml",
       {{"/spec/serverless_v2_scaling/max_capacity", 32}},
       "cluster",
       {U, U, U},
       false},
      {"a tag",
       "serverless-postgres.yaml",
       {{"/metadata/tags/owner", "dba"}},
       "cluster",
       {U, U, U},
       false},
      {"customer key added",
       "minimal.yaml",
       {{"/spec/storage", {{"create_kms_key", true}}}},
       "cluster",
       {R, R, R},
       true},
      {"password no longer managed",
       "minimal.yaml",
       {{"/spec/credentials",
         {{"manage_master_user_password", false},
          {"master_password_secret_arn",
           "arn:aws:secretsmanager:us-east-1:123456789012:secret:paas-master-AbCdEf"}}}},
       "cluster",
       {U, U, U},
       true},
      {"deletion protection off",
       "minimal.yaml",
       {{"/spec/deletion_protection", false}},
       "cluster",
       {U, U, U},
       false},
      {"first CIDR removed",
       "serverless-postgres.yaml",
       {{"/spec/network/allowed_cidr_blocks/0", nullptr},
        {"/spec/network/allowed_security_group_ids", json::array({"sg-0a1b2c3d4e5f60003"})}},
       "ingress_cidr_10_0_0_0_16",
       {D, D, D},
       false},
      {"rds instance class",
       "rds-multi-az-postgres.yaml",
       {{"/spec/instance_class", "db.m6g.large"}},
       "db_instance",
       {I, I, I},
       false},
      {"rds storage grows",
       "rds-multi-az-postgres.yaml",
       {{"/spec/storage/allocated_gb", 200}},
       "db_instance",
       {U, U, U},
       false},
      {"a key for the own secret",
       "aurora-postgresql-own-secret.yaml",
       {{"/spec/credentials/master_password_secret_kms_key_id", kKeyA}},
       "proxy_role_policy",
       {U, U, U},
       false},
  };
  return k;
}

const plan::Change* find(const plan::Plan& p, const std::string& resource) {
  for (const plan::Change& c : p.changes) {
    if (c.resource == resource) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the update table: one action for all, per target, pulumi after terraform") {
  const plan::UpdateTable t = plan::UpdateTable::parse(R"(
k:
  stateful: true
  properties:
    a: replace
    b: {cfn: update, terraform: replace, note: "why"}
    c: {action: interrupt, pulumi: update}
)");
  CHECK(t.stateful("k"));
  CHECK_FALSE(t.stateful("other"));
  CHECK(t.behaviour("k", "a", Target::Pulumi).action == Action::Replace);
  CHECK(t.behaviour("k", "b", Target::CloudFormation).action == Action::Update);
  CHECK(t.behaviour("k", "b", Target::Pulumi).action == Action::Replace);
  CHECK(t.behaviour("k", "b", Target::Terraform).note == "why");
  CHECK(t.behaviour("k", "c", Target::Terraform).action == Action::Interrupt);
  CHECK(t.behaviour("k", "c", Target::Pulumi).action == Action::Update);
  CHECK(t.behaviour("k", "unlisted", Target::Terraform).action == Action::Update);
  CHECK_THROWS(plan::UpdateTable::parse("k: {properties: {a: rebuild}}"));
  // The built-in table parses and knows the database is stateful.
  CHECK(plan::UpdateTable::builtin().stateful("rds_cluster"));
}

TEST_CASE("the IR diff: created, deleted and changed resources, property by property") {
  const Compiled before = test::compile_example("provisioned-postgres-ha.yaml");
  const Compiled after =
      edited("provisioned-postgres-ha.yaml",
             {{"/spec/instances/readers/count", 1}, {"/spec/backup/retention_period", 14}});
  const auto diff = plan::diff_graphs(before.graph, after.graph);
  auto of = [&](const std::string& name) {
    return std::find_if(diff.begin(), diff.end(), [&](const auto& d) { return d.name == name; });
  };
  REQUIRE(of("reader_2") != diff.end());
  CHECK(of("reader_2")->after == nullptr);
  REQUIRE(of("cluster") != diff.end());
  REQUIRE(of("cluster")->changes.size() == 1);
  CHECK(of("cluster")->changes[0].property == "backup_retention_period");
  CHECK(of("writer") == diff.end());
  CHECK(plan::diff_graphs(before.graph, before.graph).empty());
}

TEST_CASE("each edit: the action per target and whether the plan destroys data") {
  for (const Case& c : cases()) {
    DYNAMIC_SECTION(c.what) {
      const Compiled before = test::compile_example(c.example);
      const Compiled after = edited(c.example, c.set);
      const plan::Plan p = plan::make_plan(&before, after);
      const plan::Change* change = find(p, c.resource);
      REQUIRE(change != nullptr);
      CHECK(change->actions == c.actions);
      CHECK(p.destructive() == c.destructive);
      for (const plan::Reason& r : change->reasons) {
        INFO(r.message);
        CHECK_FALSE(r.message.empty());
      }
    }
  }
  CHECK(cases().size() >= 25);
}

TEST_CASE("a reason points at the manifest line that causes it") {
  const Compiled before = test::compile_example("mysql-dev-autopause.yaml");
  const Compiled after =
      edited("mysql-dev-autopause.yaml", {{"/spec/storage/kms_key_id",
                                           "arn:aws:kms:eu-west-1:123456789012:key/"
                                           "9876abcd-12ab-34cd-56ef-1234567890ab"}});
  const plan::Plan p = plan::make_plan(&before, after);
  const plan::Change* cluster = find(p, "cluster");
  REQUIRE(cluster != nullptr);
  const plan::Reason& r = cluster->reasons.at(0);
  CHECK(r.field == "spec.storage.kms_key_id");
  CHECK(r.location == after.manifest.map.key_at("/spec/storage/kms_key_id"));
  CHECK_THAT(r.message, Catch::Contains("cluster is replaced"));
  CHECK(cluster->loss.find("unless restored from a snapshot") != std::string::npos);
}

TEST_CASE("a major upgrade says what RDS needs with it") {
  const Compiled before = test::compile_example("provisioned-postgres-ha.yaml");
  const Compiled after = edited("provisioned-postgres-ha.yaml", {{"/spec/engine_version", "17.4"}});
  const plan::Plan p = plan::make_plan(&before, after);
  const plan::Change* cluster = find(p, "cluster");
  REQUIRE(cluster != nullptr);
  std::string all;
  for (const plan::Reason& r : cluster->reasons) all += r.message + "\n";
  CHECK_THAT(all, Catch::Contains("allow_major_version_upgrade: true"));
  CHECK_THAT(all, Catch::Contains("aurora-postgresql17 replace those of aurora-postgresql16"));
}

TEST_CASE("a new manifest creates everything, an unchanged one plans nothing") {
  const Compiled c = test::compile_example("minimal.yaml");
  const plan::Plan created = plan::make_plan(nullptr, c);
  CHECK(created.changes.size() == c.graph.resources.size());
  for (const plan::Change& ch : created.changes) CHECK(ch.worst() == Action::Create);
  CHECK(plan::make_plan(&c, c).changes.empty());
}
