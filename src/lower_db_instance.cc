// RdsInstance: a standard (non-Aurora) DB instance, Multi-AZ by default.
#include "lower_context.h"

namespace ag::lowering {
namespace {

void add_storage_size(const Context& c, ir::Map& p) {
  const json& storage = get(c.spec, "storage");
  const std::int64_t allocated = integer(storage, "allocated_gb", 20);
  ir::set(p, "allocated_storage", allocated);
  const std::int64_t max = integer(storage, "max_allocated_gb", 0);
  if (max > allocated) ir::set(p, "max_allocated_storage", max);
  if (storage.is_object() && storage.contains("iops")) {
    ir::set(p, "iops", integer(storage, "iops", 0));
  }
  if (storage.is_object() && storage.contains("throughput")) {
    ir::set(p, "storage_throughput", integer(storage, "throughput", 0));
  }
}

}  // namespace

void lower_db_instance(Context& c) {
  ir::Map p{{"identifier", c.name}, {"instance_class", text(c.spec, "instance_class")}};
  add_common_database(c, p);
  add_storage_size(c, p);
  const bool multi_az = flag(c.spec, "multi_az", true);
  ir::set(p, "multi_az", multi_az);
  if (!multi_az && c.spec.contains("availability_zone")) {
    ir::set(p, "availability_zone", text(c.spec, "availability_zone"));
  }
  add_instance_settings(c, p);
  if (c.has("audit_option_group")) {
    ir::set(p, "option_group_name", ir::ref("audit_option_group", "name"));
  }
  add_instance_monitoring(c, p);
  ir::set(p, "tags", c.tags(c.name));
  c.origin = "/metadata/name";  // a new name is a new instance
  ir::Resource& db = c.add("db_instance", "db_instance", std::move(p));
  for (const ir::Resource& r : c.graph.resources) {
    if (r.kind == "log_group") db.depends_on.push_back(r.name);
  }
  // RDS refuses a monitoring role whose policy is not attached yet.
  if (c.has("monitoring_role")) db.depends_on.push_back("monitoring_role");
}

}  // namespace ag::lowering
