// Parity between targets, structurally: every property lowering puts in the IR is read by
// every target's template, or that template says it is dropped (a warning for the user) or
// expressed elsewhere. Nothing a manifest asks for disappears silently in one target.
#include <catch2/catch.hpp>

#include "render.h"
#include "templates.h"
#include "test_support.h"

using namespace ag;

TEST_CASE("every IR property is rendered, dropped with a reason or expressed elsewhere") {
  for (const std::string& name : test::example_names()) {
    const ir::Graph g = test::compile_example(name).graph;
    for (Target t : {Target::CloudFormation, Target::Terraform, Target::Pulumi}) {
      const TargetTemplates& templates = templates_for(template_name(t));
      for (const ir::Resource& r : g.resources) {
        const KindTemplate& k = templates.at(r.kind);
        for (const ir::Member& p : r.props) {
          INFO(name << ": " << target_dir(t) << " " << r.kind << "." << p.key);
          CHECK((reads_property(k, p.key) || k.dropped.count(p.key) || k.elsewhere.count(p.key)));
        }
      }
    }
  }
}

TEST_CASE("a property a target drops is one it could not have rendered") {
  for (Target t : {Target::CloudFormation, Target::Terraform, Target::Pulumi}) {
    for (const auto& [kind, k] : templates_for(template_name(t)).kinds) {
      for (const auto& [prop, reason] : k.dropped) {
        INFO(target_dir(t) << " " << kind << "." << prop);
        CHECK_FALSE(reads_property(k, prop));
        CHECK_FALSE(reason.empty());
      }
    }
  }
}

TEST_CASE("what the IR says to leave alone, Terraform and Pulumi can name") {
  for (const std::string& name : test::example_names()) {
    const ir::Graph g = test::compile_example(name).graph;
    for (Target t : {Target::Terraform, Target::Pulumi}) {
      const TargetTemplates& templates = templates_for(template_name(t));
      for (const ir::Resource& r : g.resources) {
        for (const std::string& prop : r.lifecycle.ignore_changes) {
          INFO(name << ": " << target_dir(t) << " " << r.kind << "." << prop);
          CHECK_FALSE(target_property(templates.at(r.kind), prop).empty());
        }
      }
    }
  }
}
