// Pulumi YAML: one Pulumi.yaml project. References become ${resource.output}, pseudo values
// variables filled by invokes, JSON documents fn::toJSON, secret fields an invoke of
// getSecretVersion decoded by std:jsondecode; every literal `$` is escaped by pulumi_text,
// and the YAML emitter quotes.
#include <map>
#include <stdexcept>

#include "ir_yaml.h"
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
    case ir::Pseudo::UrlSuffix:
      return {"awsDnsSuffix", "aws:getPartition", "dnsSuffix"};
    case ir::Pseudo::ReverseDnsPrefix:
      return {"awsReverseDnsPrefix", "aws:getPartition", "reverseDnsPrefix"};
  }
  throw std::logic_error("unknown pseudo value");
}

// `{fn::invoke: {function, arguments, return}}`: a variable's value.
// The plugin versions every resource and invoke asks for, so a new major release of a
// package cannot change what a program means: the versions whose schemas the conformance
// tests check against (tools/pulumi/pulumi-*-schema.json; a unit test keeps them equal).
constexpr const char* kAwsPluginVersion = "7.48.0";
constexpr const char* kStdPluginVersion = "2.3.2";

Node plugin_version(std::string_view token) {
  return Node::string(token.rfind("std:", 0) == 0 ? kStdPluginVersion : kAwsPluginVersion);
}

Node invoke(const char* function, Node arguments, const char* field) {
  Node call = Node::map();
  call.add("function", Node::symbol(function));
  call.add("arguments", std::move(arguments));
  call.add("return", Node::symbol(field));
  call.add("options", Node::map().add("version", plugin_version(function)));
  return Node::map().add("fn::invoke", std::move(call));
}

// Pulumi's spelling: literal strings with `$` escaped, references and pseudo values as
// interpolations, JSON documents through fn::toJSON.
class PulumiConverter {
 public:
  explicit PulumiConverter(const TargetGraph& tg) : tg_(tg) {}

  // Invoke-backed variables the converted values read, by name.
  const std::map<std::string, Node>& variables() const { return variables_; }

  Node operator()(const ir::Value& v) {
    return to_yaml(v, [this](const ir::Value& x) { return special(x); });
  }

 private:
  std::optional<Node> special(const ir::Value& v) {
    if (v.is<std::string>()) return Node::string(pulumi::literal(v.as<std::string>()));
    if (v.is<ir::Map>()) check_keys(v.as<ir::Map>());
    if (v.is<ir::Ref>() || v.is<ir::Pseudo>() || v.is<ir::Concat>())
      return Node::string(text_of(v));
    if (v.is<ir::Json>()) return Node::map().add("fn::toJSON", (*this)(*v.as<ir::Json>().doc));
    if (v.is<ir::SecretField>()) return secret_field(v.as<ir::SecretField>());
    return std::nullopt;
  }

  // The secret's string by one invoke, its JSON decoded by a second (Pulumi YAML has no
  // builtin for it; the std package is Pulumi's own), the key read from the result.
  Node secret_field(const ir::SecretField& f) {
    const std::string secret = camel_case(f.name) + "Secret";
    const std::string fields = camel_case(f.name) + "Fields";
    variables_.emplace(
        secret, invoke("aws:secretsmanager:getSecretVersion",
                       Node::map().add("secretId", Node::string(pulumi::literal(f.secret_arn))),
                       "secretString"));
    variables_.emplace(
        fields,
        invoke("std:jsondecode",
               Node::map().add("input", Node::string(pulumi::interpolation(secret))), "result"));
    return Node::map().add("fn::secret", Node::string(pulumi::interpolation(fields + "." + f.key)));
  }

  static void check_keys(const ir::Map& m) {
    for (const ir::Member& e : m) {
      if (pulumi::is_builtin_key(e.key)) {
        throw std::invalid_argument("a map key Pulumi would read as a builtin: " + e.key);
      }
    }
  }

  // A string with interpolations: literal parts escaped, the rest ${...}.
  std::string text_of(const ir::Value& v) {
    if (v.is<std::string>()) return pulumi::literal(v.as<std::string>());
    if (v.is<ir::Ref>()) {
      const auto [target, attribute] = tg_.resolve(v.as<ir::Ref>());
      return pulumi::interpolation(target->name + "." + attribute);
    }
    if (v.is<ir::Pseudo>()) {
      const PseudoVariable var = pseudo_variable(v.as<ir::Pseudo>());
      variables_.emplace(var.name, invoke(var.function, Node::map(), var.field));
      return pulumi::interpolation(var.name);
    }
    if (v.is<ir::Concat>()) {
      std::string s;
      for (const ir::Value& part : v.as<ir::Concat>().parts) s += text_of(part);
      return s;
    }
    throw std::invalid_argument("a Concat part must be a string, reference or pseudo value");
  }

