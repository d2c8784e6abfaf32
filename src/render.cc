#include "render.h"

#include <stdexcept>

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

}  // namespace ag
