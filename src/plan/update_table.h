// What changing an IR property does to the deployed resource, per target: the data of
// templates/update-behaviour.yaml (create-only properties replace, some interrupt, the rest
// update in place), compiled into the binary like the templates.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

#include "render.h"

namespace ag::plan {

// In order of severity: a change takes the most severe action of its causes.
enum class Action { None, Update, Interrupt, Create, Replace, Delete };

std::string_view action_name(Action a);  // "update", "interrupt", "replace", ...

struct Behaviour {
  Action action = Action::Update;
  std::string note;  // said with every change of the property, or ""
  // The provider computes the attribute when the configuration leaves it out (Terraform's
  // Optional+Computed; Pulumi's bridged provider alike): taking it out keeps the deployed
  // value, putting it in changes something only if it differs from what AWS set.
  bool computed = false;
};

class UpdateTable {
 public:
  // templates/update-behaviour.yaml, parsed once.
  static const UpdateTable& builtin();
  // Throws std::runtime_error on a malformed table.
  static UpdateTable parse(std::string_view yaml);

  // Whether losing a resource of the kind loses data (the planner's findings).
  bool stateful(const std::string& kind) const;
  // Update when the table does not list the kind or the property.
  Behaviour behaviour(const std::string& kind, const std::string& property, Target t) const;
  // Every property the table lists for a kind (for the tests that check it).
  std::map<std::string, std::array<Behaviour, 3>> properties(const std::string& kind) const;

 private:
  struct Kind {
    bool stateful = false;
    std::map<std::string, std::array<Behaviour, 3>> properties;  // by Target
  };
  std::map<std::string, Kind, std::less<>> kinds_;
};

}  // namespace ag::plan
