#include "schema_validation.h"

#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "embedded_assets.h"
#include "loader.h"
#include "test_support.h"

namespace {

// A valid AuroraCluster manifest; tests splice one mistake into it. Line numbers below
// refer to this text.
const char* const kValid =
    "apiVersion: aurora-gen/v1\n"           // 1
    "kind: AuroraCluster\n"                 // 2
    "metadata:\n"                           // 3
    "  name: orders\n"                      // 4
    "spec:\n"                               // 5
    "  engine: aurora-postgresql\n"         // 6
    "  engine_version: \"15.4\"\n"          // 7
    "  instances:\n"                        // 8
    "    writer:\n"                         // 9
    "      instance_class: db.r6g.large\n"  // 10
    "  network:\n"                          // 11
    "    vpc_id: vpc-0a1b2c3d4e5f60718\n"   // 12
    "    subnet_ids:\n"                     // 13
    "      - subnet-0a1b2c3d4e5f60001\n"    // 14
    "      - subnet-0a1b2c3d4e5f60002\n";   // 15

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

ag::Diagnostics validate(const std::string& text) {
  ag::Diagnostics load_diags;
  auto manifest = ag::load_manifest("m.yaml", text, load_diags);
  INFO(text);
  REQUIRE(manifest);
  ag::Diagnostics diags;
  ag::validate_schema(*manifest, diags);
  return diags;
}

// The only diagnostic reported; fails the test when there is not exactly one.
ag::Diagnostic only(const ag::Diagnostics& diags) {
  for (const auto& d : diags.items()) UNSCOPED_INFO(ag::format_text(d));
  REQUIRE(diags.items().size() == 1);
  return diags.items().front();
}

void check(const ag::Diagnostic& d, const std::string& rule, const std::string& fragment, int line,
           int col) {
  INFO(ag::format_text(d));
  CHECK(d.rule == rule);
  CHECK_THAT(d.message, Catch::Contains(fragment));
  CHECK(d.loc.file == "m.yaml");
  CHECK(d.loc.line == line);
  CHECK(d.loc.col == col);
}

}  // namespace

TEST_CASE("every example manifest validates cleanly") {
  const auto names = ag::test::example_names();
  CHECK(names.size() >= 7);
  for (const std::string& name : names) {
    INFO(name);
    const ag::Diagnostics diags = validate(ag::test::read_repo_file("examples/" + name));
    for (const auto& d : diags.items()) UNSCOPED_INFO(ag::format_text(d));
    CHECK(diags.items().empty());
  }
}

TEST_CASE("the embedded schema is the file in schemas/") {
  CHECK(ag::asset("schemas/manifest.schema.json") ==
        ag::test::read_repo_file("schemas/manifest.schema.json"));
}

TEST_CASE("missing required field") {
  const auto d = only(validate(replace(kValid, "  engine: aurora-postgresql\n", "")));
  check(d, "schema.required", "missing required field 'engine' in spec", 5, 1);
  CHECK_THAT(d.hint, Catch::Contains("Database engine"));
}

TEST_CASE("missing required top-level field") {
  const auto d = only(validate(replace(kValid, "kind: AuroraCluster\n", "")));
  CHECK(d.rule == "schema.required");
  CHECK(d.message == "missing required field 'kind' at the top level");
}

TEST_CASE("unknown field with did-you-mean") {
  const auto d = only(validate(replace(kValid, "    subnet_ids:", "    subnet_id:")));
  check(d, "schema.additional-property", "unknown field 'subnet_id' in spec.network", 13, 5);
  CHECK(d.hint == "did you mean 'subnet_ids'?");
}

TEST_CASE("every unknown field of an object is reported, a far-off one without a hint") {
  const auto diags =
      validate(replace(kValid, "  name: orders\n", "  name: orders\n  regoin: x\n  zzzzzzzz: y\n"));
  REQUIRE(diags.items().size() == 2);
  check(diags.items()[0], "schema.additional-property", "unknown field 'regoin' in metadata", 5, 3);
  CHECK(diags.items()[0].hint == "did you mean 'region'?");
  check(diags.items()[1], "schema.additional-property", "'zzzzzzzz'", 6, 3);
  CHECK(diags.items()[1].hint.empty());
}

