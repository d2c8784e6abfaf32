// Pulumi YAML: one Pulumi.yaml project. References become ${resource.output}, pseudo values
// variables filled by invokes, JSON documents fn::toJSON; every literal `$` is escaped by
// pulumi_text, and the YAML emitter quotes.
#include <map>
#include <stdexcept>

#include "naming.h"
#include "pulumi_text.h"
#include "render.h"
#include "target_resources.h"
#include "yaml_emitter.h"

namespace ag {
namespace {

using yaml::Node;

struct PseudoVariable {
  const char* name;
  const char* function;
  const char* field;
};

PseudoVariable pseudo_variable(ir::Pseudo p) {
  switch (p) {
    case ir::Pseudo::Region:
      return {"awsRegion", "aws:getRegion", "region"};
    case ir::Pseudo::AccountId:
      return {"awsAccountId", "aws:getCallerIdentity", "accountId"};
    case ir::Pseudo::Partition:
      return {"awsPartition", "aws:getPartition", "partition"};
  }
  throw std::logic_error("unknown pseudo value");
}

class PulumiConverter {
 public:
  explicit PulumiConverter(const TargetGraph& tg) : tg_(tg) {}

  // Invoke-backed variables the converted values read, by name.
  const std::map<std::string, PseudoVariable>& variables() const { return variables_; }

  Node operator()(const ir::Value& v) { return std::visit(*this, v.v); }
  Node operator()(std::nullptr_t) { return Node::null(); }
  Node operator()(bool b) { return Node::boolean(b); }
  Node operator()(std::int64_t i) { return Node::integer(i); }
  Node operator()(double d) { return Node::number(d); }
  Node operator()(const std::string& s) { return Node::string(pulumi::literal(s)); }
  Node operator()(const ir::List& l) {
    Node n = Node::seq();
    for (const ir::Value& item : l) n.items.push_back((*this)(item));
    return n;
  }
  Node operator()(const ir::Map& m) {
    Node n = Node::map();
    for (const ir::Member& e : m) {
      if (pulumi::is_builtin_key(e.key)) {
        throw std::invalid_argument("a map key Pulumi would read as a builtin: " + e.key);
      }
      n.add(e.key, (*this)(e.value));
    }
    return n;
  }
  Node operator()(const ir::Ref& r) { return Node::string(text_of(r)); }
  Node operator()(ir::Pseudo p) { return Node::string(text_of(p)); }
  Node operator()(const ir::Concat& c) {
    std::string s;
    for (const ir::Value& part : c.parts) {
      if (part.is<std::string>()) {
        s += pulumi::literal(part.as<std::string>());
      } else if (part.is<ir::Ref>()) {
        s += text_of(part.as<ir::Ref>());
      } else if (part.is<ir::Pseudo>()) {
        s += text_of(part.as<ir::Pseudo>());
      } else {
        throw std::invalid_argument("a Concat part must be a string, reference or pseudo");
      }
    }
    return Node::string(s);
  }
  Node operator()(const ir::Json& j) { return Node::map().add("fn::toJSON", (*this)(*j.doc)); }

 private:
  std::string text_of(const ir::Ref& r) {
    const auto [target, attribute] = tg_.resolve(r);
    return pulumi::interpolation(target->name + "." + attribute);
  }
  std::string text_of(ir::Pseudo p) {
    const PseudoVariable v = pseudo_variable(p);
    variables_.emplace(v.name, v);
    return pulumi::interpolation(v.name);
  }

  const TargetGraph& tg_;
  std::map<std::string, PseudoVariable> variables_;
};

Naming pulumi_naming() {
  return {[](const std::string& ir_name, bool) { return camel_case(ir_name); },
          [](const std::string& owner, const std::string& suffix, int index, bool) {
            return owner + pascal_case(suffix) + (index > 0 ? std::to_string(index) : "");
          }};
}

Node resource_node(const TargetGraph& tg, const TargetResource& r, PulumiConverter& convert) {
  Node n = Node::map();
  n.add("type", Node::symbol(r.type));
  if (r.body.is<ir::Map>() && !r.body.as<ir::Map>().empty()) n.add("properties", convert(r.body));
  Node options = r.options.is<ir::Map>() ? convert(r.options) : Node::map();
  if (!r.depends_on.empty()) {
    Node deps = Node::seq();
    for (std::size_t d : r.depends_on) {
      deps.items.push_back(Node::string(pulumi::interpolation(tg.resources[d].name)));
    }
    options.add("dependsOn", deps);
  }
  if (!options.entries.empty()) n.add("options", options);
  return n;
}

Node variables_node(const PulumiConverter& convert) {
  Node vars = Node::map();
  for (const auto& [name, v] : convert.variables()) {
    Node invoke = Node::map();
    invoke.add("function", Node::symbol(v.function));
    invoke.add("arguments", Node::map());
    invoke.add("return", Node::symbol(v.field));
    vars.add(name, Node::map().add("fn::invoke", invoke));
  }
  return vars;
}

}  // namespace

std::vector<Artifact> render_pulumi(const ir::Graph& g) {
  const TargetGraph tg = instantiate(g, templates_for("pulumi"), pulumi_naming());
  PulumiConverter convert(tg);
  Node resources = Node::map();
  for (const TargetResource& r : tg.resources) resources.add(r.name, resource_node(tg, r, convert));
  Node outputs = Node::map();
  for (const ir::Output& o : g.outputs) {
    Node value = convert(o.value);
    if (o.sensitive) value = Node::map().add("fn::secret", value);
    outputs.add(camel_case(o.name), value);
  }
  Node root = Node::map();
  root.add("name", Node::string(g.name));
  root.add("runtime", Node::symbol("yaml"));
  root.add("description", Node::string(pulumi::literal(g.description)));
  if (g.region) {
    root.add("config", Node::map().add("aws:region", Node::map().add("value", Node::string(*g.region))));
  }
  Node vars = variables_node(convert);
  if (!vars.entries.empty()) root.add("variables", vars);
  root.add("resources", resources);
  root.add("outputs", outputs);
  return {{"Pulumi.yaml", yaml::emit(root, "Generated by aurora-gen. Do not edit.")}};
}

}  // namespace ag
