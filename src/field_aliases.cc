#include "field_aliases.h"

#include <cctype>
#include <map>
#include <vector>

#include "embedded_assets.h"

namespace ag {
namespace {

struct Target {
  std::string path;
  std::string note;
};

struct Row {
  std::vector<std::string> terraform, cloudformation, pulumi, other;
  std::map<std::string, Target, std::less<>> by_kind;  // "" for both kinds
};

std::vector<std::string> strings(tree::View list) {
  std::vector<std::string> out;
  if (!list.is_list()) return out;
  for (const tree::Entry e : list.items()) out.push_back(e.value.str());
  return out;
}

Target target_of(tree::View v) {
  const tree::View path = v.find("path");
  const tree::View note = v.find("note");
  return {path.is_string() ? path.str() : "", note.is_string() ? note.str() : ""};
}

// Pulumi's AWS provider spells Terraform's argument names in camelCase.
std::string camel_case(std::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

Row row_of(tree::View v) {
  Row r{strings(v.find("terraform")),
        strings(v.find("cloudformation")),
        strings(v.find("pulumi")),
        strings(v.find("other")),
        {}};
  if (r.pulumi.empty()) {
    for (const std::string& t : r.terraform) r.pulumi.push_back(camel_case(t));
  }
  if (v.contains("path") || v.contains("note")) r.by_kind[""] = target_of(v);
  for (const char* kind : {"AuroraCluster", "RdsInstance"}) {
    if (v.contains(kind)) r.by_kind[kind] = target_of(v.at(kind));
  }
  return r;
}

struct Table {
  std::vector<Row> rows;
  std::map<std::string, std::size_t, std::less<>> by_name;  // normalized name -> row
};

Table load() {
  Table t;
  for (const tree::Entry e : asset_tree("data/aliases.json").at("aliases").items()) {
    t.rows.push_back(row_of(e.value));
    const Row& r = t.rows.back();
    for (const auto* names : {&r.terraform, &r.cloudformation, &r.pulumi, &r.other}) {
      for (const std::string& n : *names)
        t.by_name.emplace(normalized_field_name(n), t.rows.size() - 1);
    }
  }
  return t;
}

const Table& table() {
  static const Table t = load();
  return t;
}

bool has(const std::vector<std::string>& names, std::string_view key) {
  for (const std::string& n : names) {
    if (n == key) return true;
  }
  return false;
}

// "Terraform", "CloudFormation", "Terraform and Pulumi": whose spelling `key` is exactly.
std::string owner(const Row& r, std::string_view key) {
  std::vector<std::string> tools;
  if (has(r.terraform, key)) tools.push_back("Terraform");
  if (has(r.cloudformation, key)) tools.push_back("CloudFormation");
  if (has(r.pulumi, key)) tools.push_back("Pulumi");
  std::string out;
  for (std::size_t i = 0; i < tools.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == tools.size() ? " and " : ", ") + tools[i];
  }
  return out;
}

}  // namespace

std::string normalized_field_name(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '_' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<FieldAlias> find_field_alias(std::string_view key, std::string_view kind) {
  const Table& t = table();
  auto it = t.by_name.find(normalized_field_name(key));
  if (it == t.by_name.end()) return std::nullopt;
  const Row& r = t.rows[it->second];
  auto target = r.by_kind.find(kind == "RdsInstance" ? "RdsInstance" : "AuroraCluster");
  if (target == r.by_kind.end()) target = r.by_kind.find("");
  if (target == r.by_kind.end()) return std::nullopt;
  return FieldAlias{target->second.path, target->second.note, owner(r, key)};
}

}  // namespace ag