TEST_CASE("Terraform, CloudFormation and Pulumi names point at the manifest field") {
  // data/aliases.json, at the levels where another tool's arguments land.
  const auto tf = only(
      validate(replace(kValid, "  instances:\n", "  backup_retention_period: 7\n  instances:\n")));
  check(tf, "schema.additional-property", "unknown field 'backup_retention_period' in spec", 8, 3);
  CHECK(tf.hint ==
        "did you mean spec.backup.retention_period? ('backup_retention_period' is the Terraform "
        "name)");
  CHECK(only(validate(std::string(kValid) + "  BackupRetentionPeriod: 7\n")).hint ==
        "did you mean spec.backup.retention_period? ('BackupRetentionPeriod' is the "
        "CloudFormation name)");
  CHECK(only(validate(std::string(kValid) + "  backupRetentionPeriod: 7\n")).hint ==
        "did you mean spec.backup.retention_period? ('backupRetentionPeriod' is the Pulumi name)");
  CHECK(only(validate(std::string(kValid) + "  monitoring_interval: 60\n")).hint ==
        "did you mean spec.monitoring.enhanced_monitoring_interval? ('monitoring_interval' is the "
        "Terraform name)");
  // One word is both tools' spelling.
  CHECK_THAT(
      only(validate(std::string(kValid) + "  tags: {}\n")).hint,
      Catch::Equals("did you mean metadata.tags? ('tags' is the Terraform and Pulumi name)"));
  CHECK_THAT(only(validate(std::string(kValid) + "  db_name: app\n")).hint,
             Catch::StartsWith("did you mean spec.database_name?"));
}

TEST_CASE("an alias follows the kind, the mapping it is in, and may only explain") {
  // Aurora storage has no size: the hint says so rather than pointing at an RDS field.
  const auto aurora = only(validate(std::string(kValid) + "  allocated_storage: 100\n"));
  CHECK(aurora.hint ==
        "'allocated_storage' is the Terraform name of a setting the manifest does not have: "
        "Aurora storage grows by itself; there is nothing to allocate");
  const std::string rds = replace(
      replace(replace(kValid, "AuroraCluster", "RdsInstance"), "aurora-postgresql", "postgres"),
      "  instances:\n    writer:\n      instance_class: db.r6g.large\n",
      "  instance_class: db.m6g.large\n");
  CHECK_THAT(only(validate(rds + "  allocated_storage: 100\n")).hint,
             Catch::StartsWith("did you mean spec.storage.allocated_gb?"));
  CHECK_THAT(only(validate(std::string(kValid) + "  engine_mode: provisioned\n")).hint,
             Catch::Contains("set spec.serverless_v2_scaling"));
  // instance_type under the readers means the readers' own instance_class.
  const auto reader = only(validate(replace(
      kValid, "      instance_class: db.r6g.large\n",
      "      instance_class: db.r6g.large\n    readers:\n      instance_type: db.r6g.large\n")));
  CHECK(reader.hint == "did you mean spec.instances.readers.instance_class?");
  // Deeper than spec, a local misspelling is likelier than another tool's argument.
  CHECK(only(validate(std::string(kValid) + "  credentials:\n    kms_key_id: x\n")).hint !=
        "did you mean spec.storage.kms_key_id?");
  // A field of the same mapping spelt in another case: CloudFormation's DeletionProtection.
  CHECK(only(validate(std::string(kValid) + "  DeletionProtection: true\n")).hint ==
        "did you mean 'deletion_protection'?");
}

