// Read-replica autoscaling: an Application Auto Scaling target and target-tracking policy.
#include "lower_context.h"

namespace ag::lowering {

void lower_autoscaling(Context& c) {
  const json& a = get(c.spec, "read_replica_autoscaling");
  if (!a.is_object() || !c.aurora) return;
  const ir::Value resource_id = ir::Concat{{"cluster:", ir::ref("cluster", "id")}};
  c.origin = "/spec/read_replica_autoscaling";
  ir::Resource& target = c.add("scalable_target", "replica_scaling_target",
                               {{"service_namespace", "rds"},
                                {"scalable_dimension", "rds:cluster:ReadReplicaCount"},
                                {"resource_id", resource_id},
                                {"min_capacity", integer(a, "min_capacity", 0)},
                                {"max_capacity", integer(a, "max_capacity", 1)}});
  // Scaling adds readers by copying the cluster's instances: it needs the writer first.
  target.depends_on.push_back("writer");
  const bool cpu = a.contains("target_cpu_utilization");
  c.add("scaling_policy", "replica_scaling_policy",
        {{"name", c.name + (cpu ? "-reader-cpu" : "-reader-connections")},
         {"policy_type", "TargetTrackingScaling"},
         {"scalable_target", ir::ref("replica_scaling_target", "id")},
         {"service_namespace", ir::ref("replica_scaling_target", "service_namespace")},
         {"scalable_dimension", ir::ref("replica_scaling_target", "scalable_dimension")},
         {"resource_id", ir::ref("replica_scaling_target", "resource_id")},
         {"predefined_metric_type",
          cpu ? "RDSReaderAverageCPUUtilization" : "RDSReaderAverageDatabaseConnections"},
         {"target_value",
          number(cpu ? get(a, "target_cpu_utilization") : get(a, "target_connections"))},
         {"scale_in_cooldown", integer(a, "scale_in_cooldown", 300)},
         {"scale_out_cooldown", integer(a, "scale_out_cooldown", 300)}});
}

}  // namespace ag::lowering
