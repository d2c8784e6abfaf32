#include "explain.h"

#include "ir_yaml.h"
#include "yaml_emitter.h"

namespace ag {
namespace {

using yaml::Node;

// References print as !ref, deployment values as !pseudo, assembled strings as !concat,
// JSON documents as !json and secret fields as !secret_field: explain shows the IR as it is, not as
// a target spells it.
std::optional<Node> special(const ir::Value& v) {
  if (v.is<ir::Ref>()) {
    const ir::Ref& r = v.as<ir::Ref>();
    return Node::symbol(r.resource + "." + r.attribute).tagged("!ref");
  }
  if (v.is<ir::Pseudo>()) {
    static constexpr const char* kNames[] = {"region", "account_id", "partition", "url_suffix",
                                             "reverse_dns_prefix"};
    return Node::symbol(kNames[static_cast<int>(v.as<ir::Pseudo>())]).tagged("!pseudo");
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

}  // namespace

std::string explain(const ir::Value& v) { return yaml::emit(convert(v)); }

std::string explain(const ir::Graph& g) {
  Node resources = Node::map();
  for (const ir::Resource& r : g.resources) {
    Node n = Node::map();
    n.add("kind", Node::symbol(r.kind));
    if (!r.depends_on.empty()) {
      Node deps = Node::seq();
      for (const std::string& d : r.depends_on) deps.items.push_back(Node::symbol(d));
      n.add("depends_on", std::move(deps));
    }
    n.add("properties", convert(r.props));
    // What the artifacts tell scanners to skip, and why (docs/policy.md).
    if (!r.suppressions.empty()) {
      Node skipped = Node::seq();
      for (const ir::Suppression& x : r.suppressions) {
        skipped.items.push_back(Node::string(x.scanner + " " + x.id + ": " + x.reason));
      }
      n.add("suppressions", std::move(skipped));
    }
    resources.add(r.name, std::move(n));
  }
  Node outputs = Node::map();
  for (const ir::Output& o : g.outputs) {
    Node n = Node::map();
    n.add("description", Node::string(o.description));
    n.add("value", convert(o.value));
    outputs.add(o.name, std::move(n));
  }
  Node root = Node::map();
  root.add("name", Node::string(g.name));
  root.add("region", g.region ? Node::string(*g.region) : Node::null());
  root.add("resources", std::move(resources));
  root.add("outputs", std::move(outputs));
  return yaml::emit(root);
}

}  // namespace ag
