#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

constexpr const char* kScaling = "/spec/serverless_v2_scaling";

std::string number_text(double d) {
  nlohmann::json j = d;
  return j.dump();
}

bool is_serverless_class(const std::optional<std::string>& cls) {
  return cls && *cls == "db.serverless";
}

void check_instance_classes(Context& c) {
  if (!c.aurora()) return;
  const bool scaling = c.has(kScaling);
  const std::string writer = "/spec/instances/writer";
  if (c.has(writer) && !c.str(writer + "/instance_class") && !scaling) {
    c.error_at_key(writer, "instances.instance-class-required",
                   "spec.instances.writer.instance_class is required unless "
                   "spec.serverless_v2_scaling is given",
                   "set instance_class (such as db.r6g.large) or add serverless_v2_scaling");
  }
  for (const char* owner : {"writer", "readers"}) {
    const std::string p = std::string("/spec/instances/") + owner + "/instance_class";
    if (is_serverless_class(c.str(p)) && !scaling) {
      c.error_at(p, "serverless.scaling-required",
                 dotted(p) + " is db.serverless but spec.serverless_v2_scaling is missing",
                 "add serverless_v2_scaling with min_capacity and max_capacity");
    }
  }
}

void check_capacity_range(Context& c, std::optional<double> min, std::optional<double> max) {
  const std::string pmin = std::string(kScaling) + "/min_capacity";
  if (min && max && *min > *max) {
    c.error_at(pmin, "serverless.min-max",
               "spec.serverless_v2_scaling.min_capacity " + number_text(*min) +
                   " is greater than max_capacity " + number_text(*max));
  }
}

void check_auto_pause(Context& c, std::optional<double> min) {
  const std::string pause = std::string(kScaling) + "/seconds_until_auto_pause";
  if (c.has(pause) && (!min || *min != 0.0)) {
    c.error_at_key(pause, "serverless.auto-pause-min",
                   "spec.serverless_v2_scaling.seconds_until_auto_pause needs "
                   "min_capacity 0 (only an instance at 0 ACU pauses)",
                   "set min_capacity: 0 or remove seconds_until_auto_pause");
  }
  if (min && *min == 0.0 && c.version() && !supports_auto_pause(*c.version())) {
    c.error_at(std::string(kScaling) + "/min_capacity", "serverless.auto-pause-version",
               "spec.serverless_v2_scaling.min_capacity 0 (auto-pause) is not supported by " +
                   c.engine() + " " + c.str("/spec/engine_version").value_or(""),
               "needs " + auto_pause_minimums() + "; or use min_capacity 0.5");
  }
}

void check_serverless(Context& c) {
  if (!c.aurora() || !c.has(kScaling)) return;
  const std::string base(kScaling);
  auto min = c.num(base + "/min_capacity");
  auto max = c.num(base + "/max_capacity");
  check_capacity_range(c, min, max);
  check_auto_pause(c, min);
}

void check_replica_autoscaling(Context& c) {
  const std::string base = "/spec/read_replica_autoscaling";
  if (!c.aurora() || !c.has(base)) return;
  auto min = c.num(base + "/min_capacity");
  auto max = c.num(base + "/max_capacity");
  if (min && max && *min > *max) {
    c.error_at(base + "/min_capacity", "autoscaling.min-max",
               "spec.read_replica_autoscaling.min_capacity " + number_text(*min) +
                   " is greater than max_capacity " + number_text(*max));
  }
  const bool cpu = c.has(base + "/target_cpu_utilization");
  const bool conns = c.has(base + "/target_connections");
  if (cpu == conns) {
    c.error_at_key(base, "autoscaling.target",
                   std::string("spec.read_replica_autoscaling needs exactly one of "
                               "target_cpu_utilization or target_connections (") +
                       (cpu ? "both" : "neither") + " given)");
  }
}

void check_instance_az(Context& c) {
  if (c.rds_instance() && c.has("/spec/availability_zone") && c.flag("/spec/multi_az", true)) {
    c.error_at_key("/spec/availability_zone", "instance.availability-zone-multi-az",
                   "spec.availability_zone can only be set when spec.multi_az is false",
                   "a Multi-AZ instance's placement is chosen by RDS; set multi_az: false "
                   "to pin it");
  }
}

void check_backtrack(Context& c) {
  const std::string p = "/spec/backtrack_window";
  auto window = c.num(p);
  if (!c.aurora() || !window || *window == 0.0) return;  // 0 means off
  if (c.engine() != "aurora-mysql") {
    c.error_at_key(p, "backtrack.engine",
                   "spec.backtrack_window is only supported by aurora-mysql");
  } else if (c.serverless()) {
    c.error_at_key(p, "backtrack.serverless",
                   "spec.backtrack_window is only supported for provisioned clusters, not "
                   "with spec.serverless_v2_scaling");
  }
  if (c.has("/spec/global_database")) {
    c.error_at_key(p, "backtrack.global-database",
                   "spec.backtrack_window cannot be used with spec.global_database");
  }
}

}  // namespace

void check_instances_and_scaling(Context& c) {
  check_instance_classes(c);
  check_serverless(c);
  check_replica_autoscaling(c);
  check_instance_az(c);
  check_backtrack(c);
}

}  // namespace ag::semantic
