#include "explain.h"

#include "yaml_emitter.h"

namespace ag {
namespace {

using yaml::Node;

struct ToNode {
  Node operator()(const ir::Value& v) const { return std::visit(*this, v.v); }
  Node operator()(std::nullptr_t) const { return Node::null(); }
  Node operator()(bool b) const { return Node::boolean(b); }
  Node operator()(std::int64_t i) const { return Node::integer(i); }
  Node operator()(double d) const { return Node::number(d); }
  Node operator()(const std::string& s) const { return Node::string(s); }
  Node operator()(const ir::List& l) const {
    Node n = Node::seq();
    for (const ir::Value& item : l) n.items.push_back((*this)(item));
    return n;
  }
  Node operator()(const ir::Map& m) const {
    Node n = Node::map();
    for (const ir::Member& e : m) n.add(e.key, (*this)(e.value));
    return n;
  }
  Node operator()(const ir::Ref& r) const {
    return Node::symbol(r.resource + "." + r.attribute).tagged("!ref");
  }
  Node operator()(ir::Pseudo p) const {
    const char* name = p == ir::Pseudo::Region      ? "region"
                       : p == ir::Pseudo::AccountId ? "account_id"
                                                    : "partition";
    return Node::symbol(name).tagged("!pseudo");
  }
  Node operator()(const ir::Concat& c) const {
    Node n = Node::seq();
    for (const ir::Value& part : c.parts) n.items.push_back((*this)(part));
    return n.tagged("!concat");
  }
  Node operator()(const ir::Json& j) const { return (*this)(*j.doc).tagged("!json"); }
};

}  // namespace

std::string explain(const ir::Graph& g) {
  const ToNode convert;
  Node resources = Node::map();
  for (const ir::Resource& r : g.resources) {
    Node n = Node::map();
    n.add("kind", Node::symbol(r.kind));
    if (!r.depends_on.empty()) {
      Node deps = Node::seq();
      for (const std::string& d : r.depends_on) deps.items.push_back(Node::symbol(d));
      n.add("depends_on", deps);
    }
    n.add("properties", convert(r.props));
    resources.add(r.name, n);
  }
  Node outputs = Node::map();
  for (const ir::Output& o : g.outputs) {
    Node n = Node::map();
    n.add("description", Node::string(o.description));
    n.add("value", convert(o.value));
    if (o.sensitive) n.add("sensitive", Node::boolean(true));
    outputs.add(o.name, n);
  }
  Node root = Node::map();
  root.add("name", Node::string(g.name));
  root.add("region", g.region ? Node::string(*g.region) : Node::null());
  root.add("resources", resources);
  root.add("outputs", outputs);
  return yaml::emit(root);
}

}  // namespace ag
