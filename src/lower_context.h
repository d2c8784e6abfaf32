// Shared state and helpers of the lowering stage, split by feature across lower_*.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine_version.h"
#include "ir.h"

namespace ag::lowering {

using nlohmann::json;

// Reads manifest fields with their reference defaults.
const json& at_path(const json& doc, const std::string& dotted);  // null json when absent
const json& get(const json& obj, const char* key);                // null json when absent
bool flag(const json& obj, const char* key, bool fallback);
std::int64_t integer(const json& obj, const char* key, std::int64_t fallback);
std::string text(const json& obj, const char* key, const std::string& fallback = "");
ir::Value number(const json& v);  // int stays int, a fraction stays a double

struct Context {
  const json& doc;   // the whole manifest
  const json& spec;  // doc["spec"]
  std::string name;  // metadata.name
  bool aurora;       // kind == AuroraCluster
  bool postgres;     // a PostgreSQL engine
  ir::Graph& graph;
  bool defaults_0_2 = false;  // LowerOptions::defaults_of_0_2
  // The manifest field (JSON pointer) resources added now come from: each lowering step
  // sets it, so that a resource's creation or deletion can be traced to a line.
  std::string origin = "/spec";

  // Name, Environment, ManagedBy and the user's tags, for a resource named `suffix`.
  ir::Value tags(const std::string& resource_name) const;
  // Adds a resource whose legacy_name is its name; callers change it for a resource 0.1
  // named otherwise or did not create.
  ir::Resource& add(std::string kind, std::string name, ir::Map props);
  bool has(const std::string& resource) const { return graph.find(resource) != nullptr; }
};

// A generated name's prefix, "<label>-", cut to the provider's limit for the kind (IAM
// roles allow 38 characters: 64 less the 26 of the unique suffix). Groups and roles are
// named this way so that a replacement can exist beside the resource it replaces.
std::string name_prefix(const std::string& label, std::size_t max = 229);
constexpr std::size_t kIamRolePrefixMax = 38;

std::int64_t engine_port(const Context& c);  // spec.port or the engine's default
// A security group with ingress on the engine port from allowed_cidr_blocks and
// allowed_security_group_ids; `what` names the protected thing in descriptions. Its
// outbound traffic is only what rules allow: AWS's default allow-all egress rule is
// revoked in every target (a database answers through its ingress rules, which are
// stateful; the proxy's one egress rule is to the database).
void add_client_security_group(Context& c, const std::string& name, const std::string& label,
                               const std::string& what);
// One TCP port opened on `group`: `kind` is security_group_ingress or security_group_egress,
// `peer_key` cidr_ipv4 or referenced_security_group_id.
struct TcpRule {
  const char* kind;
  std::string name;
  std::string group;
  std::string description;
  std::int64_t port;
  const char* peer_key;
  ir::Value peer;
};
ir::Resource& add_tcp_rule(Context& c, TcpRule rule);
// The database's security group ids: its own group plus network.security_group_ids.
ir::List security_group_ids(const Context& c);
// The database's subnets: network.subnet_ids, or the private subnets create_vpc makes.
ir::List database_subnets(const Context& c);
// The subnet group name: the created group's, or network.db_subnet_group_name.
ir::Value subnet_group_name(const Context& c);
// The key encrypting storage, secret and Performance Insights: created, given or absent.
std::optional<ir::Value> storage_key(const Context& c);
// The key policy statement by which the account administers a key it owns.
ir::Map account_administration();
// The endpoint name a call through `service` comes from, for kms:ViaService conditions.
ir::Value via_service(const std::string& service);
// The log types exported: the manifest's list, or the engine's default when it names none.
std::vector<std::string> log_exports(const Context& c);
// Whether the exports are aurora-gen's default (the manifest names none).
bool default_log_exports(const Context& c);
// Whether lowering creates a log group per exported log type (lower_log_groups).
bool creates_log_groups(const Context& c);
// A key policy statement that denies creating grants on the key except for AWS resources
// and AWS services (Control Tower's kms_create_grant_aws_service_check, CT.KMS.PR.3).
ir::Map deny_grants_outside_aws();
// Whether the master password lives in an RDS-managed secret.
bool managed_password(const Context& c);
bool global_secondary(const Context& c);

// Engine, credentials, networking, storage, backup, maintenance and logging properties that
// a cluster and a DB instance share.
void add_common_database(const Context& c, ir::Map& p);
// Parameter group, accessibility and minor-upgrade properties of one DB instance.
void add_instance_settings(const Context& c, ir::Map& p);
// Enhanced monitoring and Performance Insights properties of one DB instance.
void add_instance_monitoring(const Context& c, ir::Map& p);

// An IAM role `service` may assume, with AWS-managed policies attached; returns a
// reference to its ARN.
ir::Value role(Context& c, const std::string& name, const std::string& label,
               const std::string& service, const std::string& description,
               ir::List managed_policy_arns = {});

void lower_network(Context& c);     // subnet group, security group, ingress, VPC
void lower_kms(Context& c);         // customer-managed key
void lower_parameters(Context& c);  // cluster and instance parameter groups
void lower_monitoring_role(Context& c);
void lower_log_groups(Context& c);
void lower_cluster(Context& c);      // global cluster, cluster, instances, endpoints
void lower_db_instance(Context& c);  // RdsInstance
void lower_secret_rotation(Context& c);
void lower_autoscaling(Context& c);
void lower_proxy(Context& c);
void lower_alarms(Context& c);
void lower_outputs(Context& c);
void lower_lifecycle(Context& c);  // deletion, replacement and drift policy by kind
void lower_sources(Context& c);    // the manifest field each database property comes from

}  // namespace ag::lowering
