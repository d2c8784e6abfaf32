// Stage 5, render: the IR graph × templates/<target>/ → the target's files, as bytes
// produced by that target's emitter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir.h"
#include "target_resources.h"

namespace ag {

enum class Target { CloudFormation, Terraform, Pulumi };

struct Artifact {
  std::string path;  // relative to the target's directory: "template.yaml", "main.tf"
  std::string content;
};

// The directory name a target's files go to: "cloudformation", "terraform", "pulumi".
std::string_view target_dir(Target t);
// The template directory name: "cfn", "terraform", "pulumi".
std::string_view template_name(Target t);

std::vector<Artifact> render(const ir::Graph& g, Target t);

// The graph as a target writes it: every IR resource and its companions instantiated from
// templates/<target>/ and named as the target's artifacts name them (CloudFormation
// PascalCase logical ids, Terraform labels that are the IR names, Pulumi camelCase names; a
// companion is its owner's name and its suffix). Each renderer starts from it; the planner
// and tests use it to find a resource in an artifact. Keeps pointers to `g`.
TargetGraph target_graph(const ir::Graph& g, Target t);

// The comment every artifact starts with: the generator and its version, how to regenerate,
// and which files of the user's beside it survive a render.
std::string artifact_header(const ir::Graph& g, Target t);

// An IR property the target cannot express (its template's `dropped:`), set by the manifest.
struct DroppedProperty {
  std::string resource;  // IR name
  std::string property;  // IR property
  std::string source;    // the manifest field (JSON pointer) that set it
  std::string reason;
};
std::vector<DroppedProperty> dropped_properties(const ir::Graph& g, Target t);

// Whether the scanner a suppression is for reads this target's artifacts.
bool reads(const ir::Suppression& s, Target t);

std::vector<Artifact> render_cloudformation(const ir::Graph& g);
std::vector<Artifact> render_terraform(const ir::Graph& g);
std::vector<Artifact> render_pulumi(const ir::Graph& g);

}  // namespace ag
