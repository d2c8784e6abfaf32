// Structural templates: what each target calls an IR resource kind, its properties and its
// attributes, kept as data in templates/<target>/*.yaml and compiled into the binary.
//
// A template is a YAML tree whose values are expressions over one IR resource:
//   "$path.to.prop"   the IR property (absent → the key is omitted)
//   "$.field"         a field of the current item inside $each / $entries ("$." the item)
//   "$$text"          the literal string "$text"
//   {$each: $list, k: $.x, ...}        one item per list element (or per map entry, with
//                                       $.key and $.value); the other keys are the item
//   {$entries: $list, key: $.k, value: $.v}   a map built from a list
//   {$case: $prop, a: x, b: y, default: z}    pick by the property's value
// null omits the key (useful in $case); anything else is a literal. A map or list whose members are
// all absent is itself absent, so optional nested structures disappear when the IR has nothing for
// them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir.h"

namespace ag {

// A further target resource rendered from the same IR resource where the target splits
// what AWS treats as one thing (a Terraform policy attachment, a CloudFormation gateway
// attachment). Its templates may use "$self.<attribute>", a reference to the owner.
struct Companion {
  std::string suffix;  // appended to the owner's name
  std::string type;
  std::string each;  // "" or "$list": one companion per item, "$." being the item
  ir::Value body;
};

struct KindTemplate {
  std::string type;                               // target resource type
  std::map<std::string, std::string> attributes;  // neutral attribute → target spelling
  ir::Value body;                                 // the property template
  ir::Value options;                              // target-specific extras (may be null)
  std::vector<Companion> companions;
  // IR properties the target cannot express, with the reason: reported as a warning at the
  // manifest field when the manifest sets it (render.dropped). "prop.field" names a field of
  // the property's list items.
  std::map<std::string, std::string> dropped;
  // IR properties the target expresses other than by a property (a deletion policy, a
  // generated name), with how: nothing is lost, nothing is reported.
  std::map<std::string, std::string> elsewhere;
};

struct TargetTemplates {
  std::string target;
  std::map<std::string, KindTemplate> kinds;
  const KindTemplate& at(const std::string& kind) const;  // throws std::out_of_range
};

// Every templates/<target>/*.yaml asset, parsed once per process.
const TargetTemplates& templates_for(std::string_view target);

// Parses one template file's text (exposed for tests).
TargetTemplates parse_templates(std::string_view target, std::string_view yaml_text);

// The target's name of the top-level property that renders IR property `ir_prop` (for
// Terraform ignore_changes and Pulumi ignoreChanges; a block key loses its "{}"), or "".
std::string target_property(const KindTemplate& k, const std::string& ir_prop);

// Whether any template expression of `k` (body, options, companions) reads `ir_prop`.
bool reads_property(const KindTemplate& k, const std::string& ir_prop);

// Evaluates `tmpl` against a resource's properties; `item` is what "$." names. `extra`
// holds properties looked up after those of `props` (a companion's "$self").
std::optional<ir::Value> evaluate_template(const ir::Value& tmpl, const ir::Map& props,
                                           const ir::Value* item = nullptr,
                                           const ir::Map* extra = nullptr);

}  // namespace ag
