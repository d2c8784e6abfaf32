#include "templates.h"

#include <mutex>
#include <stdexcept>

#include "embedded_assets.h"
#include "tree_parse.h"

namespace ag {
namespace {

using ir::Value;

std::string attr_string(const Value& v) { return v.is<std::string>() ? v.as<std::string>() : ""; }

Companion parse_companion(const std::string& kind, const Value& spec) {
  if (!spec.is<ir::Map>()) throw std::runtime_error("companion of " + kind + " is not a map");
  const ir::Map& m = spec.as<ir::Map>();
  Companion c;
  if (const Value* v = ir::find(m, "suffix")) c.suffix = attr_string(*v);
  if (const Value* v = ir::find(m, "type")) c.type = attr_string(*v);
  if (const Value* v = ir::find(m, "each")) c.each = attr_string(*v);
  if (const Value* v = ir::find(m, "properties")) c.body = *v;
  if (c.suffix.empty() || c.type.empty()) {
    throw std::runtime_error("companion of " + kind + " needs a suffix and a type");
  }
  return c;
}

KindTemplate parse_kind(const std::string& kind, const Value& spec) {
  if (!spec.is<ir::Map>()) throw std::runtime_error("template for " + kind + " is not a map");
  const ir::Map& m = spec.as<ir::Map>();
  KindTemplate t;
  if (const Value* type = ir::find(m, "type")) t.type = attr_string(*type);
  if (t.type.empty()) throw std::runtime_error("template for " + kind + " has no type");
  if (const Value* attrs = ir::find(m, "attributes"); attrs && attrs->is<ir::Map>()) {
    for (const ir::Member& a : attrs->as<ir::Map>()) t.attributes[a.key] = attr_string(a.value);
  }
  if (const Value* body = ir::find(m, "properties")) t.body = *body;
  for (auto [key, into] :
       {std::pair{"dropped", &t.dropped}, std::pair{"elsewhere", &t.elsewhere}}) {
    const Value* v = ir::find(m, key);
    if (v == nullptr || !v->is<ir::Map>()) continue;
    for (const ir::Member& d : v->as<ir::Map>()) (*into)[d.key] = attr_string(d.value);
  }
  if (const Value* options = ir::find(m, "options")) t.options = *options;
  if (const Value* companions = ir::find(m, "companions");
      companions && companions->is<ir::List>()) {
    for (const Value& c : companions->as<ir::List>())
      t.companions.push_back(parse_companion(kind, c));
  }
  return t;
}

// The evaluation context: the resource's properties, those read after them (a companion's
// "self") and the current $each item.
struct Scope {
  const ir::Map& props;
  const ir::Map* extra;
  const Value* item;
};

std::optional<Value> eval(const Value& tmpl, const Scope& scope);

// The value "$path" or "$.path" names, in place; nullptr when absent.
const Value* lookup(const std::string& expr, const Scope& scope) {
  if (expr.rfind("$.", 0) == 0) {
    if (scope.item == nullptr) throw std::runtime_error("'" + expr + "' outside $each");
    if (expr == "$.") return scope.item;
    if (!scope.item->is<ir::Map>()) return nullptr;
    return ir::find_path(scope.item->as<ir::Map>(), std::string_view(expr).substr(2));
  }
  const std::string_view path = std::string_view(expr).substr(1);
  const Value* v = ir::find_path(scope.props, path);
  return v == nullptr && scope.extra != nullptr ? ir::find_path(*scope.extra, path) : v;
}

bool is_lookup(const Value& tmpl) {
  if (!tmpl.is<std::string>()) return false;
  const std::string& s = tmpl.as<std::string>();
  return s.rfind('$', 0) == 0 && s.rfind("$$", 0) != 0;
}

// What a source template ($each, $entries, $case) evaluates to: read in place when it is a
// lookup (most are), else evaluated into `storage`. nullptr when absent.
const Value* source_of(const Value& tmpl, const Scope& scope, std::optional<Value>& storage) {
  if (is_lookup(tmpl)) return lookup(tmpl.as<std::string>(), scope);
  storage = eval(tmpl, scope);
  return storage ? &*storage : nullptr;
}

// Calls f with each item of a list, or a {key, value} map for each entry of a map.
template <class F>
void for_each_item(const Value& source, F f) {
  if (source.is<ir::List>()) {
    for (const Value& item : source.as<ir::List>()) f(item);
  } else if (source.is<ir::Map>()) {
    for (const ir::Member& e : source.as<ir::Map>())
      f(Value(ir::Map{{"key", e.key}, {"value", e.value}}));
  }
}

ir::Map without(const ir::Map& m, const std::string& key) {
  ir::Map out;
  for (const ir::Member& e : m) {
    if (e.key != key) out.push_back(e);
  }
  return out;
}

std::optional<Value> eval_each(const ir::Map& m, const Scope& scope) {
  std::optional<Value> storage;
  const Value* source = source_of(*ir::find(m, "$each"), scope, storage);
  if (!source) return std::nullopt;
  const Value item_tmpl = without(m, "$each");
  ir::List out;
  for_each_item(*source, [&](const Value& item) {
    if (auto v = eval(item_tmpl, Scope{scope.props, scope.extra, &item}))
      out.push_back(std::move(*v));
  });
  return out;
}

std::optional<Value> eval_entries(const ir::Map& m, const Scope& scope) {
  std::optional<Value> storage;
  const Value* source = source_of(*ir::find(m, "$entries"), scope, storage);
  if (!source) return std::nullopt;
  const Value* key_tmpl = ir::find(m, "key");
  const Value* value_tmpl = ir::find(m, "value");
  if (!key_tmpl || !value_tmpl) throw std::runtime_error("$entries needs key and value");
  ir::Map out;
  for_each_item(*source, [&](const Value& item) {
    const Scope inner{scope.props, scope.extra, &item};
    auto k = eval(*key_tmpl, inner);
    auto v = eval(*value_tmpl, inner);
    if (k && v && k->is<std::string>()) out.push_back({k->as<std::string>(), std::move(*v)});
  });
  return out;
}

std::string case_label(const Value& v) {
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  if (v.is<std::string>()) return v.as<std::string>();
  throw std::runtime_error("$case on a value that is not a scalar");
}

std::optional<Value> eval_case(const ir::Map& m, const Scope& scope) {
  std::optional<Value> storage;
  const Value* selector = source_of(*ir::find(m, "$case"), scope, storage);
  if (!selector) return std::nullopt;
  const Value* chosen = ir::find(m, case_label(*selector));
  if (chosen == nullptr) chosen = ir::find(m, "default");
  return chosen ? eval(*chosen, scope) : std::nullopt;
}

std::optional<Value> eval_map(const ir::Map& m, const Scope& scope) {
  // One look at the keys: nearly every map of a template is a plain one.
  bool each = false, entries = false, cases = false;
  for (const ir::Member& e : m) {
    if (!e.key.starts_with('$')) continue;
    each = each || e.key == "$each";
    entries = entries || e.key == "$entries";
    cases = cases || e.key == "$case";
  }
  if (each) return eval_each(m, scope);
  if (entries) return eval_entries(m, scope);
  if (cases) return eval_case(m, scope);
  ir::Map out;
  out.reserve(m.size());
  for (const ir::Member& e : m) {
    if (auto v = eval(e.value, scope)) out.push_back({e.key, std::move(*v)});
  }
  if (out.empty() && !m.empty()) return std::nullopt;
  return out;
}

std::optional<Value> eval(const Value& tmpl, const Scope& scope) {
  if (tmpl.is<std::nullptr_t>()) return std::nullopt;  // a null in a template means "omit"
  if (tmpl.is<std::string>()) {
    const std::string& s = tmpl.as<std::string>();
    if (s.rfind("$$", 0) == 0) return Value(s.substr(1));
    if (s.rfind('$', 0) == 0) {
      const Value* v = lookup(s, scope);
      return v ? std::optional<Value>(*v) : std::nullopt;
    }
    return tmpl;
  }
  if (tmpl.is<ir::Map>()) return eval_map(tmpl.as<ir::Map>(), scope);
  if (tmpl.is<ir::List>()) {
    ir::List out;
    out.reserve(tmpl.as<ir::List>().size());
    for (const Value& item : tmpl.as<ir::List>()) {
      if (auto v = eval(item, scope)) out.push_back(std::move(*v));
    }
    if (out.empty() && !tmpl.as<ir::List>().empty()) return std::nullopt;
    return out;
  }
  return tmpl;
}

}  // namespace

const KindTemplate& TargetTemplates::at(const std::string& kind) const {
  auto it = kinds.find(kind);
  if (it == kinds.end()) {
    throw std::out_of_range("no " + target + " template for resource kind '" + kind + "'");
  }
  return it->second;
}

namespace {

void add_kinds(TargetTemplates& out, tree::View root) {
  if (!root.is_map()) return;
  for (const tree::Entry e : root.members()) {
    const std::string kind(e.key);
    if (!out.kinds.emplace(kind, parse_kind(kind, tree::to_value(e.value))).second) {
      throw std::runtime_error("two " + out.target + " templates for resource kind " + kind);
    }
  }
}

}  // namespace

TargetTemplates parse_templates(std::string_view target, std::string_view yaml_text) {
  TargetTemplates out;
  out.target = std::string(target);
  const std::string encoded = tree::from_yaml(yaml_text);
  add_kinds(out, tree::View(encoded));
  return out;
}

const TargetTemplates& templates_for(std::string_view target) {
  static std::mutex mu;
  // Never destroyed: tearing the templates down at exit would only cost time.
  static auto& cache = *new std::map<std::string, TargetTemplates, std::less<>>();
  std::lock_guard lock(mu);
  if (auto it = cache.find(target); it != cache.end()) return it->second;
  TargetTemplates merged;
  merged.target = std::string(target);
  const std::string prefix = "templates/" + std::string(target) + "/";
  for (const Asset& a : embedded_assets()) {
    if (a.path.rfind(prefix, 0) == 0) add_kinds(merged, asset_tree(a.path));
  }
  return cache.emplace(std::string(target), std::move(merged)).first->second;
}

namespace {

// Whether a template expression reads the IR property: "$prop" or "$prop.field".
bool reads(const Value& tmpl, const std::string& prop) {
  if (tmpl.is<std::string>()) {
    const std::string& s = tmpl.as<std::string>();
    if (s.size() < prop.size() + 1 || s[0] != '$' || s.compare(1, prop.size(), prop) != 0) {
      return false;
    }
    return s.size() == prop.size() + 1 || s[prop.size() + 1] == '.';
  }
  if (tmpl.is<ir::List>()) {
    for (const Value& v : tmpl.as<ir::List>()) {
      if (reads(v, prop)) return true;
    }
  }
  if (tmpl.is<ir::Map>()) {
    for (const ir::Member& e : tmpl.as<ir::Map>()) {
      if (reads(e.value, prop)) return true;
    }
  }
  return false;
}

}  // namespace

std::string target_property(const KindTemplate& k, const std::string& ir_prop) {
  if (!k.body.is<ir::Map>()) return "";
  for (const ir::Member& e : k.body.as<ir::Map>()) {
    if (!reads(e.value, ir_prop)) continue;
    const bool block = e.key.size() > 2 && e.key.compare(e.key.size() - 2, 2, "{}") == 0;
    return block ? e.key.substr(0, e.key.size() - 2) : e.key;
  }
  return "";
}

bool reads_property(const KindTemplate& k, const std::string& ir_prop) {
  if (reads(k.body, ir_prop) || reads(k.options, ir_prop)) return true;
  for (const Companion& c : k.companions) {
    if (reads(c.body, ir_prop) || c.each == "$" + ir_prop) return true;
  }
  return false;
}

std::optional<ir::Value> evaluate_template(const ir::Value& tmpl, const ir::Map& props,
                                           const ir::Value* item, const ir::Map* extra) {
  return eval(tmpl, Scope{props, extra, item});
}

}  // namespace ag