  const TargetGraph& tg_;
  std::map<std::string, Node> variables_;
};

// The canonical token Pulumi records in URNs: "aws:ec2:Subnet" → "aws:ec2/subnet:Subnet".
std::string canonical_token(const std::string& type) {
  const std::size_t first = type.find(':');
  const std::size_t last = type.rfind(':');
  if (first == last || type.find('/') != std::string::npos) return type;
  std::string member = type.substr(last + 1);
  std::string lower = member;
  lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  return type.substr(0, last) + "/" + lower + ":" + member;
}

// The URN the resource had under its legacy name: Pulumi then adopts it instead of
// replacing it (a renamed subnet would otherwise be re-created under the database).
Node alias_of(const TargetResource& r) {
  const std::string urn = "urn:pulumi:" + pulumi::interpolation("pulumi.stack") +
                          "::" + pulumi::interpolation("pulumi.project") +
                          "::" + canonical_token(r.type) + "::" + r.legacy_name;
  return Node::seq({Node::string(urn)});
}

// The template's options with the IR lifecycle merged in: a retained resource stays in AWS
// when Pulumi deletes it, ignored properties (the IR's, in Pulumi's spelling, after the
// template's own) are not reconciled.
Node options_node(const TargetGraph& tg, const TargetResource& r, PulumiConverter& convert) {
  ir::Map options = r.options.is<ir::Map>() ? r.options.as<ir::Map>() : ir::Map{};
  ir::List ignore;
  if (const ir::Value* v = ir::find(options, "ignoreChanges"); v && v->is<ir::List>()) {
    ignore = v->as<ir::List>();
  }
  for (const std::string& name : ignored_properties(tg, r)) ignore.push_back(name);
  if (!ignore.empty()) ir::set(options, "ignoreChanges", ignore);
  if (r.lifecycle.on_delete == ir::Keep::Retain ||
      r.lifecycle.on_delete == ir::Keep::RetainExceptOnCreate) {
    ir::set(options, "retainOnDelete", true);
  }
  if (r.lifecycle.delete_before_replace) ir::set(options, "deleteBeforeReplace", true);
  return convert(ir::Value(options));
}

Node resource_node(const TargetGraph& tg, const TargetResource& r, PulumiConverter& convert) {
  Node n = Node::map();
  n.add("type", Node::symbol(r.type));
  if (r.body.is<ir::Map>() && !r.body.as<ir::Map>().empty()) n.add("properties", convert(r.body));
  Node options = options_node(tg, r, convert);
  if (!r.depends_on.empty()) {
    Node deps = Node::seq();
    for (std::size_t d : r.depends_on) {
      deps.items.push_back(Node::string(pulumi::interpolation(tg.resources[d].name)));
    }
    options.add("dependsOn", std::move(deps));
  }
  if (!r.legacy_name.empty() && r.legacy_name != r.name) options.add("aliases", alias_of(r));
  options.add("version", plugin_version(r.type));
  if (!options.entries.empty()) n.add("options", std::move(options));
  return n;
}

Node variables_node(const PulumiConverter& convert) {
  Node vars = Node::map();
  for (const auto& [name, value] : convert.variables()) vars.add(name, value);
  return vars;
}

}  // namespace

std::vector<Artifact> render_pulumi(const ir::Graph& g) {
  const TargetGraph tg = target_graph(g, Target::Pulumi);
  PulumiConverter convert(tg);
  Node resources = Node::map();
  for (const TargetResource& r : tg.resources) resources.add(r.name, resource_node(tg, r, convert));
  Node outputs = Node::map();
  for (const ir::Output& o : g.outputs) {
    Node value = convert(o.value);
    outputs.add(camel_case(o.name), std::move(value));
  }
  Node root = Node::map();
  root.add("name", Node::string(g.name));
  root.add("runtime", Node::symbol("yaml"));
  root.add("description", Node::string(pulumi::literal(g.description)));
  if (g.region) {
    root.add("config",
             Node::map().add("aws:region", Node::map().add("value", Node::string(*g.region))));
  }
  Node vars = variables_node(convert);
  if (!vars.entries.empty()) root.add("variables", std::move(vars));
  root.add("resources", std::move(resources));
  root.add("outputs", std::move(outputs));
  return {{"Pulumi.yaml", yaml::emit(root, artifact_header(g, Target::Pulumi))}};
}

}  // namespace ag