TEST_CASE("an unknown password field is a plaintext password, not a typo") {
  const auto d = only(validate(std::string(kValid) + "  credentials:\n    password: hunter2\n"));
  check(d, "credentials.plaintext-password",
        "spec.credentials.password: plaintext passwords are never accepted", 17, 5);
  CHECK_THAT(d.hint, Catch::Contains("manage_master_user_password"));
  CHECK_THAT(d.hint, Catch::Contains("master_password_secret_arn"));
  check(only(validate(std::string(kValid) + "  master_password: hunter2\n")),
        "credentials.plaintext-password", "spec.master_password: plaintext", 16, 3);
  // Only password names: other unknown fields stay typos.
  check(only(validate(std::string(kValid) + "  credentials:\n    passwd: x\n")),
        "schema.additional-property", "unknown field 'passwd'", 17, 5);
  CHECK(validate(std::string(kValid) + "  credentials:\n    manage_master_user_password: true\n")
            .items()
            .empty());
}

TEST_CASE("wrong type, with a hint to quote numbers") {
  const auto d = only(validate(replace(kValid, "\"15.4\"", "15.4")));
  check(d, "schema.type", "spec.engine_version must be a string (got a number)", 7, 19);
  CHECK_THAT(d.hint, Catch::Contains("quote"));
}

TEST_CASE("enum lists the allowed values and suggests the nearest") {
  const auto d = only(validate(replace(kValid, "aurora-postgresql", "aurora-postgres")));
  check(d, "schema.enum",
        "spec.engine must be one of: aurora-postgresql, aurora-mysql, postgres, mysql, mariadb "
        "(got 'aurora-postgres')",
        6, 11);
  CHECK(d.hint == "did you mean 'aurora-postgresql'?");
}

TEST_CASE("const") {
  const auto d = only(validate(replace(kValid, "aurora-gen/v1", "aurora-gen/v2")));
  check(d, "schema.const", "apiVersion must be 'aurora-gen/v1' (got 'aurora-gen/v2')", 1, 13);
}

TEST_CASE("pattern errors name the field and explain the format") {
  const auto d = only(validate(replace(kValid, "vpc-0a1b2c3d4e5f60718", "vpc-XYZ")));
  check(d, "schema.pattern",
        "spec.network.vpc_id 'vpc-XYZ' is not valid: Existing VPC (vpc- and 8 to 17 hex digits)",
        12, 13);
  CHECK(d.hint == "expected pattern ^vpc-[0-9a-f]{8,17}$");
}

TEST_CASE("pattern errors inside a list point at the item") {
  const auto d = only(validate(replace(kValid, "subnet-0a1b2c3d4e5f60002", "subnet-1")));
  check(d, "schema.pattern", "spec.network.subnet_ids[1] 'subnet-1' is not valid: A subnet id", 15,
        9);
}

TEST_CASE("pattern errors of a $ref'd field explain the definition") {
  const auto d = only(validate(replace(kValid, "db.r6g.large", "r6g.large")));
  check(d, "schema.pattern",
        "spec.instances.writer.instance_class 'r6g.large' is not valid: A DB instance class", 10,
        23);
}

TEST_CASE("format date-time is checked where the schema says it, and located") {
  const std::string restore =
      "  restore:\n"
      "    point_in_time:\n"
      "      source_cluster_identifier: old\n"
      "      restore_to_time: ";
  CHECK(validate(kValid + restore + "2024-05-01T12:00:00Z\n").items().empty());
  const auto d = only(validate(kValid + restore + "2027-02-29T12:00:00Z\n"));
  check(d, "schema.format", "restore_to_time must be a valid date-time", 19, 24);
  // A string of that form elsewhere is only a string.
  CHECK(
      validate(replace(kValid, "orders\n", "orders\n  tags: {when: yesterday}\n")).items().empty());
}

TEST_CASE("metadata.name refuses '--' and a trailing '-'") {
  check(only(validate(replace(kValid, "name: orders", "name: or--ders"))), "schema.not",
        "metadata.name 'or--ders' must not contain '--' nor end with '-'", 4, 9);
  check(only(validate(replace(kValid, "name: orders", "name: orders-"))), "schema.not", "'orders-'",
        4, 9);
}

