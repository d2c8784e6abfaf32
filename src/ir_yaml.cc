#include "ir_yaml.h"

#include <stdexcept>

namespace ag {
namespace {

using yaml::Node;

struct Generic {
  const SpecialYaml& special;

  Node operator()(std::nullptr_t) const { return Node::null(); }
  Node operator()(bool b) const { return Node::boolean(b); }
  Node operator()(std::int64_t i) const { return Node::integer(i); }
  Node operator()(double d) const { return Node::number(d); }
  Node operator()(const std::string& s) const { return Node::string(s); }
  Node operator()(const ir::List& l) const {
    Node n = Node::seq();
    n.items.reserve(l.size());
    for (const ir::Value& item : l) n.items.push_back(to_yaml(item, special));
    return n;
  }
  Node operator()(const ir::Map& m) const {
    Node n = Node::map();
    n.entries.reserve(m.size());
    for (const ir::Member& e : m) n.add(e.key, to_yaml(e.value, special));
    return n;
  }
  template <class T>
  Node operator()(const T&) const {
    throw std::invalid_argument("this output has no spelling for a reference-like IR value");
  }
};

}  // namespace

yaml::Node to_yaml(const ir::Value& v, const SpecialYaml& special) {
  if (std::optional<yaml::Node> n = special(v)) return std::move(*n);
  return std::visit(Generic{special}, v.v);
}

}  // namespace ag
