#include "plan/update_table.h"

#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "embedded_assets.h"

namespace ag::plan {
namespace {

Action parse_action(const std::string& s, const std::string& where) {
  if (s == "update") return Action::Update;
  if (s == "interrupt") return Action::Interrupt;
  if (s == "replace") return Action::Replace;
  throw std::runtime_error("update-behaviour.yaml: " + where + ": unknown action '" + s + "'");
}

// One property's row: an action for every target, or a map by target whose missing pulumi
// column follows terraform's (the Pulumi provider is bridged from Terraform's).
std::array<Behaviour, 3> parse_row(const YAML::Node& n, const std::string& where) {
  std::array<Behaviour, 3> row;
  if (n.IsScalar()) {
    row.fill({parse_action(n.as<std::string>(), where), ""});
    return row;
  }
  if (!n.IsMap()) throw std::runtime_error("update-behaviour.yaml: " + where + ": not a map");
  const std::string note = n["note"] ? n["note"].as<std::string>() : "";
  const bool computed = n["computed"] && n["computed"].as<bool>();
  const Action all =
      n["action"] ? parse_action(n["action"].as<std::string>(), where) : Action::Update;
  const auto column = [&](const char* key, Action fallback) {
    return n[key] ? parse_action(n[key].as<std::string>(), where) : fallback;
  };
  const Action terraform = column("terraform", all);
  row[static_cast<std::size_t>(Target::CloudFormation)] = {column("cfn", all), note, false};
  row[static_cast<std::size_t>(Target::Terraform)] = {terraform, note, computed};
  row[static_cast<std::size_t>(Target::Pulumi)] = {column("pulumi", terraform), note, computed};
  return row;
}

}  // namespace

std::string_view action_name(Action a) {
  switch (a) {
    case Action::None:
      return "none";
    case Action::Update:
      return "update";
    case Action::Interrupt:
      return "interrupt";
    case Action::Create:
      return "create";
    case Action::Replace:
      return "replace";
    case Action::Delete:
      return "delete";
  }
  throw std::logic_error("unknown plan action");
}

UpdateTable UpdateTable::parse(std::string_view yaml) {
  UpdateTable t;
  const YAML::Node root = YAML::Load(std::string(yaml));
  for (const auto& kind : root) {
    const std::string name = kind.first.as<std::string>();
    Kind k;
    k.stateful = kind.second["stateful"] && kind.second["stateful"].as<bool>();
    for (const auto& prop : kind.second["properties"]) {
      const std::string p = prop.first.as<std::string>();
      k.properties[p] = parse_row(prop.second, name + "." + p);
    }
    t.kinds_[name] = std::move(k);
  }
  return t;
}

const UpdateTable& UpdateTable::builtin() {
  static const UpdateTable table = parse(asset("templates/update-behaviour.yaml"));
  return table;
}

bool UpdateTable::stateful(const std::string& kind) const {
  auto it = kinds_.find(kind);
  return it != kinds_.end() && it->second.stateful;
}

Behaviour UpdateTable::behaviour(const std::string& kind, const std::string& property,
                                 Target t) const {
  auto k = kinds_.find(kind);
  if (k == kinds_.end()) return {};
  auto p = k->second.properties.find(property);
  if (p == k->second.properties.end()) return {};
  return p->second[static_cast<std::size_t>(t)];
}

std::map<std::string, std::array<Behaviour, 3>> UpdateTable::properties(
    const std::string& kind) const {
  auto k = kinds_.find(kind);
  return k == kinds_.end() ? std::map<std::string, std::array<Behaviour, 3>>{}
                           : k->second.properties;
}

}  // namespace ag::plan
