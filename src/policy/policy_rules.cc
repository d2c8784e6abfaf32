#include "policy/policy_rules.h"

#include <stdexcept>

#include "embedded_assets.h"

namespace ag::policy {
namespace {

using Json = nlohmann::json;

std::vector<std::string> strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key)) {
    for (const Json& s : j.at(key)) out.push_back(s.get<std::string>());
  }
  return out;
}

std::string text(const Json& j, const char* key, std::string fallback = {}) {
  return j.contains(key) ? j.at(key).get<std::string>() : fallback;
}

Check parse_check(const Json& j, const std::string& where) {
  Check c;
  c.kinds = strings(j, "kinds");
  c.engines = strings(j, "engines");
  c.families = strings(j, "families");
  c.families_except = strings(j, "families_except");
  c.property = text(j, "property");
  c.op = text(j, "op");
  c.value = j.value("value", Json());
  c.when = j.value("when", Json());
  c.unless = j.value("unless", Json());
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

Table parse_table(const Json& j) {
  Table t;
  for (const auto& [id, r] : j.at("rules").items()) {
    t.rules.push_back({id, r.at("title").get<std::string>(), r.at("fix").get<std::string>()});
  }
  for (const Json& row : j.at("scanner_rules")) {
    ScannerRule s{row.at("scanner").get<std::string>(),
                  row.at("id").get<std::string>(),
                  row.at("title").get<std::string>(),
                  strings(row, "reads"),
                  {}};
    for (const Json& c : row.at("checks")) {
      s.checks.push_back(parse_check(c, s.scanner + " " + s.id));
      const std::string& p = s.checks.back().policy;
      if (p.rfind("policy.", 0) == 0 && t.rule(p) == nullptr) {
        throw std::runtime_error("data/policy.json: " + s.id + " names unknown rule " + p);
      }
    }
    t.scanner_rules.push_back(std::move(s));
  }
  return t;
}

const Table& table() {
  static const Table t = parse_table(Json::parse(asset("data/policy.json")));
  return t;
}

}  // namespace ag::policy
