#include "policy/policy_eval.h"

#include <algorithm>
#include <stdexcept>

namespace ag::policy {
namespace {

using Json = nlohmann::json;

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The database's engine: every resource of a graph serves one database.
std::string engine_of(const ir::Graph& g) {
  for (const ir::Resource& r : g.resources) {
    if (r.kind != "rds_cluster" && r.kind != "db_instance") continue;
    if (const ir::Value* e = ir::find(r.props, "engine"); e && e->is<std::string>()) {
      return e->as<std::string>();
    }
  }
  return {};
}

// A literal as JSON (strings, numbers, bools); anything else (a reference, a secret field, an
// assembled string) is null.
Json literal(const ir::Value& v) {
  if (v.is<bool>()) return v.as<bool>();
  if (v.is<std::int64_t>()) return v.as<std::int64_t>();
  if (v.is<double>()) return v.as<double>();
  if (v.is<std::string>()) return v.as<std::string>();
  return nullptr;
}

// The parameter group a property designates: the group itself, or the one a reference
// (db_parameter_group_name) names; nullptr for a group the manifest names by name only.
const ir::Resource* parameter_group(const ir::Resource& r, const ir::Value* v, const ir::Graph& g) {
  if (r.kind == "cluster_parameter_group" || r.kind == "db_parameter_group") return &r;
  if (v == nullptr || !v->is<ir::Ref>()) return nullptr;
  return g.find(v->as<ir::Ref>().resource);
}

std::string family_of(const ir::Resource* group) {
  if (group == nullptr) return {};
  const ir::Value* f = ir::find(group->props, "family");
  return f && f->is<std::string>() ? f->as<std::string>() : std::string();
}

// name → value of a group's parameters, and each one's position.
const ir::Map* parameter_named(const ir::Resource& group, const std::string& name,
                               std::size_t& at) {
  const ir::Value* list = ir::find(group.props, "parameters");
  if (list == nullptr || !list->is<ir::List>()) return nullptr;
  for (std::size_t i = 0; i < list->as<ir::List>().size(); ++i) {
    const ir::Value& p = list->as<ir::List>()[i];
    const ir::Value* n = p.is<ir::Map>() ? ir::find(p.as<ir::Map>(), "name") : nullptr;
    if (n && n->is<std::string>() && n->as<std::string>() == name) {
      at = i;
      return &p.as<ir::Map>();
    }
  }
  return nullptr;
}

// The JSON document of a policy property (kms_key.policy), as IR values.
const ir::List* statements(const ir::Value* v) {
  if (v == nullptr || !v->is<ir::Json>()) return nullptr;
  const ir::Value& doc = *v->as<ir::Json>().doc;
  const ir::Value* s = doc.is<ir::Map>() ? ir::find(doc.as<ir::Map>(), "Statement") : nullptr;
  return s && s->is<ir::List>() ? &s->as<ir::List>() : nullptr;
}

bool wildcard(const ir::Value* principal) {
  if (principal == nullptr) return false;
  if (principal->is<std::string>()) return principal->as<std::string>() == "*";
  if (principal->is<ir::Map>()) return wildcard(ir::find(principal->as<ir::Map>(), "AWS"));
  if (principal->is<ir::List>()) {
    const ir::List& l = principal->as<ir::List>();
    return std::any_of(l.begin(), l.end(), [](const ir::Value& p) { return wildcard(&p); });
  }
  return false;
}

Verdict failure(const Check& c) {
  if (!c.policy.empty()) return {Verdict::Kind::Policy, c.policy, {}, {}};
  if (!c.design.empty()) return {Verdict::Kind::Design, {}, c.design, {}};
  throw std::logic_error("policy: a guaranteed requirement failed (" + c.property + ", " + c.op +
                         "): " + c.guaranteed);
}

Verdict on_absent(const Check& c) {
  if (c.absent == "pass") return {};
  if (c.absent == "design") return {Verdict::Kind::Design, {}, c.absent_reason, {}};
  if (c.absent == "policy") return {Verdict::Kind::Policy, c.policy, {}, {}};
  return failure(c);
}

// Whether a check of r's kind applies to r.
bool applies(const Check& c, const ir::Resource& r, const ir::Graph& g, const ir::Resource* group) {
  if (!c.engines.empty() && !contains(c.engines, engine_of(g))) return false;
  const std::string family = family_of(group);
  if (!c.families.empty() && !contains(c.families, family)) return false;
  if (contains(c.families_except, family)) return false;
  if (c.when.is_object()) {
    const ir::Value* v = ir::find(r.props, c.when.at("property").get<std::string>());
    if (v == nullptr || literal(*v) != c.when.at("equals")) return false;
  }
  if (c.unless.is_object()) {
    const ir::Value* v = ir::find(r.props, c.unless.at("property").get<std::string>());
    if (v != nullptr) return false;
  }
  return true;
}

bool empty_value(const ir::Value& v) {
  if (v.is<std::nullptr_t>()) return true;
  if (v.is<std::string>()) return v.as<std::string>().empty();
  if (v.is<ir::List>()) return v.as<ir::List>().empty();
  return false;
}

std::vector<std::string> string_list(const ir::Value& v) {
  std::vector<std::string> out;
  if (!v.is<ir::List>()) return out;
  for (const ir::Value& s : v.as<ir::List>()) {
    if (s.is<std::string>()) out.push_back(s.as<std::string>());
  }
  return out;
}

Verdict exports_match(const Check& c, const ir::Value& v, const std::string& engine) {
  if (!c.value.contains(engine)) return {};
  const std::vector<std::string> have = string_list(v);
  std::vector<std::string> missing, extra;
  for (const Json& t : c.value.at(engine)) {
    if (!contains(have, t.get<std::string>())) missing.push_back(t.get<std::string>());
  }
  const Json& listed = c.value.at(engine);
  for (const std::string& t : have) {
    if (std::find(listed.begin(), listed.end(), Json(t)) == listed.end()) extra.push_back(t);
  }
  const bool chosen = std::all_of(missing.begin(), missing.end(), [&](const std::string& t) {
    return contains(c.design_missing, t);
  });
  if (!chosen) return {Verdict::Kind::Policy, c.policy, {}, {}};
  if (!extra.empty()) return {Verdict::Kind::Design, {}, c.extra_reason, {}};
  if (!missing.empty()) return {Verdict::Kind::Design, {}, c.design, {}};
  return {};
}

Verdict parameter_check(const Check& c, const ir::Resource* group) {
  if (group == nullptr) return {};  // no group of the module: nothing to read
  if (c.op == "parameters_named") {
    std::size_t at = 0;
    for (const Json& n : c.value) {
      if (parameter_named(*group, n.get<std::string>(), at) == nullptr) return failure(c);
    }
    return {};
  }
  std::size_t at = 0;
  const ir::Map* p = parameter_named(*group, c.value.at("name").get<std::string>(), at);
  if (p == nullptr) return failure(c);
  const ir::Value* value = ir::find(*p, "value");
  const Json& allowed = c.value.at("in");
  if (value && std::find(allowed.begin(), allowed.end(), literal(*value)) != allowed.end())
    return {};
  Verdict v = failure(c);
  v.parameter = std::string(group->kind == "cluster_parameter_group" ? "cluster" : "instance") +
                "/" + std::to_string(at) + "/value";
  return v;
}

Verdict judge(const Check& c, const ir::Value* v, const ir::Graph& g, const ir::Resource* group) {
  const std::string& op = c.op;
  if (op == "never") return failure(c);
  if (op == "parameter" || op == "parameters_named") return parameter_check(c, group);
  if (op == "not_literal") return v && literal(*v).is_string() ? failure(c) : Verdict{};
  if (op == "not_equals") return v && literal(*v) == c.value ? failure(c) : Verdict{};
  if (op == "not_in") {
    return v && std::find(c.value.begin(), c.value.end(), literal(*v)) != c.value.end() ? failure(c)
                                                                                        : Verdict{};
  }
  if (v == nullptr || empty_value(*v)) return on_absent(c);
  if (op == "present") return {};
  if (op == "equals") return literal(*v) == c.value ? Verdict{} : failure(c);
  if (op == "in") {
    return std::find(c.value.begin(), c.value.end(), literal(*v)) != c.value.end() ? Verdict{}
                                                                                   : failure(c);
  }
  if (op == "at_least") {
    const Json n = literal(*v);
    return n.is_number() && n.get<double>() >= c.value.get<double>() ? Verdict{} : failure(c);
  }
  if (op == "contains")
    return contains(string_list(*v), c.value.get<std::string>()) ? Verdict{} : failure(c);
  if (op == "exports_match") return exports_match(c, *v, engine_of(g));
  if (op == "statement" || op == "no_wildcard_allow") {
    const ir::List* list = statements(v);
    if (list == nullptr) return failure(c);
    for (const ir::Value& s : *list) {
      if (!s.is<ir::Map>()) continue;
      const ir::Map& m = s.as<ir::Map>();
      const ir::Value* sid = ir::find(m, "Sid");
      const ir::Value* effect = ir::find(m, "Effect");
      if (op == "statement" && sid && literal(*sid) == c.value) return {};
      if (op == "no_wildcard_allow" && effect && literal(*effect) == "Allow" &&
          wildcard(ir::find(m, "Principal"))) {
        return failure(c);
      }
    }
    return op == "statement" ? failure(c) : Verdict{};
  }
  throw std::logic_error("data/policy.json: unknown op " + op);
}

}  // namespace

std::optional<Verdict> evaluate(const Check& c, const ir::Resource& r, const ir::Graph& g) {
  if (!contains(c.kinds, r.kind)) return std::nullopt;  // most pairs: a check of another kind
  const ir::Value* v = ir::find(r.props, c.property);
  const ir::Resource* group =
      c.op == "parameter" || c.op == "parameters_named" ? parameter_group(r, v, g) : nullptr;
  if (!applies(c, r, g, group)) return std::nullopt;
  return judge(c, v, g, group);
}

}  // namespace ag::policy
