// Parity by reading the artifacts back (issue 11): every example is lowered to the IR and
// rendered to every target, and each artifact is parsed back with a real parser:
// template.yaml and Pulumi.yaml with yaml-cpp (a tagged node such as !Ref, a Pulumi `${...}`
// or `fn::` call is no literal), main.tf with HashiCorp's hclsyntax through
// tools/terraform/hclvalues -all (run when AG_HCLVALUES names it; else the Terraform part is
// skipped, with a warning). For every IR resource and every literal in its properties (a
// string, number, bool or null, alone or in lists and maps; references, pseudo values,
// assembled strings, JSON documents and secret fields are not compared), the value must
// read back equal in every target, under the target's name for the resource (target_graph)
// and for the property (the template key that reads it: `$prop`, `$prop.field`, `$each`
// items, `$entries` keys and values, Terraform's `name{}` blocks). Numbers compare by value.
//
// What the templates say is only *where* a value goes; the value expected there is the
// IR's. A template that writes something else (a literal, a `$case` branch, nothing) shows
// up as a difference, and every difference must be a row of docs/parity.md with its reason.
// The table must also hold each template's `dropped:` and `elsewhere:` entries, and a row
// that no longer occurs fails the test, so the table is complete and cannot rot.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "render.h"
#include "templates.h"
#include "test_support.h"

using namespace ag;
using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------
// Paths: `Key`, `Key.sub`, `Key[0].sub`, relative to a resource's properties, the way
// hclvalues spells them for main.tf.

// A resource's literals, read back: path → value. What is no literal is a NotLiteral object.
using Flat = std::map<std::string, json>;

constexpr const char* kNotLiteral = "not a literal";
json not_literal(const std::string& what) { return json{{kNotLiteral, what}}; }
bool is_not_literal(const json& j) { return j.is_object() && j.contains(kNotLiteral); }

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
std::string at_index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}
bool under(const std::string& path, const std::string& root) {
  if (path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || path[root.size()] == '.' || path[root.size()] == '[';
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ---------------------------------------------------------------------------------------
// Reading back.

// A plain YAML scalar by YAML 1.2's core schema.
json plain_scalar(const std::string& s) {
  static const std::regex kNull("~|null|Null|NULL|");
  static const std::regex kTrue("true|True|TRUE");
  static const std::regex kFalse("false|False|FALSE");
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kTrue)) return true;
  if (std::regex_match(s, kFalse)) return false;
  if (std::regex_match(s, kInt)) return std::stoll(s);
  if (std::regex_match(s, kFloat)) return std::stod(s);
  return s;
}

// Pulumi YAML's reading of a string: `$$` is `$`; `${` starts an interpolation.
json pulumi_string(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') return not_literal(s);
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '$') ++i;
    out += s[i];
  }
  return out;
}

void flatten_yaml(const YAML::Node& n, const std::string& path, bool pulumi, Flat& out) {
  const std::string& tag = n.Tag();
  if (tag != "?" && tag != "!" && !tag.empty()) {  // !Ref, !GetAtt, !Join, ...
    out[path] = not_literal(tag);
    return;
  }
  if (n.IsNull()) {
    out[path] = nullptr;
  } else if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    out[path] = tag == "!" ? (pulumi ? pulumi_string(s) : json(s)) : plain_scalar(s);
  } else if (n.IsSequence()) {
    if (n.size() == 0) out[path] = json::array();
    for (std::size_t i = 0; i < n.size(); ++i) flatten_yaml(n[i], at_index(path, i), pulumi, out);
  } else if (n.IsMap()) {
    if (n.size() == 0) out[path] = json::object();
    for (auto it = n.begin(); it != n.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (pulumi && key.rfind("fn::", 0) == 0) {  // a builtin call: fn::secret, fn::toJSON
        out[path] = not_literal(key);
        return;
      }
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
      flatten_yaml(it->second, join(path, it->first.Scalar()), pulumi, out);
    }
  }
}

