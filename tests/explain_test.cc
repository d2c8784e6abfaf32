#include "explain.h"

#include <string>

#include <catch2/catch.hpp>

#include "test_support.h"

namespace {

std::string explained(const std::string& text) {
  return ag::explain(ag::test::compile_text(text, "db.yaml").graph, "db.yaml");
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("explain names the manifest field behind each property, or the default it holds") {
  const std::string manifest = ag::test::read_repo_file("examples/minimal.yaml");
  const std::string text = explained(manifest);
  CHECK(text.starts_with("# db.yaml: what aurora-gen creates.\n"));
  CHECK(has_line(text, "  reader_1:  # from spec.instances.readers.count"));
  CHECK(has_line(text, "      engine_version: \"15.15\"  # spec.engine_version"));
  CHECK(
      has_line(text, "      backup_retention_period: 7  # default: spec.backup.retention_period"));
  CHECK(has_line(text, "      port: 5432  # default: spec.port"));
  // A reader's class is the writer's unless the readers name their own.
  CHECK(has_line(
      text,
      "      instance_class: \"db.r6g.large\"  # default: spec.instances.readers.instance_class"));
  // Set in the manifest, the same property names its field instead.
  const std::string set = explained(manifest + "  backup:\n    retention_period: 14\n");
  CHECK(has_line(set, "      backup_retention_period: 14  # spec.backup.retention_period"));
  // What aurora-gen adds to is not a default of the field that adds more.
  CHECK(has_line(text, "      tags:"));
  CHECK(text.find("default: metadata.tags") == std::string::npos);
  CHECK(text.find("default: spec.network.security_group_ids") == std::string::npos);
}

TEST_CASE("explain as JSON holds the same, with references as objects") {
  const auto c = ag::test::compile_text(ag::test::read_repo_file("examples/minimal.yaml"));
  const nlohmann::ordered_json j = ag::explain_json(c.graph, "db.yaml");
  CHECK(j["manifest"] == "db.yaml");
  CHECK(j["name"] == "paas-postgres");
  CHECK(j["region"].is_null());
  const nlohmann::ordered_json* cluster = nullptr;
  for (const auto& r : j["resources"]) {
    if (r["name"] == "cluster") cluster = &r;
  }
  REQUIRE(cluster != nullptr);
  CHECK((*cluster)["kind"] == "rds_cluster");
  CHECK((*cluster)["from"] == "metadata.name");
  CHECK((*cluster)["properties"]["db_subnet_group_name"] ==
        nlohmann::ordered_json{{"ref", "subnet_group.name"}});
  CHECK((*cluster)["sources"]["engine_version"] == "spec.engine_version");
  CHECK((*cluster)["defaults"]["backup_retention_period"] == "spec.backup.retention_period");
  CHECK_FALSE((*cluster)["sources"].contains("backup_retention_period"));
  CHECK(j["outputs"][0]["name"] == "cluster_endpoint");
  CHECK(j["outputs"][0]["value"] == nlohmann::ordered_json{{"ref", "cluster.endpoint"}});
}