TEST_CASE("minimum and maximum") {
  check(only(validate(std::string(kValid) + "  port: 80\n")), "schema.minimum",
        "spec.port must be at least 1150 (got 80)", 16, 9);
  check(only(validate(std::string(kValid) + "  port: 70000\n")), "schema.maximum",
        "spec.port must be at most 65535 (got 70000)", 16, 9);
}

TEST_CASE("serverless capacity moves in steps of 0.5") {
  const auto d = only(validate(std::string(kValid) + "  serverless_v2_scaling:\n"
                                                     "    min_capacity: 0.7\n"
                                                     "    max_capacity: 16\n"));
  check(d, "schema.multiple-of", "min_capacity must be a multiple of 0.5 (got 0.7)", 17, 19);
}

TEST_CASE("min-items and unique-items") {
  check(only(validate(replace(kValid, "      - subnet-0a1b2c3d4e5f60002\n", ""))),
        "schema.min-items", "spec.network.subnet_ids must have at least 2 items (got 1)", 13, 5);
  check(only(validate(replace(kValid, "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60001"))),
        "schema.unique-items",
        "spec.network.subnet_ids lists 'subnet-0a1b2c3d4e5f60001' more than once", 15, 9);
}

TEST_CASE("max-items") {
  const auto d = only(validate(std::string(kValid) + "    security_group_ids: [" +
                               "sg-0000000000000001, sg-0000000000000002, sg-0000000000000003, " +
                               "sg-0000000000000004, sg-0000000000000005]\n"));
  check(d, "schema.max-items", "must have at most 4 items (got 5)", 16, 5);
  const auto block = only(validate(std::string(kValid) + "    security_group_ids:\n" +
                                   "      - sg-0000000000000001\n      - sg-0000000000000002\n" +
                                   "      - sg-0000000000000003\n      - sg-0000000000000004\n" +
                                   "      - sg-0000000000000005\n"));
  check(block, "schema.max-items", "must have at most 4 items (got 5)", 16, 5);
}

TEST_CASE("max-length") {
  const auto d = only(validate(replace(kValid, "name: orders", "name: " + std::string(41, 'a'))));
  check(d, "schema.max-length", "metadata.name must have at most 40 characters (got 41)", 4, 9);
}

TEST_CASE("max-length counts characters, not bytes") {
  std::string value;
  for (int i = 0; i < 256; ++i) value += "\xC3\xA9";  // é, two bytes
  const std::string tagged =
      replace(kValid, "  name: orders\n", "  name: orders\n  tags:\n    t: ");
  CHECK(validate(replace(tagged, "t: ", "t: " + value + "\n")).items().empty());
  check(only(validate(replace(tagged, "t: ", "t: " + value + "e\n"))), "schema.max-length",
        "metadata.tags.t must have at most 256 characters (got 257)", 6, 8);
}

TEST_CASE("tags: values, count and keys") {
  const std::string tagged = replace(kValid, "  name: orders\n", "  name: orders\n  tags:\n");
  check(only(validate(tagged)), "schema.type", "metadata.tags must be a mapping (got null)", 5, 3);
  // A character outside AWS's set is tags.charset, in the check stage, which names it.
  CHECK(validate(replace(tagged, "  tags:\n", "  tags:\n    team: \"a#b\"\n")).items().empty());
  CHECK(validate(replace(tagged, "  tags:\n", "  tags:\n    \"te;am\": b\n")).items().empty());
  // The reserved aws: prefix is tags.reserved-prefix, in the check stage, whatever its case.
  CHECK(validate(replace(tagged, "  tags:\n", "  tags:\n    \"aws:team\": x\n")).items().empty());
  std::string many = "  tags:\n";
  for (int i = 0; i < 51; ++i) many += "    t" + std::to_string(i) + ": v\n";
  check(only(validate(replace(tagged, "  tags:\n", many))), "schema.max-properties",
        "metadata.tags must have at most 50 entries (got 51)", 5, 3);
}

