#include "pipeline.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace {

// A valid AuroraCluster whose windows overlap (windows.overlap, a check-stage rule); tests
// add schema mistakes to it.
const char* const kOverlap =
    "apiVersion: aurora-gen/v1\n"
    "kind: AuroraCluster\n"
    "metadata:\n"
    "  name: orders\n"
    "spec:\n"
    "  engine: aurora-postgresql\n"
    "  engine_version: \"16.6\"\n"
    "  instances:\n"
    "    writer:\n"
    "      instance_class: db.r6g.large\n"
    "  backup:\n"
    "    preferred_window: \"03:00-04:00\"\n"
    "  maintenance:\n"
    "    preferred_window: \"sun:03:30-sun:04:30\"\n"
    "  network:\n"
    "    vpc_id: vpc-0a1b2c3d4e5f60718\n"
    "    subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]\n"
    "    allowed_cidr_blocks: [10.0.0.0/16]\n";

std::vector<std::string> rules(const std::string& text) {
  ag::Diagnostics diags;
  CHECK_FALSE(ag::compile("m.yaml", text, diags, false));
  std::vector<std::string> out;
  for (const ag::Diagnostic& d : diags.items()) {
    UNSCOPED_INFO(ag::format_text(d));
    out.push_back(d.rule);
  }
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

using Rules = std::vector<std::string>;

}  // namespace

TEST_CASE("the check stage runs alongside schema errors the rest of the manifest survives") {
  CHECK(rules(kOverlap) == Rules{"windows.overlap"});
  // Unknown fields and a wrong value are taken out; the windows still overlap.
  const std::string text =
      replaced(replaced(kOverlap, "  instances:\n", "  backup_retention_period: 7\n  instances:\n"),
               "  name: orders\n", "  name: orders\n  environment: Prod\n");
  CHECK(rules(text) == Rules{"schema.pattern", "schema.additional-property", "windows.overlap"});
}

TEST_CASE("a finding that only says a refused node is missing is left out") {
  // Without the refused instance_class the writer has none (instances.instance-class-required).
  CHECK(rules(replaced(kOverlap, "instance_class: db.r6g.large", "instance_class: 5")) ==
        Rules{"schema.type", "windows.overlap"});
  CHECK(rules(replaced(kOverlap, "instance_class: db.r6g.large", "instance_type: db.r6g.large")) ==
        Rules{"schema.additional-property", "windows.overlap"});
}

TEST_CASE("the check stage waits where the document does not allow it") {
  // A missing field cannot be taken out; an item cannot leave its list without renumbering.
  CHECK(rules(replaced(kOverlap, "  engine: aurora-postgresql\n", "")) == Rules{"schema.required"});
  CHECK(rules(replaced(kOverlap, "subnet-0a1b2c3d4e5f60002]", "subnet-1]")) ==
        Rules{"schema.pattern"});
  // Nor when the load stage failed.
  CHECK(rules(replaced(kOverlap, "  name: orders\n", "  name: orders\n   region: x\n")) ==
        Rules{"load.syntax"});
}
