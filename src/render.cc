#include "render.h"

#include <algorithm>
#include <stdexcept>

#include "naming.h"
#include "templates.h"

namespace ag {
namespace {

// Names derive from IR names alone (docs/architecture.md). Terraform labels are the IR
// names, always: a label that depended on what else the module holds ("this" while a type
// occurs once) moved whenever something unrelated was added.
Naming naming(Target t) {
  switch (t) {
    case Target::CloudFormation:
      return {[](const std::string& ir_name) { return pascal_case(ir_name); },
              [](const std::string& owner, const std::string& suffix, int index) {
                return owner + pascal_case(suffix) + (index > 0 ? std::to_string(index) : "");
              }};
    case Target::Terraform:
      return {[](const std::string& ir_name) { return ir_name; },
              [](const std::string& owner, const std::string& suffix, int index) {
                return owner + "_" + suffix + (index > 0 ? "_" + std::to_string(index) : "");
              }};
    case Target::Pulumi:
      return {[](const std::string& ir_name) { return camel_case(ir_name); },
              [](const std::string& owner, const std::string& suffix, int index) {
                return owner + pascal_case(suffix) + (index > 0 ? std::to_string(index) : "");
              }};
  }
  throw std::logic_error("unknown target");
}

}  // namespace

std::string_view target_dir(Target t) {
  switch (t) {
    case Target::CloudFormation:
      return "cloudformation";
    case Target::Terraform:
      return "terraform";
    case Target::Pulumi:
      return "pulumi";
  }
  throw std::logic_error("unknown target");
}

bool reads(const ir::Suppression& s, Target t) {
  return std::find(s.targets.begin(), s.targets.end(), target_dir(t)) != s.targets.end();
}

std::string_view template_name(Target t) {
  switch (t) {
    case Target::CloudFormation:
      return "cfn";
    case Target::Terraform:
      return "terraform";
    case Target::Pulumi:
      return "pulumi";
  }
  throw std::logic_error("unknown target");
}

std::string artifact_header(const ir::Graph& g, Target t) {
  static constexpr const char* kOwnFiles[] = {
      "",
      "Files of your own beside these (backend.tf, *_override.tf, terraform.tfvars) are left "
      "alone.",
      "Stack settings beside it (Pulumi.<stack>.yaml) are left alone."};
  const char* flag[] = {"cfn", "terraform", "pulumi"};
  const auto i = static_cast<std::size_t>(t);
  std::string h = std::string(kArtifactFirstLine.substr(2)) + AG_VERSION +
                  " from the manifest of " + g.name +
                  ". Do not edit: change the\nmanifest and run aurora-gen render --target " +
                  flag[i] + " --out-dir DIR MANIFEST.";
  if (*kOwnFiles[i] != '\0') h += std::string("\n") + kOwnFiles[i];
  return h;
}

std::vector<Artifact> render(const ir::Graph& g, Target t) {
  switch (t) {
    case Target::CloudFormation:
      return render_cloudformation(g);
    case Target::Terraform:
      return render_terraform(g);
    case Target::Pulumi:
      return render_pulumi(g);
  }
  throw std::logic_error("unknown target");
}

TargetGraph target_graph(const ir::Graph& g, Target t) {
  return instantiate(g, templates_for(template_name(t)), naming(t));
}

std::vector<DroppedProperty> dropped_properties(const ir::Graph& g, Target t) {
  const TargetTemplates& templates = templates_for(template_name(t));
  std::vector<DroppedProperty> out;
  for (const ir::Resource& r : g.resources) {
    auto kind = templates.kinds.find(r.kind);
    if (kind == templates.kinds.end()) continue;
    for (const auto& [prop, reason] : kind->second.dropped) {
      // "list.field": a field of the property's items, reported where the manifest set one.
      auto source = r.sources.find(prop);
      const std::string top = prop.substr(0, prop.find('.'));
      if (source == r.sources.end() || ir::find(r.props, top) == nullptr) continue;
      out.push_back({r.name, prop, source->second, reason});
    }
  }
  return out;
}

}  // namespace ag
