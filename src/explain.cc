#include "explain.h"

#include "document.h"
#include "ir_yaml.h"
#include "yaml_emitter.h"

namespace ag {
namespace {

using yaml::Node;
using Json = nlohmann::ordered_json;

constexpr const char* kPseudoNames[] = {"region", "account_id", "partition", "url_suffix",
                                        "reverse_dns_prefix"};

// References print as !ref, deployment values as !pseudo, assembled strings as !concat,
// JSON documents as !json and secret fields as !secret_field: explain shows the IR as it is, not as
// a target spells it.
std::optional<Node> special(const ir::Value& v) {
  if (v.is<ir::Ref>()) {
    const ir::Ref& r = v.as<ir::Ref>();
    return Node::symbol(r.resource + "." + r.attribute).tagged("!ref");
  }
  if (v.is<ir::Pseudo>()) {
    return Node::symbol(kPseudoNames[static_cast<int>(v.as<ir::Pseudo>())]).tagged("!pseudo");
  }
  if (v.is<ir::Concat>()) {
    return to_yaml(ir::Value(ir::List(v.as<ir::Concat>().parts)), special).tagged("!concat");
  }
  if (v.is<ir::Json>()) return to_yaml(*v.as<ir::Json>().doc, special).tagged("!json");
  if (v.is<ir::SecretField>()) {
    const ir::SecretField& f = v.as<ir::SecretField>();
    return Node::map()
        .add("secret_arn", Node::string(f.secret_arn))
        .add("key", Node::string(f.key))
        .tagged("!secret_field");
  }
  return std::nullopt;
}

Node convert(const ir::Value& v) { return to_yaml(v, special); }

// What a property's comment says: the manifest field it comes from, or whose default it is.
std::string annotation(const ir::Resource& r, const std::string& prop) {
  if (auto s = r.sources.find(prop); s != r.sources.end()) return dotted(s->second);
  if (auto d = r.defaults.find(prop); d != r.defaults.end()) return "default: " + dotted(d->second);
  return {};
}

Node properties(const ir::Resource& r) {
  Node n = convert(r.props);
  for (yaml::Entry& e : n.entries) e.trailing = annotation(r, e.key);
  return n;
}

Node resource_node(const ir::Resource& r) {
  Node n = Node::map();
  n.add("kind", Node::symbol(r.kind));
  if (!r.depends_on.empty()) {
    Node deps = Node::seq();
    for (const std::string& d : r.depends_on) deps.items.push_back(Node::symbol(d));
    n.add("depends_on", std::move(deps));
  }
  n.add("properties", properties(r));
  // What the artifacts tell scanners to skip, and why (docs/policy.md).
  if (!r.suppressions.empty()) {
    Node skipped = Node::seq();
    for (const ir::Suppression& x : r.suppressions) {
      skipped.items.push_back(Node::string(x.scanner + " " + x.id + ": " + x.reason));
    }
    n.add("suppressions", std::move(skipped));
  }
  return n;
}

Json to_json(const ir::Value& v);

Json to_json(const ir::Map& m) {
  Json out = Json::object();
  for (const ir::Member& member : m) out[member.key] = to_json(member.value);
  return out;
}

Json to_json(const ir::Value& v) {
  if (v.is<std::nullptr_t>()) return nullptr;
  if (v.is<bool>()) return v.as<bool>();
  if (v.is<std::int64_t>()) return v.as<std::int64_t>();
  if (v.is<double>()) return v.as<double>();
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<ir::Map>()) return to_json(v.as<ir::Map>());
  if (v.is<ir::List>() || v.is<ir::Concat>()) {
    Json list = Json::array();
    for (const ir::Value& item : v.is<ir::List>() ? v.as<ir::List>() : v.as<ir::Concat>().parts) {
      list.push_back(to_json(item));
    }
    return v.is<ir::List>() ? list : Json{{"concat", list}};
  }
  if (v.is<ir::Ref>()) return {{"ref", v.as<ir::Ref>().resource + "." + v.as<ir::Ref>().attribute}};
  if (v.is<ir::Pseudo>()) return {{"pseudo", kPseudoNames[static_cast<int>(v.as<ir::Pseudo>())]}};
  if (v.is<ir::Json>()) return {{"json", to_json(*v.as<ir::Json>().doc)}};
  const ir::SecretField& f = v.as<ir::SecretField>();
  return {{"secret_field", {{"secret_arn", f.secret_arn}, {"key", f.key}}}};
}

Json dotted_fields(const std::map<std::string, std::string>& fields) {
  Json out = Json::object();
  for (const auto& [prop, pointer] : fields) out[prop] = dotted(pointer);
  return out;
}

}  // namespace

std::string explain(const ir::Value& v) { return yaml::emit(convert(v)); }

std::string explain(const ir::Graph& g, const std::string& manifest) {
  Node resources = Node::map();
  for (const ir::Resource& r : g.resources) {
    resources.add(r.name, resource_node(r));
    if (!r.origin.empty()) resources.entries.back().trailing = "from " + dotted(r.origin);
  }
  Node outputs = Node::map();
  for (const ir::Output& o : g.outputs) {
    outputs.add(
        o.name,
        Node::map().add("description", Node::string(o.description)).add("value", convert(o.value)));
  }
  Node root = Node::map();
  root.add("name", Node::string(g.name));
  root.add("region", g.region ? Node::string(*g.region) : Node::null());
  root.add("resources", std::move(resources));
  root.add("outputs", std::move(outputs));
  return yaml::emit(root, manifest +
                              ": what aurora-gen creates.\nAfter a resource: the manifest field "
                              "it comes from. After a property: its manifest field,\nor "
                              "\"default:\" and the unset field whose default it holds.");
}

Json explain_json(const ir::Graph& g, const std::string& manifest) {
  Json resources = Json::array();
  for (const ir::Resource& r : g.resources) {
    Json j{{"name", r.name}, {"kind", r.kind}};
    if (!r.origin.empty()) j["from"] = dotted(r.origin);
    if (!r.depends_on.empty()) j["depends_on"] = r.depends_on;
    j["properties"] = to_json(r.props);
    j["sources"] = dotted_fields(r.sources);
    j["defaults"] = dotted_fields(r.defaults);
    if (!r.suppressions.empty()) {
      Json skipped = Json::array();
      for (const ir::Suppression& x : r.suppressions) {
        skipped.push_back({{"scanner", x.scanner}, {"id", x.id}, {"reason", x.reason}});
      }
      j["suppressions"] = std::move(skipped);
    }
    resources.push_back(std::move(j));
  }
  Json outputs = Json::array();
  for (const ir::Output& o : g.outputs) {
    outputs.push_back(
        {{"name", o.name}, {"description", o.description}, {"value", to_json(o.value)}});
  }
  return {{"manifest", manifest},
          {"name", g.name},
          {"region", g.region ? Json(*g.region) : Json(nullptr)},
          {"resources", std::move(resources)},
          {"outputs", std::move(outputs)}};
}

}  // namespace ag
