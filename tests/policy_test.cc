// The policy stage: a manifest's opt-out of a secure default is a policy.* warning at its
// line with the scanner ids it trips; an exception the manifest records suppresses the
// warning and puts the scanners' own suppressions, with its reason, on the failing
// resources; a deliberate default is suppressed with the table's reason; what passes is
// never suppressed.
#include <catch2/catch.hpp>

#include <algorithm>

#include "policy/policy_eval.h"
#include "policy/policy_rules.h"
#include "render.h"
#include "test_support.h"
#include "tree_parse.h"

using namespace ag;

namespace {

// An Aurora PostgreSQL example that states only what it needs; each test appends to its spec.
const std::string kCluster = test::read_repo_file("examples/custom-endpoints.yaml");
// The line of the first appended line.
const int kFirst = static_cast<int>(std::count(kCluster.begin(), kCluster.end(), '\n')) + 1;

struct Run {
  std::optional<Compiled> compiled;
  Diagnostics diags;
};

Run run(const std::string& extra) {
  Run r;
  r.compiled = compile("pol.yaml", kCluster + extra, r.diags);
  return r;
}

const Diagnostic* find(const Diagnostics& ds, const std::string& rule) {
  for (const Diagnostic& d : ds.items()) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

bool has(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

const ir::Suppression* suppression(const ir::Graph& g, const std::string& resource,
                                   const std::string& id) {
  const ir::Resource* r = g.find(resource);
  REQUIRE(r != nullptr);
  for (const ir::Suppression& s : r->suppressions) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a default manifest trips no policy rule; deliberate defaults carry their reason") {
  const Run r = run("");
  REQUIRE(r.compiled);
  for (const Diagnostic& d : r.diags.items()) CHECK(d.rule.rfind("policy.", 0) != 0);
  const ir::Graph& g = r.compiled->graph;
  // No customer managed key: checkov's CKV_AWS_327, for Terraform only (what checkov reads).
  const ir::Suppression* cmk = suppression(g, "cluster", "CKV_AWS_327");
  REQUIRE(cmk != nullptr);
  CHECK(cmk->scanner == "checkov");
  CHECK(cmk->targets == std::vector<std::string>{"terraform"});
  CHECK(cmk->reason.find("AWS managed key") != std::string::npos);
  // What the defaults satisfy is never suppressed.
  CHECK(suppression(g, "cluster", "CKV_AWS_139") == nullptr);
  CHECK(suppression(g, "cluster", "rds_cluster_iam_authentication_enabled_check") == nullptr);
  CHECK(suppression(g, "writer", "CKV_AWS_118") == nullptr);
}

TEST_CASE("an opt-out warns at its line with the scanner ids it trips") {
  const Run r = run("  deletion_protection: false\n");
  REQUIRE(r.compiled);
  const Diagnostic* d = find(r.diags, "policy.deletion-protection");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->loc.line == kFirst);
  CHECK(d->loc.col == 24);
  CHECK(d->suppressed.empty());
  CHECK(has(d->tags, "CKV_AWS_139"));
  CHECK(has(d->tags, "AVD-AWS-0343"));
  CHECK(has(d->tags, "rds_cluster_deletion_protection_enabled_check"));
  CHECK(d->message.find("checkov CKV_AWS_139") != std::string::npos);
  CHECK(r.diags.has_warnings());
  // Not excepted: the scanners are to report it, so nothing suppresses it.
  CHECK(suppression(r.compiled->graph, "cluster", "CKV_AWS_139") == nullptr);
}

TEST_CASE("an exception suppresses the warning and writes the scanners' suppressions") {
  const Run r = run(
      "  deletion_protection: false\n"
      "  policy:\n    exceptions:\n"
      "      - rule: policy.deletion-protection\n        reason: \"Scratch copy for a demo\"\n");
  REQUIRE(r.compiled);
  const Diagnostic* d = find(r.diags, "policy.deletion-protection");
  REQUIRE(d != nullptr);
  CHECK(d->suppressed == "Scratch copy for a demo");
  CHECK_FALSE(r.diags.has_warnings());
  const ir::Graph& g = r.compiled->graph;
  for (const char* id :
       {"CKV_AWS_139", "AVD-AWS-0343", "rds_cluster_deletion_protection_enabled_check"}) {
    const ir::Suppression* s = suppression(g, "cluster", id);
    REQUIRE(s != nullptr);
    CHECK(s->reason == "Scratch copy for a demo");
  }
  // ... which each target writes the scanner's way.
  const std::string tf = render(g, Target::Terraform).front().content;
  CHECK(tf.find("#checkov:skip=CKV_AWS_139:Scratch copy for a demo\n") != std::string::npos);
  CHECK(tf.find(" trivy:ignore:AVD-AWS-0343\nresource \"aws_rds_cluster\"") != std::string::npos);
  const std::string cfn = render(g, Target::CloudFormation).front().content;
  CHECK(cfn.find("- \"rds_cluster_deletion_protection_enabled_check\"") != std::string::npos);
  CHECK(cfn.find("# trivy:ignore:AVD-AWS-0079 trivy:ignore:AVD-AWS-0343") != std::string::npos);
}

TEST_CASE("TLS turned off points at the parameter's value") {
  const Run r =
      run("  parameters:\n    cluster:\n      - name: rds.force_ssl\n        value: \"0\"\n");
  REQUIRE(r.compiled);
  const Diagnostic* d = find(r.diags, "policy.tls");
  REQUIRE(d != nullptr);
  CHECK(d->loc.line == kFirst + 3);
  CHECK(has(d->tags, "rds_db_cluster_parameter_group_tls_check"));
}

TEST_CASE("exceptions name known rules, once, with a one-line reason") {
  Run r =
      run("  policy:\n    exceptions:\n"
          "      - rule: policy.final-snapshots\n        reason: \"Rebuilt every night\"\n");
  CHECK_FALSE(r.compiled);
  const Diagnostic* unknown = find(r.diags, "policy.unknown-rule");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->hint == "did you mean policy.final-snapshot?");

  r =
      run("  policy:\n    exceptions:\n"
          "      - rule: policy.tls\n        reason: \"Rebuilt every night\"\n"
          "      - rule: policy.tls\n        reason: \"Rebuilt every night\"\n");
  CHECK(find(r.diags, "policy.duplicate-exception") != nullptr);

  r =
      run("  policy:\n    exceptions:\n"
          "      - rule: policy.tls\n        reason: \"two\\nlines of reason\"\n");
  CHECK(find(r.diags, "policy.exception-reason") != nullptr);

  // An exception for a default the manifest keeps is a warning: it would hide a later change.
  r =
      run("  policy:\n    exceptions:\n"
          "      - rule: policy.final-snapshot\n        reason: \"Rebuilt every night\"\n");
  REQUIRE(r.compiled);
  const Diagnostic* unused = find(r.diags, "policy.unused-exception");
  REQUIRE(unused != nullptr);
  CHECK(unused->loc.line == kFirst + 2);
}

TEST_CASE("SARIF carries the scanner ids as tags and an exception as a suppression") {
  const Run r =
      run("  deletion_protection: false\n  backup:\n    skip_final_snapshot: true\n"
          "  policy:\n    exceptions:\n"
          "      - rule: policy.final-snapshot\n        reason: \"Scratch copy for a demo\"\n");
  const auto sarif = nlohmann::json::parse(format_sarif(r.diags.items()));
  int tagged = 0, suppressed = 0;
  for (const auto& result : sarif["runs"][0]["results"]) {
    if (result["ruleId"] == "policy.deletion-protection") {
      CHECK(result["properties"]["tags"].size() >= 3);
      CHECK_FALSE(result.contains("suppressions"));
      ++tagged;
    }
    if (result["ruleId"] == "policy.final-snapshot") {
      CHECK(result["suppressions"][0]["kind"] == "inSource");
      CHECK(result["suppressions"][0]["justification"] == "Scratch copy for a demo");
      ++suppressed;
    }
  }
  CHECK(tagged == 1);
  CHECK(suppressed == 1);
}

TEST_CASE("a guarantee that fails is a bug, not a warning") {
  policy::Check c;
  c.kinds = {"kms_key"};
  c.property = "enable_key_rotation";
  c.op = "equals";
  c.value = true;
  c.guaranteed = "every key rotates";
  ir::Graph g;
  g.resources.push_back({"kms_key", "kms_key", {{"enable_key_rotation", false}}, {}});
  CHECK_THROWS_AS(policy::evaluate(c, g.resources[0], g), std::logic_error);
  g.resources[0].props = {{"enable_key_rotation", true}};
  const auto v = policy::evaluate(c, g.resources[0], g);
  REQUIRE(v);
  CHECK(v->kind == policy::Verdict::Kind::Pass);
}

TEST_CASE("every check of the table names what its failure means") {
  const policy::Table& t = policy::table();
  CHECK(t.rules.size() >= 15);
  CHECK(t.scanner_rules.size() >= 80);
  for (const policy::ScannerRule& s : t.scanner_rules) {
    for (const policy::Check& c : s.checks) {
      INFO(s.scanner << " " << s.id);
      CHECK((!c.policy.empty() || !c.design.empty() || !c.guaranteed.empty() ||
             c.absent == "design"));
    }
  }
}

TEST_CASE("the table parser reads every field of a check and refuses an unknown one") {
  nlohmann::json table = nlohmann::json::parse(R"({
    "rules": {"policy.x": {"title": "x is off", "fix": "turn x on"}},
    "scanner_rules": [{
      "scanner": "checkov", "id": "CKV_X", "title": "x", "reads": ["terraform"],
      "checks": [{
        "kinds": ["db_cluster"], "engines": ["aurora-mysql"], "property": "x", "op": "equals",
        "value": true, "policy": "policy.x", "absent": "design",
        "absent_reason": "x is absent on purpose"
      }]
    }]
  })");
  const std::string tree = tree::from_json(table.dump());
  const policy::Table t = policy::parse_table(tree::View(tree));
  REQUIRE(t.scanner_rules.size() == 1);
  REQUIRE(t.scanner_rules[0].checks.size() == 1);
  const policy::Check& c = t.scanner_rules[0].checks[0];
  CHECK(c.kinds == std::vector<std::string>{"db_cluster"});
  CHECK(c.engines == std::vector<std::string>{"aurora-mysql"});
  CHECK(c.property == "x");
  CHECK(c.op == "equals");
  CHECK(c.value == true);
  CHECK(c.policy == "policy.x");
  CHECK(c.absent == "design");
  CHECK(c.absent_reason == "x is absent on purpose");
  CHECK(c.when.is_null());

  table["scanner_rules"][0]["checks"][0]["propety"] = "y";
  const std::string typo = tree::from_json(table.dump());
  CHECK_THROWS_WITH(policy::parse_table(tree::View(typo)),
                    Catch::Contains("unknown field propety in checkov CKV_X"));
}
