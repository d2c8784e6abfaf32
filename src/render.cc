#include "render.h"

#include <stdexcept>

#include "templates.h"

namespace ag {

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

std::vector<DroppedProperty> dropped_properties(const ir::Graph& g, Target t) {
  const TargetTemplates& templates = templates_for(template_name(t));
  std::vector<DroppedProperty> out;
  for (const ir::Resource& r : g.resources) {
    auto kind = templates.kinds.find(r.kind);
    if (kind == templates.kinds.end()) continue;
    for (const auto& [prop, reason] : kind->second.dropped) {
      auto source = r.sources.find(prop);
      if (source == r.sources.end() || ir::find(r.props, prop) == nullptr) continue;
      out.push_back({r.name, prop, source->second, reason});
    }
  }
  return out;
}

}  // namespace ag
