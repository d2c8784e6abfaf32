// How each target names the resources of an IR graph. Names derive from IR names alone (see
// docs/architecture.md): adding a resource renames none.
#include "naming.h"
#include "render.h"
#include "templates.h"

namespace ag {
namespace {

Naming naming_for(Target t) {
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

TargetGraph target_graph(const ir::Graph& g, Target t) {
  return instantiate(g, templates_for(template_name(t)), naming_for(t));
}

}  // namespace ag