const std::string& artifact(const std::vector<Artifact>& artifacts, const std::string& path) {
  for (const Artifact& a : artifacts) {
    if (a.path == path) return a.content;
  }
  throw std::runtime_error("no artifact " + path);
}

// Target resource name → its properties' literals.
using ReadBack = std::map<std::string, Flat>;

ReadBack read_yaml(const std::string& text, const char* resources, const char* properties,
                   bool pulumi) {
  ReadBack out;
  const YAML::Node root = YAML::Load(text);
  for (auto it = root[resources].begin(); it != root[resources].end(); ++it) {
    Flat& flat = out[it->first.Scalar()];
    if (const YAML::Node props = it->second[properties]) flatten_yaml(props, "", pulumi, flat);
  }
  return out;
}

ReadBack read_terraform(const json& values, const TargetGraph& tg) {
  ReadBack out;
  for (const TargetResource& r : tg.resources) {
    const std::string prefix = "resource." + r.type + "." + r.name + ".";
    Flat& flat = out[r.name];
    const json::object_t& all = values.get_ref<const json::object_t&>();
    for (auto it = all.lower_bound(prefix); it != all.end(); ++it) {
      if (it->first.compare(0, prefix.size(), prefix) != 0) break;
      flat[it->first.substr(prefix.size())] = it->second;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The IR side.

// An IR value as JSON, for messages and literal leaves; what is no literal is a NotLiteral.
json ir_json(const ir::Value& v) {
  if (v.is<std::nullptr_t>()) return nullptr;
  if (v.is<bool>()) return v.as<bool>();
  if (v.is<std::int64_t>()) return v.as<std::int64_t>();
  if (v.is<double>()) return v.as<double>();
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<ir::List>()) {
    json out = json::array();
    for (const ir::Value& item : v.as<ir::List>()) out.push_back(ir_json(item));
    return out;
  }
  if (v.is<ir::Map>()) {
    json out = json::object();
    for (const ir::Member& e : v.as<ir::Map>()) out[e.key] = ir_json(e.value);
    return out;
  }
  if (v.is<ir::Ref>()) return not_literal("ref " + v.as<ir::Ref>().resource);
  if (v.is<ir::Pseudo>()) return not_literal("pseudo value");
  if (v.is<ir::Concat>()) return not_literal("assembled string");
  if (v.is<ir::Json>()) return not_literal("JSON document");
  return not_literal("secret field");
}

struct Leaf {
  std::string path;  // relative to the value: "", ".key", "[0].name"
  json value;        // a literal, or a NotLiteral
};

void leaves(const ir::Value& v, const std::string& path, std::vector<Leaf>& out) {
  if (v.is<ir::List>() && !v.as<ir::List>().empty()) {
    const ir::List& l = v.as<ir::List>();
    for (std::size_t i = 0; i < l.size(); ++i) leaves(l[i], at_index(path, i), out);
  } else if (v.is<ir::Map>() && !v.as<ir::Map>().empty()) {
    for (const ir::Member& e : v.as<ir::Map>()) leaves(e.value, path + "." + e.key, out);
  } else {
    out.push_back({path, ir_json(v)});
  }
}

// ---------------------------------------------------------------------------------------
// Where a target's templates put one IR property, and what must be read back there.

struct Placement {
  std::map<std::string, Flat> expected;                 // target resource → path → literal
  std::map<std::string, std::set<std::string>> roots;   // target resource → where p is written
  std::map<std::string, std::set<std::string>> opaque;  // parts that are no literal
  std::set<std::string> covered;                        // IR leaf paths placed somewhere
};

// The current $each / $entries item.
struct Item {
  const ir::Value* value;
  std::optional<std::string> path;  // its IR path within the property; nullopt: not the property's
  bool entry;                       // a map entry: $.key is its key, $.value its value
};

std::string case_label(const ir::Value& v) {
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  if (v.is<std::string>()) return v.as<std::string>();
  return "";
}

class Placer {
 public:
  Placer(const ir::Map& props, std::string prop, Placement& out)
      : props_(props), prop_(std::move(prop)), out_(out) {}

  // `tmpl` is written at `path` of target resource `resource`; `block`: a Terraform `name{}`.
  void walk(const ir::Value& tmpl, const std::string& resource, const std::string& path,
            const Item* item, bool block) {
    if (tmpl.is<std::string>()) {
      if (auto s = read(tmpl.as<std::string>(), item)) place(resource, path, *s, block);
    } else if (tmpl.is<ir::List>()) {
      const ir::List& l = tmpl.as<ir::List>();
      for (std::size_t j = 0; j < l.size(); ++j)
        walk(l[j], resource, at_index(path, j), item, false);
    } else if (tmpl.is<ir::Map>()) {
      walk_map(tmpl.as<ir::Map>(), resource, path, item, block);
    }
  }

 private:
  struct Source {
    ir::Value value;
    std::optional<std::string> ir_path;  // nullopt: a map entry's key
  };

  // What a template expression reads of the property, if it reads it.
  std::optional<Source> read(const std::string& expr, const Item* item) const {
    if (expr.size() < 2 || expr[0] != '$' || expr[1] == '$') return std::nullopt;
    if (expr[1] == '.') {
      if (item == nullptr || !item->path) return std::nullopt;
      const std::string rest = expr.substr(2);
      if (item->entry) {
        const ir::Map& m = item->value->as<ir::Map>();
        if (rest == "key") return Source{*ir::find(m, "key"), std::nullopt};
        if (rest != "value" && rest.rfind("value.", 0) != 0) return std::nullopt;
        const ir::Value* v = ir::find_path(m, rest);
        if (v == nullptr) return std::nullopt;
        return Source{*v, *item->path + rest.substr(5)};
      }
      if (rest.empty()) return Source{*item->value, item->path};
      if (!item->value->is<ir::Map>()) return std::nullopt;
      const ir::Value* v = ir::find_path(item->value->as<ir::Map>(), rest);
      if (v == nullptr) return std::nullopt;
      return Source{*v, *item->path + "." + rest};
    }
    const std::string dotted = expr.substr(1);
    if (dotted.compare(0, prop_.size(), prop_) != 0 ||
        (dotted.size() > prop_.size() && dotted[prop_.size()] != '.')) {
      return std::nullopt;
    }
    const ir::Value* v = ir::find_path(props_, dotted);
    if (v == nullptr) return std::nullopt;
    return Source{*v, dotted.substr(prop_.size())};
  }

  void place(const std::string& resource, const std::string& path, const Source& s, bool block) {
    const std::string at = block && s.value.is<ir::Map>() ? at_index(path, 0) : path;
    out_.roots[resource].insert(at);
    std::vector<Leaf> ls;
    leaves(s.value, "", ls);
    for (const Leaf& leaf : ls) {
      if (s.ir_path) out_.covered.insert(*s.ir_path + leaf.path);
      if (is_not_literal(leaf.value)) {
        out_.opaque[resource].insert(at + leaf.path);
      } else {
        out_.expected[resource][at + leaf.path] = leaf.value;
      }
    }
  }

  // No items: the target writes an empty list ($each) or map ($entries).
  void place_empty(const std::string& resource, const std::string& path, const Source& s,
                   json empty) {
    out_.expected[resource][path] = std::move(empty);
    if (s.ir_path) out_.covered.insert(*s.ir_path);
  }

  // The items of a list, or {key, value} of a map's entries, with their IR paths.
  static std::vector<std::pair<ir::Value, Item>> items(const Source& s) {
    std::vector<std::pair<ir::Value, Item>> out;
    const std::string base = s.ir_path.value_or("");
    if (s.value.is<ir::List>()) {
      const ir::List& l = s.value.as<ir::List>();
      for (std::size_t i = 0; i < l.size(); ++i)
        out.push_back({l[i], {nullptr, at_index(base, i), false}});
    } else if (s.value.is<ir::Map>()) {
      for (const ir::Member& e : s.value.as<ir::Map>()) {
        out.push_back(
            {ir::Map{{"key", e.key}, {"value", e.value}}, {nullptr, base + "." + e.key, true}});
      }
    }
    for (auto& [value, item] : out) item.value = &value;
    return out;
  }

  void walk_map(const ir::Map& m, const std::string& resource, const std::string& path,
                const Item* item, bool block) {
    if (const ir::Value* each = ir::find(m, "$each")) {
      const std::optional<Source> s =
          each->is<std::string>() ? read(each->as<std::string>(), item) : std::nullopt;
      if (!s) return;  // another property's items
      ir::Map item_tmpl;
      for (const ir::Member& e : m) {
        if (e.key != "$each") item_tmpl.push_back(e);
      }
      out_.roots[resource].insert(path);
      auto list = items(*s);
      if (list.empty()) place_empty(resource, path, *s, json::array());
      for (std::size_t i = 0; i < list.size(); ++i) {
        walk(item_tmpl, resource, at_index(path, i), &list[i].second, false);
      }
      return;
    }
    if (const ir::Value* entries = ir::find(m, "$entries")) {
      const std::optional<Source> s =
          entries->is<std::string>() ? read(entries->as<std::string>(), item) : std::nullopt;
      if (!s) return;
      out_.roots[resource].insert(path);
      auto list = items(*s);
      if (list.empty()) place_empty(resource, path, *s, json::object());
      const ir::Value& key_tmpl = *ir::find(m, "key");
      for (auto& [value, it] : list) {
        const auto key = evaluate_template(key_tmpl, props_, it.value);
        if (!key || !key->is<std::string>()) continue;
        // The key is the item's: what it reads is placed, as the target's map key.
        if (key_tmpl.is<std::string>()) {
          if (auto k = read(key_tmpl.as<std::string>(), &it); k && k->ir_path) {
            out_.covered.insert(*k->ir_path);
          }
        }
        walk(*ir::find(m, "value"), resource, join(path, key->as<std::string>()), &it, false);
      }
      return;
    }
    if (const ir::Value* selector = ir::find(m, "$case")) {
      // Without the case, the key would hold the selector's value: expected here as it is.
      // A branch that writes anything else is a difference.
      if (!selector->is<std::string>()) return;
      const std::optional<Source> s = read(selector->as<std::string>(), item);
      if (s) place(resource, path, *s, block);
      const auto value = evaluate_template(*selector, props_, item ? item->value : nullptr);
      if (!value) return;
      const ir::Value* chosen = ir::find(m, case_label(*value));
      if (chosen == nullptr) chosen = ir::find(m, "default");
      if (chosen != nullptr) walk(*chosen, resource, path, item, block);
      return;
    }
    const std::string base = block ? at_index(path, 0) : path;
    for (const ir::Member& e : m) {
      const bool child_block = ends_with(e.key, "{}");
      const std::string key = child_block ? e.key.substr(0, e.key.size() - 2) : e.key;
      walk(e.value, resource, join(base, key), item, child_block);
    }
  }

  const ir::Map& props_;
  const std::string prop_;
  Placement& out_;
};

// The target resources an IR resource becomes: its primary, then its companions in template
// order (as instantiate() makes them), each with the template body it came from and, for a
// companion per list item, the item.
struct Part {
  const TargetResource* resource;
  const ir::Value* body;
  std::optional<ir::Value> item;  // for a companion per item of `each:`, the item,
  std::size_t index;              // its index
  std::string each;               // and the `each:` expression
};

std::vector<Part> parts_of(const TargetGraph& tg, const ir::Resource& r, const KindTemplate& k) {
  std::vector<const TargetResource*> mine;
  for (const TargetResource& t : tg.resources) {
    if (t.ir_name == r.name) mine.push_back(&t);
  }
  std::vector<Part> out{{mine.at(0), &k.body, std::nullopt, 0, ""}};
  std::size_t next = 1;
  for (const Companion& c : k.companions) {
    if (c.each.empty()) {
      out.push_back({mine.at(next++), &c.body, std::nullopt, 0, ""});
      continue;
    }
    const auto items = evaluate_template(c.each, r.props);
    if (!items || !items->is<ir::List>()) continue;
    const ir::List& list = items->as<ir::List>();
    for (std::size_t i = 0; i < list.size(); ++i) {
      out.push_back({mine.at(next++), &c.body, list[i], i, c.each});
    }
  }
  REQUIRE(next == mine.size());
  return out;
}

Placement place(const TargetGraph& tg, const ir::Resource& r, const std::string& prop) {
  const KindTemplate& k = tg.templates->at(r.kind);
  Placement out;
  Placer placer(r.props, prop, out);
  for (const Part& part : parts_of(tg, r, k)) {
    if (!part.item) {
      placer.walk(*part.body, part.resource->name, "", nullptr, false);
      continue;
    }
    // The item is the property's when `each:` reads it.
    const bool mine = part.each == "$" + prop;
    const Item item{&*part.item,
                    mine ? std::optional<std::string>(at_index("", part.index)) : std::nullopt,
                    false};
    placer.walk(*part.body, part.resource->name, "", &item, false);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Comparing.

bool same(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

struct Verdict {
  bool same = true;
  std::string read_back;  // what the target holds where the property goes, for messages
};

std::string shown(const json& j) {
  if (is_not_literal(j)) return "(" + j[kNotLiteral].get<std::string>() + ")";
  return j.dump();
}

// The literals of `prop` in one target: equal to the IR's, or a difference.
Verdict compare(const TargetGraph& tg, const ReadBack& back, const ir::Resource& r,
                const std::string& prop, const ir::Value& value) {
  std::vector<Leaf> ir_leaves;
  leaves(value, "", ir_leaves);
  const Placement p = place(tg, r, prop);
  Verdict v;
  if (p.roots.empty()) return {false, "not written"};
  std::vector<std::string> missing;
  for (const Leaf& leaf : ir_leaves) {
    if (!is_not_literal(leaf.value) && !p.covered.count(leaf.path)) missing.push_back(leaf.path);
  }
  const std::string primary = tg.resources[tg.primary.at(r.name)].name;
  static const Flat kNothing;
  std::vector<std::string> shown_entries;
  for (const auto& [resource, roots] : p.roots) {
    auto it = back.find(resource);
    const Flat& actual = it == back.end() ? kNothing : it->second;
    const auto expected_it = p.expected.find(resource);
    const Flat& expected = expected_it == p.expected.end() ? kNothing : expected_it->second;
    const auto opaque_it = p.opaque.find(resource);
    const std::set<std::string> no_paths;
    const std::set<std::string>& opaque =
        opaque_it == p.opaque.end() ? no_paths : opaque_it->second;
    const std::string prefix = resource == primary ? "" : resource + ": ";
    for (const auto& [path, want] : expected) {
      auto got = actual.find(path);
      if (got == actual.end() || !same(got->second, want)) v.same = false;
    }
    for (const std::string& root : roots) {
      bool any = false;
      for (const auto& [path, got] : actual) {
        if (!under(path, root)) continue;
        any = true;
        shown_entries.push_back(prefix + path + " = " + shown(got));
        bool opaque_part = false;
        for (const std::string& o : opaque) opaque_part = opaque_part || under(path, o);
        if (!opaque_part && !expected.count(path)) v.same = false;  // more than the IR holds
      }
      if (!any) shown_entries.push_back(prefix + root + " absent");
    }
  }
  if (!missing.empty()) {
    v.same = false;
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
    shown_entries.push_back("not written: " + list);
  }
  std::sort(shown_entries.begin(), shown_entries.end());
  shown_entries.erase(std::unique(shown_entries.begin(), shown_entries.end()), shown_entries.end());
  for (const std::string& e : shown_entries) v.read_back += (v.read_back.empty() ? "" : "; ") + e;
  return v;
}

// ---------------------------------------------------------------------------------------
// docs/parity.md.

constexpr const char* kHeader =
    "| target | IR kind | property | what the target does instead | why |";

struct Row {
  std::string target, kind, property, what, why;
  int line;
};

std::string trim(const std::string& s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string unquoted(const std::string& s) {
  return s.size() >= 2 && s.front() == '`' && s.back() == '`' ? s.substr(1, s.size() - 2) : s;
}

std::vector<Row> parse_table(const std::string& text) {
  std::vector<Row> rows;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  bool in_table = false, seen = false;
  while (std::getline(in, line)) {
    ++n;
    if (trim(line) == kHeader) {
      INFO("docs/parity.md:" << n << ": a second table of differences");
      REQUIRE_FALSE(seen);
      in_table = seen = true;
      REQUIRE(std::getline(in, line));  // the |---| line
      ++n;
      continue;
    }
    if (!in_table) continue;
    if (trim(line).empty() || trim(line)[0] != '|') {
      in_table = false;
      continue;
    }
    std::vector<std::string> cells;
    std::string t = trim(line);
    t = t.substr(1, t.size() - (t.back() == '|' ? 2 : 1));
    std::size_t start = 0;
    for (std::size_t bar; (bar = t.find('|', start)) != std::string::npos; start = bar + 1) {
      cells.push_back(trim(t.substr(start, bar - start)));
    }
    cells.push_back(trim(t.substr(start)));
    INFO("docs/parity.md:" << n << ": " << line);
    REQUIRE(cells.size() == 5);
    rows.push_back(
        {unquoted(cells[0]), unquoted(cells[1]), unquoted(cells[2]), cells[3], cells[4], n});
  }
  REQUIRE(seen);
  return rows;
}

const std::vector<Target> kTargets = {Target::CloudFormation, Target::Terraform, Target::Pulumi};

// target dir | kind | property
using Key = std::string;
Key key_of(std::string_view target, const std::string& kind, const std::string& prop) {
  return std::string(target) + " | " + kind + " | " + prop;
}

struct Finding {
  std::string example, resource;
  std::string ir;
  std::map<Target, std::string> read_back;
};

std::string describe(const Finding& f) {
  std::string s = f.example + " " + f.resource + ": IR " + f.ir;
  for (const auto& [t, text] : f.read_back)
    s += "\n    " + std::string(target_dir(t)) + ": " + text;
  return s;
}

// Every difference every example shows, by target | kind | property.
struct Survey {
  std::map<Key, std::vector<Finding>> differences;
  bool terraform = false;  // whether main.tf was read back
  std::size_t compared = 0;
};

Survey survey() {
  Survey s;
  bool warned = false;
  for (const std::string& name : test::example_names()) {
    const ir::Graph g = test::compile_example(name).graph;
    std::map<Target, TargetGraph> graphs;
    std::map<Target, ReadBack> back;
    for (Target t : kTargets) graphs.emplace(t, target_graph(g, t));
    back[Target::CloudFormation] = read_yaml(artifact(render_cloudformation(g), "template.yaml"),
                                             "Resources", "Properties", false);
    back[Target::Pulumi] =
        read_yaml(artifact(render_pulumi(g), "Pulumi.yaml"), "resources", "properties", true);
    if (const auto values = test::hcl_values(artifact(render_terraform(g), "main.tf"), "-all")) {
      back[Target::Terraform] = read_terraform(*values, graphs.at(Target::Terraform));
      s.terraform = true;
    } else if (!warned) {
      WARN(
          "AG_HCLVALUES is not set: main.tf is not read back, the Terraform comparison is skipped");
      warned = true;
    }
    for (const ir::Resource& r : g.resources) {
      for (const ir::Member& p : r.props) {
        std::vector<Leaf> ls;
        leaves(p.value, "", ls);
        const bool literal = std::any_of(ls.begin(), ls.end(),
                                         [](const Leaf& l) { return !is_not_literal(l.value); });
        if (!literal) continue;
        ++s.compared;
        Finding f{name, r.name, ir_json(p.value).dump(), {}};
        std::vector<Target> differ;
        for (const auto& [t, b] : back) {
          const Verdict v = compare(graphs.at(t), b, r, p.key, p.value);
          f.read_back[t] = v.read_back;
          if (!v.same) differ.push_back(t);
        }
        for (Target t : differ) s.differences[key_of(target_dir(t), r.kind, p.key)].push_back(f);
      }
    }
  }
  return s;
}

}  // namespace

TEST_CASE("every IR literal reads back equal in every target, or docs/parity.md says why") {
  const Survey s = survey();
  CHECK(s.compared > 1000);  // (example, resource, property) triples: not vacuous
  const std::vector<Row> rows = parse_table(test::read_repo_file("docs/parity.md"));
  std::map<Key, const Row*> table;
  for (const Row& row : rows) {
    INFO("docs/parity.md:" << row.line);
    CHECK((row.target == "cloudformation" || row.target == "terraform" || row.target == "pulumi"));
    CHECK_FALSE(row.what.empty());
    CHECK_FALSE(row.why.empty());
    CHECK(table.emplace(key_of(row.target, row.kind, row.property), &row).second);  // once each
  }

  // Each template's dropped: and elsewhere: entries are rows, with the template's words.
  std::set<Key> declared;
  for (Target t : kTargets) {
    for (const auto& [kind, k] : templates_for(template_name(t)).kinds) {
      for (const auto& [prop, reason] : k.dropped) {
        const Key key = key_of(target_dir(t), kind, prop);
        declared.insert(key);
        INFO("templates/" << template_name(t) << " " << kind << " dropped: " << prop << ": "
                          << reason);
        auto row = table.find(key);
        if (row == table.end()) {
          FAIL_CHECK("not in docs/parity.md: " << key);
        } else {
          CHECK(row->second->why == reason);  // the why column repeats the template's reason
        }
      }
      for (const auto& [prop, how] : k.elsewhere) {
        const Key key = key_of(target_dir(t), kind, prop);
        declared.insert(key);
        INFO("templates/" << template_name(t) << " " << kind << " elsewhere: " << prop << ": "
                          << how);
        auto row = table.find(key);
        if (row == table.end()) {
          FAIL_CHECK("not in docs/parity.md: " << key);
        } else {
          CHECK(row->second->what == how);  // the what column repeats the template's words
        }
      }
    }
  }

  // Every difference read back is a row.
  for (const auto& [key, findings] : s.differences) {
    if (table.count(key)) continue;
    std::string all;
    for (const Finding& f : findings) all += "\n  " + describe(f);
    FAIL_CHECK("a difference docs/parity.md does not list: " << key << all);
  }

  // Every row still occurs: a template declares it, or an example shows it.
  for (const Row& row : rows) {
    const Key key = key_of(row.target, row.kind, row.property);
    if (declared.count(key) || s.differences.count(key)) continue;
    if (row.target == "terraform" && !s.terraform) continue;  // main.tf was not read back
    FAIL_CHECK("docs/parity.md:" << row.line << " lists " << key
                                 << ", which no example shows and no template declares: "
                                    "remove the row");
  }
}

// The comparison must not pass vacuously: it sees a value a template changes, a part of a
// property no template key reads, and a read back that holds more than the IR.
TEST_CASE("the read-back comparison catches what a template changes") {
  const TargetTemplates t = parse_templates("test", R"(
thing:
  type: T
  properties:
    Port: $port
    Size: {$case: $size, small: tiny, default: $size}
    Tags: {$each: $tags, Key: $.key, Value: $.value}
    Parameters: {$entries: $parameters, key: $.name, value: $.value}
    scaling{}:
      min: $scaling.min
    Empty: {$each: $none, x: $.}
  companions:
    - suffix: policy
      type: P
      each: $arns
      properties:
        arn: $.
)");
  ir::Graph g;
  g.name = "g";
  g.resources.push_back(
      {"thing",
       "thing",
       {{"port", 5432},
        {"size", "small"},
        {"tags", ir::Map{{"a.b", "x"}, {"c", "y"}}},
        {"parameters", ir::List{ir::Map{{"name", "n"}, {"value", "1"}, {"how", "i"}}}},
        {"scaling", ir::Map{{"min", 0.5}, {"max", 2.0}}},
        {"none", ir::List{}},
        {"arns", ir::List{"a", "b"}}},
       {}});
  const TargetGraph tg =
      instantiate(g, t,
                  {[](const std::string& n) { return n; },
                   [](const std::string& owner, const std::string& suffix, int index) {
                     return owner + "_" + suffix + "_" + std::to_string(index);
                   }});
  const ir::Resource& r = g.resources[0];
  ReadBack back;
  Flat& f = back["thing"];
  f["Port"] = 5432.0;  // a number compares by value
  f["Size"] = "tiny";
  f["Tags[0].Key"] = "a.b";
  f["Tags[0].Value"] = "x";
  f["Tags[1].Key"] = "c";
  f["Tags[1].Value"] = "y";
  f["Parameters.n"] = "1";
  f["scaling[0].min"] = 0.5;
  f["Empty"] = json::array();
  back["thing_policy_1"]["arn"] = "a";
  back["thing_policy_2"]["arn"] = "b";
  auto verdict = [&](const char* prop) {
    return compare(tg, back, r, prop, *ir::find(r.props, prop));
  };
  CHECK(verdict("port").same);
  CHECK(verdict("tags").same);
  CHECK(verdict("none").same);
  CHECK(verdict("arns").same);  // one companion per item
  const Verdict size = verdict("size");
  CHECK_FALSE(size.same);
  CHECK(size.read_back == "Size = \"tiny\"");
  const Verdict parameters = verdict("parameters");
  CHECK_FALSE(parameters.same);  // the item's `how` is written nowhere
  CHECK(parameters.read_back == "Parameters.n = \"1\"; not written: [0].how");
  const Verdict scaling = verdict("scaling");
  CHECK_FALSE(scaling.same);  // scaling.max is written nowhere
  CHECK(scaling.read_back == "not written: .max; scaling[0].min = 0.5");
  f["Port"] = 5433;
  CHECK_FALSE(verdict("port").same);
  f["Tags[2].Key"] = "extra";
  CHECK_FALSE(verdict("tags").same);
  f.erase("Tags[2].Key");
  f["Tags[1].Value"] = "z";
  CHECK_FALSE(verdict("tags").same);
  back["thing_policy_2"]["arn"] = "c";
  const Verdict arns = verdict("arns");
  CHECK_FALSE(arns.same);
  CHECK(arns.read_back == "thing_policy_1: arn = \"a\"; thing_policy_2: arn = \"c\"");
}

TEST_CASE(
    "read back: YAML plain scalars by the core schema, tags and Pulumi calls are no literals") {
  Flat f;
  flatten_yaml(YAML::Load("a: 5\nb: \"5\"\nc: 0.5\nd: true\ne: !Ref X\nf: []\ng: ~\n"), "", false,
               f);
  CHECK(f.at("a") == 5);
  CHECK(f.at("b") == "5");
  CHECK(f.at("c") == 0.5);
  CHECK(f.at("d") == true);
  CHECK(is_not_literal(f.at("e")));
  CHECK(f.at("f") == json::array());
  CHECK(f.at("g").is_null());
  Flat p;
  flatten_yaml(YAML::Load("a: \"$${x}\"\nb: \"${c.id}\"\nc:\n  fn::secret: x\n"), "", true, p);
  CHECK(p.at("a") == "${x}");
  CHECK(is_not_literal(p.at("b")));
  CHECK(is_not_literal(p.at("c")));
}
