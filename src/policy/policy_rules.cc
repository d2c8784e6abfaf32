#include "policy/policy_rules.h"

#include <stdexcept>

#include "embedded_assets.h"
#include "tree_parse.h"

namespace ag::policy {
namespace {

std::vector<std::string> strings(tree::View list) {
  std::vector<std::string> out;
  if (!list.is_list()) return out;
  for (tree::Entry e : list.items()) out.push_back(e.value.str());
  return out;
}

// A check's fields by their keys in data/policy.json.
constexpr std::pair<std::string_view, std::string Check::*> kTextFields[] = {
    {"property", &Check::property},
    {"op", &Check::op},
    {"policy", &Check::policy},
    {"design", &Check::design},
    {"guaranteed", &Check::guaranteed},
    {"absent", &Check::absent},
    {"absent_reason", &Check::absent_reason},
    {"extra_reason", &Check::extra_reason},
};
constexpr std::pair<std::string_view, std::vector<std::string> Check::*> kListFields[] = {
    {"kinds", &Check::kinds},
    {"engines", &Check::engines},
    {"families", &Check::families},
    {"families_except", &Check::families_except},
    {"design_missing", &Check::design_missing},
};
// The few values a check compares with stay JSON: the evaluator compares IR literals with
// them as JSON.
constexpr std::pair<std::string_view, nlohmann::json Check::*> kJsonFields[] = {
    {"value", &Check::value},
    {"when", &Check::when},
    {"unless", &Check::unless},
};

// Sets the field `key` names from `value`, if it is one of `fields`.
template <class Field, std::size_t N, class Read>
bool set_field(Check& c, std::string_view key,
               const std::pair<std::string_view, Field> (&fields)[N], Read read) {
  for (const auto& [name, field] : fields) {
    if (name != key) continue;
    read(c.*field);
    return true;
  }
  return false;
}

// One pass over the row's members. A lookup per field walked the row sixteen times for its
// five fields or so: the table took a sixth of the instructions of rendering one manifest.
// An unknown field is a typo in the data, refused like an incomplete check.
Check parse_check(tree::View j, const std::string& where) {
  Check c;
  for (auto [key, value] : j.members()) {
    const auto text = [&](std::string& s) {
      if (value.is_string()) s = value.str();
    };
    const auto list = [&](std::vector<std::string>& l) { l = strings(value); };
    const auto json = [&](nlohmann::json& v) { v = tree::to_json(value); };
    if (!set_field(c, key, kTextFields, text) && !set_field(c, key, kListFields, list) &&
        !set_field(c, key, kJsonFields, json)) {
      throw std::runtime_error("data/policy.json: unknown field " + std::string(key) + " in " +
                               where);
    }
  }
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
        v.at("scanner").str(), v.at("id").str(), v.at("title").str(), strings(v.find("reads")), {}};
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
