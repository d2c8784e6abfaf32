// Cluster and instance parameter groups, with the family derived from the engine version.
#include "lower_context.h"

namespace ag::lowering {
namespace {

std::string family(const Context& c) {
  const std::string engine = text(c.spec, "engine");
  return parameter_group_family(*parse_engine_version(engine, text(c.spec, "engine_version")));
}

void add_group(Context& c, const char* list, const std::string& kind, const std::string& name,
               const std::string& label, const std::string& what) {
  const json& params = at_path(c.spec, std::string("parameters.") + list);
  if (!params.is_array() || params.empty()) return;
  ir::List entries;
  for (const json& p : params) {
    entries.push_back(ir::Map{{"name", text(p, "name")},
                              {"value", text(p, "value")},
                              {"apply_method", text(p, "apply_method", "immediate")}});
  }
  c.add(kind, name,
        {{"name_prefix", name_prefix(label)},
         {"family", family(c)},
         {"description", what + " parameters of " + c.name},
         {"parameters", entries},
         {"tags", c.tags(label)}});
}

}  // namespace

void lower_parameters(Context& c) {
  add_group(c, "cluster", "cluster_parameter_group", "cluster_parameter_group", c.name + "-cluster",
            "Cluster");
  add_group(c, "instance", "db_parameter_group", "instance_parameter_group", c.name + "-instance",
            "Instance");
}

}  // namespace ag::lowering
