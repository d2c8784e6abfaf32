// CloudFormation: one template.yaml. References become !Ref / !GetAtt, pseudo values
// !Ref AWS::Region and friends, assembled strings !Join (never !Sub, so no user text is ever
// interpolated), secret fields dynamic references.
#include <stdexcept>

#include "ir_yaml.h"
#include "naming.h"
#include "render.h"
#include "target_resources.h"
#include "yaml_emitter.h"

namespace ag {
namespace {

using yaml::Node;

const char* pseudo_name(ir::Pseudo p) {
  switch (p) {
    case ir::Pseudo::Region:
      return "AWS::Region";
    case ir::Pseudo::AccountId:
      return "AWS::AccountId";
    case ir::Pseudo::Partition:
      return "AWS::Partition";
    case ir::Pseudo::UrlSuffix:
      return "AWS::URLSuffix";
    case ir::Pseudo::ReverseDnsPrefix:
      break;  // no pseudo parameter: a mapping by partition (see partition_mapping)
  }
  throw std::logic_error("pseudo value without a pseudo parameter");
}

constexpr const char* kPartitionMap = "PartitionDns";

// CloudFormation has no pseudo parameter for the reverse-DNS prefix of VPC endpoint
// service names; it follows from the partition (Terraform's aws_partition and Pulumi's
// getPartition report the same values).
Node partition_mapping() {
  Node m = Node::map();
  for (const auto& [partition, prefix] :
       {std::pair{"aws", "com.amazonaws"}, std::pair{"aws-cn", "cn.com.amazonaws"},
        std::pair{"aws-us-gov", "com.amazonaws"}}) {
    m.add(partition, Node::map().add("ReverseDnsPrefix", Node::string(prefix)));
  }
  return m;
}

// CloudFormation's spelling of references, pseudo values, assembled strings and JSON.
class CfnConverter {
 public:
  explicit CfnConverter(const TargetGraph& tg) : tg_(tg) {}

  Node operator()(const ir::Value& v) {
    return to_yaml(v, [this](const ir::Value& x) { return special(x); });
  }

  // Whether a converted value reads the partition mapping.
  bool uses_partition_mapping() const { return uses_partition_mapping_; }

 private:
  std::optional<Node> special(const ir::Value& v) {
    if (v.is<ir::Ref>()) {
      const auto [target, attribute] = tg_.resolve(v.as<ir::Ref>());
      if (attribute == "Ref") return Node::symbol(target->name).tagged("!Ref");
      // The list form: CloudFormation reads both, and AWS Control Tower's guard rules
      // (MonitoringRoleArn in CT.RDS.PR.2) parse only this one.
      return Node::seq({Node::symbol(target->name), Node::symbol(attribute)}).tagged("!GetAtt");
    }
    if (v.is<ir::Pseudo>() && v.as<ir::Pseudo>() == ir::Pseudo::ReverseDnsPrefix) {
      uses_partition_mapping_ = true;
      Node partition = Node::symbol("AWS::Partition").tagged("!Ref");
      return Node::seq({Node::symbol(kPartitionMap), std::move(partition),
                        Node::symbol("ReverseDnsPrefix")})
          .tagged("!FindInMap");
    }
    if (v.is<ir::Pseudo>()) return Node::symbol(pseudo_name(v.as<ir::Pseudo>())).tagged("!Ref");
    if (v.is<ir::Concat>()) {
      Node parts = (*this)(ir::Value(ir::List(v.as<ir::Concat>().parts)));
      return Node::seq({Node::string(""), std::move(parts)}).tagged("!Join");
    }
    if (v.is<ir::Json>()) return (*this)(*v.as<ir::Json>().doc);  // CloudFormation takes objects
    if (v.is<ir::SecretField>()) {
      const ir::SecretField& f = v.as<ir::SecretField>();
      return Node::string("{{resolve:secretsmanager:" + f.secret_arn + ":SecretString:" + f.key +
                          "}}");
    }
    return std::nullopt;
  }