TEST_CASE("tags accept non-ASCII letters") {
  CHECK(validate(replace(kValid, "  name: orders\n",
                         "  name: orders\n  tags:\n    \"équipe\": \"données été\"\n"))
            .items()
            .empty());
}

TEST_CASE("several errors come out in file order, each once") {
  const auto diags = validate(
      replace(replace(kValid, "aurora-postgresql", "oracle"), "vpc-0a1b2c3d4e5f60718", "vpc-1"));
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].rule == "schema.enum");
  CHECK(diags.items()[1].rule == "schema.pattern");
}

TEST_CASE("the schema is parsed once and gives the same answer every time") {
  const std::string bad = replace(kValid, "    subnet_ids:", "    subnet_id:");
  const auto first = validate(bad);
  const auto second = validate(bad);
  REQUIRE(first.items().size() == second.items().size());
  for (std::size_t i = 0; i < first.items().size(); ++i) {
    CHECK(ag::format_text(first.items()[i]) == ag::format_text(second.items()[i]));
  }
}

namespace {

// Walks every subschema, collecting where the schema breaks its own conventions.
void lint(const nlohmann::json& node, const std::string& path, std::vector<std::string>& faults) {
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      lint(node[i], path + "/" + std::to_string(i), faults);
    return;
  }
  if (!node.is_object()) return;
  // A "properties" map may itself hold a field named "type"; only a string is a keyword.
  const bool is_object_schema = node.contains("type") && node["type"] == "object";
  if (is_object_schema && !node.contains("additionalProperties")) {
    faults.push_back(path + ": object without additionalProperties");
  }
  // The schema stage checks date-times itself where it walks (properties,
  // additionalProperties, items and $ref; schema_validation.cc): one anywhere else stays with
  // valijson, which compiles a std::regex at every date-time it checks.
  if (node.contains("format") && node["format"] == "date-time") {
    for (const char* k : {"/anyOf/", "/oneOf/", "/allOf/", "/not", "/if", "/then", "/else",
                          "/propertyNames", "/patternProperties/", "/dependencies/"}) {
      if (path.find(k) != std::string::npos) faults.push_back(path + ": date-time under " + k);
    }
  }
  // pattern_match.cc reads no equivalence class or collating element ([[=a=]], [[.a.]]).
  if (node.contains("pattern") && node["pattern"].is_string()) {
    const std::string p = node["pattern"];
    if (p.find("[[=") != std::string::npos || p.find("[[.") != std::string::npos) {
      faults.push_back(path + ": pattern with an equivalence class or collating element");
    }
  }
  if (node.contains("properties")) {
    for (const auto& [name, sub] : node["properties"].items()) {
      if (!sub.contains("description")) faults.push_back(path + "/" + name + ": no description");
    }
  }
  for (const auto& [key, sub] : node.items()) lint(sub, path + "/" + key, faults);
}

}  // namespace

TEST_CASE("the schema describes every property and closes every object") {
  const auto schema = nlohmann::json::parse(ag::asset("schemas/manifest.schema.json"));
  std::vector<std::string> faults;
  lint(schema, "", faults);
  for (const auto& f : faults) UNSCOPED_INFO(f);
  CHECK(faults.empty());
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
}

namespace {

std::size_t largest_max_items(const nlohmann::json& node) {
  std::size_t largest = 0;
  if (node.is_object() && node.contains("maxItems")) largest = node["maxItems"].get<std::size_t>();
  if (node.is_structured()) {
    for (const auto& child : node) largest = std::max(largest, largest_max_items(child));
  }
  return largest;
}

}  // namespace

TEST_CASE("the validator sees one item past the schema's largest maxItems") {
  const auto schema = nlohmann::json::parse(ag::asset("schemas/manifest.schema.json"));
  CHECK(ag::kSchemaValidatedItems == largest_max_items(schema) + 1);
}
