#include "policy/policy_rules.h"

#include <stdexcept>

#include "embedded_assets.h"
#include "tree_parse.h"

namespace ag::policy {
namespace {

std::vector<std::string> strings(tree::View j, std::string_view key) {
  std::vector<std::string> out;
  const tree::View list = j.find(key);
  if (!list.is_list()) return out;
  for (tree::Entry e : list.items()) out.push_back(e.value.str());
  return out;
}

std::string text(tree::View j, std::string_view key, std::string fallback = {}) {
  const tree::View v = j.find(key);
  return v.is_string() ? v.str() : fallback;
}

// The few values a check compares with stay JSON: the evaluator compares IR literals with
// them as JSON.
nlohmann::json json_of(tree::View j, std::string_view key) {
  return j.contains(key) ? tree::to_json(j.at(key)) : nlohmann::json();
}

Check parse_check(tree::View j, const std::string& where) {
  Check c;
  c.kinds = strings(j, "kinds");
  c.engines = strings(j, "engines");
  c.families = strings(j, "families");
  c.families_except = strings(j, "families_except");
  c.property = text(j, "property");
  c.op = text(j, "op");
  c.value = json_of(j, "value");
  c.when = json_of(j, "when");
  c.unless = json_of(j, "unless");
  c.policy = text(j, "policy");
  c.design = text(j, "design");
  c.guaranteed = text(j, "guaranteed");
  c.absent = text(j, "absent", "fail");
  c.absent_reason = text(j, "absent_reason");
  c.design_missing = strings(j, "design_missing");
  c.extra_reason = text(j, "extra_reason");
  // A failure must mean something: an opt-out, a deliberate default, or a broken promise.
  if (c.kinds.empty() || c.property.empty() || c.op.empty() ||
      (c.policy.empty() && c.design.empty() && c.guaranteed.empty() && c.absent != "design")) {
    throw std::runtime_error("data/policy.json: incomplete check in " + where);
  }
  if (c.absent == "design" && c.absent_reason.empty()) {
    throw std::runtime_error("data/policy.json: absent: design without absent_reason in " + where);
  }
  return c;
}

}  // namespace

const PolicyRule* Table::rule(const std::string& id) const {
  for (const PolicyRule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<std::string> Table::rule_ids() const {
  std::vector<std::string> ids;
  for (const PolicyRule& r : rules) ids.push_back(r.id);
  return ids;
}

Table parse_table(tree::View j) {
  Table t;
  for (auto [id, r] : j.at("rules").members()) {
    t.rules.push_back({std::string(id), r.at("title").str(), r.at("fix").str()});
  }
  for (tree::Entry row : j.at("scanner_rules").items()) {
    const tree::View v = row.value;
    ScannerRule s{
        v.at("scanner").str(), v.at("id").str(), v.at("title").str(), strings(v, "reads"), {}};
    for (tree::Entry c : v.at("checks").items()) {
      s.checks.push_back(parse_check(c.value, s.scanner + " " + s.id));
      const std::string& p = s.checks.back().policy;
      if (p.rfind("policy.", 0) == 0 && t.rule(p) == nullptr) {
        throw std::runtime_error("data/policy.json: " + s.id + " names unknown rule " + p);
      }
    }
    t.scanner_rules.push_back(std::move(s));
  }
  return t;
}

std::vector<ExceptionEntry> exception_entries(const nlohmann::json& doc) {
  static const nlohmann::json::json_pointer kList("/spec/policy/exceptions");
  std::vector<ExceptionEntry> out;
  if (!doc.contains(kList) || !doc.at(kList).is_array()) return out;
  const nlohmann::json& list = doc.at(kList);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const nlohmann::json& e = list[i];
    ExceptionEntry entry{"/spec/policy/exceptions/" + std::to_string(i), {}, {}};
    for (auto [field, into] :
         {std::pair{"rule", &entry.rule}, std::pair{"reason", &entry.reason}}) {
      if (e.is_object() && e.contains(field) && e[field].is_string()) {
        *into = e[field].get<std::string>();
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

// Built from the compiled asset tree: parsing the JSON text on every call cost more than
// judging a manifest.
const Table& table() {
  static const Table t = parse_table(asset_tree("data/policy.json"));
  return t;
}

}  // namespace ag::policy