  const TargetGraph& tg_;
  bool uses_partition_mapping_ = false;
};

const char* policy(ir::Keep k) {
  switch (k) {
    case ir::Keep::Delete:
      return "Delete";
    case ir::Keep::Snapshot:
      return "Snapshot";
    case ir::Keep::Retain:
      return "Retain";
    case ir::Keep::RetainExceptOnCreate:
      return "RetainExceptOnCreate";
  }
  throw std::logic_error("unknown deletion policy");
}

// The scanners' own suppression metadata, each reason beside its rule: checkov's
// `checkov: skip` (id, comment), cfn_nag's `rules_to_suppress` (id, reason) and cfn-guard's
// `guard: SuppressedRules` (names only: the reason is checkov's or cfn_nag's beside it, or
// the comment above the resource). trivy reads comments instead (suppression_comment).
void add_suppressions(Node& metadata, const std::vector<ir::Suppression>& all) {
  Node checkov = Node::seq(), nag = Node::seq(), guard = Node::seq();
  for (const ir::Suppression& s : all) {
    if (!reads(s, Target::CloudFormation)) continue;
    if (s.scanner == "checkov") {
      checkov.items.push_back(
          Node::map().add("id", Node::string(s.id)).add("comment", Node::string(s.reason)));
    } else if (s.scanner == "cfn-nag") {
      nag.items.push_back(
          Node::map().add("id", Node::string(s.id)).add("reason", Node::string(s.reason)));
    } else if (s.scanner == "cfn-guard") {
      guard.items.push_back(Node::string(s.id));
    }
  }
  if (!checkov.items.empty()) metadata.add("checkov", Node::map().add("skip", checkov));
  if (!nag.items.empty()) metadata.add("cfn_nag", Node::map().add("rules_to_suppress", nag));
  if (!guard.items.empty()) metadata.add("guard", Node::map().add("SuppressedRules", guard));
}

// trivy reads `trivy:ignore:<id>` comments immediately above the resource's logical id
// (aquasecurity/trivy PR #6358, CloudFormation YAML): the reasons go on the lines above it.
std::string suppression_comment(const std::vector<ir::Suppression>& all) {
  std::string reasons, ignores;
  for (const ir::Suppression& s : all) {
    if (s.scanner != "trivy" || !reads(s, Target::CloudFormation)) continue;
    reasons += s.id + ": " + s.reason + "\n";
    ignores += (ignores.empty() ? "" : " ") + std::string("trivy:ignore:") + s.id;
  }
  return ignores.empty() ? "" : reasons + ignores;
}

Node resource_node(const TargetGraph& tg, const TargetResource& r, CfnConverter& convert) {
  Node n = Node::map();
  n.add("Type", Node::symbol(r.type));
  // Explicit on every resource, so what a stack deletion or a replacement keeps is read
  // in the template, not remembered from CloudFormation's per-type defaults.
  n.add("DeletionPolicy", Node::symbol(policy(r.lifecycle.on_delete)));
  n.add("UpdateReplacePolicy", Node::symbol(policy(r.lifecycle.on_replace)));
  bool has_metadata = false;
  if (r.options.is<ir::Map>()) {
    for (const ir::Member& o : r.options.as<ir::Map>()) {
      Node value = convert(o.value);
      if (o.key == "Metadata") {
        add_suppressions(value, r.suppressions);
        has_metadata = true;
      }
      n.add(o.key, std::move(value));
    }
  }
  if (!has_metadata) {
    Node metadata = Node::map();
    add_suppressions(metadata, r.suppressions);
    if (!metadata.entries.empty()) n.add("Metadata", std::move(metadata));
  }
  if (!r.depends_on.empty()) {
    Node deps = Node::seq();
    for (std::size_t d : r.depends_on) deps.items.push_back(Node::symbol(tg.resources[d].name));
    n.add("DependsOn", std::move(deps));
  }
  if (r.body.is<ir::Map>() && !r.body.as<ir::Map>().empty()) n.add("Properties", convert(r.body));
  return n;
}

// CloudFormation outputs are strings: a list is joined with commas.
Node output_value(const ir::Value& v, CfnConverter& convert) {
  if (!v.is<ir::List>()) return convert(v);
  return Node::seq({Node::string(","), convert(v)}).tagged("!Join");
}

// A manifest that pins its region fails before CloudFormation creates anything when the
// stack is deployed elsewhere (its zone names and peers are that region's).
Node region_rule(const std::string& region) {
  Node equals = Node::seq({Node::symbol("AWS::Region").tagged("!Ref"), Node::string(region)})
                    .tagged("!Equals");
  Node assertion = Node::map().add("Assert", std::move(equals));
  assertion.add("AssertDescription",
                Node::string("This template is for " + region + " (metadata.region)."));
  return Node::map().add("PinnedRegion",
                         Node::map().add("Assertions", Node::seq({std::move(assertion)})));
}

}  // namespace

std::vector<Artifact> render_cloudformation(const ir::Graph& g) {
  const TargetGraph tg = target_graph(g, Target::CloudFormation);
  CfnConverter convert(tg);
  Node resources = Node::map();
  for (const TargetResource& r : tg.resources) {
    resources.entries.push_back(
        {r.name, resource_node(tg, r, convert), suppression_comment(r.suppressions)});
  }
  Node outputs = Node::map();
  for (const ir::Output& o : g.outputs) {
    Node out = Node::map();
    out.add("Description", Node::string(o.description));
    out.add("Value", output_value(o.value, convert));
    outputs.add(pascal_case(o.name), std::move(out));
  }
  Node root = Node::map();
  root.add("AWSTemplateFormatVersion", Node::string("2010-09-09"));
  root.add("Description", Node::string(g.description));
  if (g.region) root.add("Rules", region_rule(*g.region));
  if (convert.uses_partition_mapping()) {
    root.add("Mappings", Node::map().add(kPartitionMap, partition_mapping()));
  }
  root.add("Resources", std::move(resources));
  root.add("Outputs", std::move(outputs));
  return {{"template.yaml", yaml::emit(root, artifact_header(g, Target::CloudFormation))}};
}

}  // namespace ag
