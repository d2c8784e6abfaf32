// The policy table (data/policy.json): aurora-gen's policy rules, the secure defaults a
// manifest may turn off, and the scanner rules (checkov, trivy, cfn-nag, cfn-guard) the
// artifacts are held to, each with the requirement it makes of one kind of IR resource and
// why a default does or does not satisfy it. docs/policy.md is generated from the same file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "asset_tree.h"

namespace ag::policy {

// An aurora-gen policy rule: "policy.deletion-protection".
struct PolicyRule {
  std::string id;
  std::string title;  // what is off, for the warning
  std::string fix;    // how to keep the default, for the hint
};

// One requirement of a scanner rule on IR resources (`op` on `property`), and what a
// failure means: a manifest's opt-out of a default (`policy`), a deliberate default
// (`design`, the reason the artifacts carry), or something aurora-gen never writes
// (`guaranteed`).
struct Check {
  std::vector<std::string> kinds;
  std::vector<std::string> engines;          // empty: every engine
  std::vector<std::string> families;         // parameter-group families the check is limited to
  std::vector<std::string> families_except;  // ... or leaves out
  std::string property;
  std::string op;
  nlohmann::json value;
  nlohmann::json when;    // {property, equals}: applies only then
  nlohmann::json unless;  // {property, present}: does not apply then
  std::string policy;
  std::string design;
  std::string guaranteed;
  std::string absent = "fail";  // "pass", "fail" (as any failure), "policy" or "design"
  std::string absent_reason;
  std::vector<std::string> design_missing;  // exports_match: types left out by design
  std::string extra_reason;                 // exports_match: types beyond the rule's list
};

struct ScannerRule {
  std::string scanner;  // "checkov", "trivy", "cfn-nag", "cfn-guard" or "aurora-gen"
  std::string id;
  std::string title;
  std::vector<std::string> reads;  // output directories of the targets the scanner reads
  std::vector<Check> checks;
};

struct Table {
  std::vector<PolicyRule> rules;
  std::vector<ScannerRule> scanner_rules;
  const PolicyRule* rule(const std::string& id) const;
  std::vector<std::string> rule_ids() const;
};

// One entry of a manifest's spec.policy.exceptions, as written: the check stage validates
// them, the policy stage applies them.
struct ExceptionEntry {
  std::string pointer;  // "/spec/policy/exceptions/0"
  std::optional<std::string> rule;
  std::optional<std::string> reason;
};
std::vector<ExceptionEntry> exception_entries(const nlohmann::json& doc);

// data/policy.json, parsed once per process (throws std::runtime_error on a malformed row).
const Table& table();
Table parse_table(tree::View j);

}  // namespace ag::policy
