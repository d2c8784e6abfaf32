// The outputs every target exports (REFERENCE.md, "Outputs every target exports").
#include "lower_context.h"

namespace ag::lowering {
namespace {

void out(Context& c, std::string name, std::string description, ir::Value value) {
  c.graph.outputs.push_back({std::move(name), std::move(description), std::move(value)});
}

// Names say what the value is: an Aurora cluster endpoint follows whichever instance is the
// writer; the resource id is what IAM database authentication's policies name
// (rds-db:connect on arn:...:dbuser:<resource id>/<user>). An ARN is not a secret.
void database_outputs(Context& c) {
  const std::string db = c.aurora ? "cluster" : "db_instance";
  if (c.aurora) {
    out(c, "cluster_endpoint", "Cluster endpoint: always the current writer",
        ir::ref(db, "endpoint"));
    out(c, "reader_endpoint", "Load-balanced endpoint of the reader instances",
        ir::ref(db, "reader_endpoint"));
  } else {
    out(c, "endpoint", "Endpoint of the DB instance (its Multi-AZ standby takes it over)",
        ir::ref(db, "endpoint"));
  }
  out(c, "port", "Port the database listens on", ir::ref(db, "port"));
  out(c, c.aurora ? "cluster_identifier" : "instance_identifier",
      c.aurora ? "Identifier of the Aurora cluster" : "Identifier of the DB instance",
      ir::ref(db, "id"));
  out(c, c.aurora ? "cluster_arn" : "instance_arn",
      c.aurora ? "ARN of the Aurora cluster" : "ARN of the DB instance", ir::ref(db, "arn"));
  out(c, c.aurora ? "cluster_resource_id" : "instance_resource_id",
      "Resource id, for IAM database authentication policies (rds-db:connect)",
      ir::ref(db, "resource_id"));
  if (managed_password(c)) {
    out(c, "master_user_secret_arn",
        "ARN of the Secrets Manager secret holding the master password (the ARN, not the secret)",
        ir::ref(db, "secret_arn"));
  }
}

void network_outputs(Context& c) {
  out(c, "security_group_id", "Security group of the database", ir::ref("db_security_group", "id"));
  out(c, "db_subnet_group_name", "DB subnet group of the database", subnet_group_name(c));
  if (!c.has("vpc")) return;
  out(c, "vpc_id", "VPC created for the database", ir::ref("vpc", "id"));
  ir::List subnets;
  for (const ir::Resource& r : c.graph.resources) {
    if (r.kind == "subnet" && r.name.rfind("private_", 0) == 0) {
      subnets.push_back(ir::ref(r.name, "id"));
    }
  }
  out(c, "private_subnet_ids", "Private subnets of the database", subnets);
}

}  // namespace

void lower_outputs(Context& c) {
  database_outputs(c);
  network_outputs(c);
  if (c.has("proxy"))
    out(c, "proxy_endpoint", "Endpoint of the RDS Proxy", ir::ref("proxy", "endpoint"));
  for (const ir::Resource& r : c.graph.resources) {
    if (r.kind != "rds_cluster_endpoint") continue;
    const std::string name = r.name.substr(std::string("endpoint_").size());
    out(c, "custom_endpoint_" + name,
        "Custom endpoint " + ir::find(r.props, "cluster_endpoint_identifier")->as<std::string>(),
        ir::ref(r.name, "endpoint"));
  }
  if (c.has("kms_key"))
    out(c, "kms_key_arn", "ARN of the customer-managed KMS key", ir::ref("kms_key", "arn"));
  if (c.has("alarm_topic")) {
    out(c, "sns_topic_arn", "SNS topic the alarms notify", ir::ref("alarm_topic", "arn"));
  }
}

}  // namespace ag::lowering
