#include "graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

namespace ag::graph {
namespace {

// One row per IR kind: the group follows what the resource is for (the templates split
// their files much the same way, but place security groups beside the network in some
// targets; here access control is security).
const std::map<std::string, Group, std::less<>>& group_table() {
  static const std::map<std::string, Group, std::less<>> table = {
      {"vpc", Group::Network},
      {"subnet", Group::Network},
      {"internet_gateway", Group::Network},
      {"eip", Group::Network},
      {"nat_gateway", Group::Network},
      {"route_table", Group::Network},
      {"route", Group::Network},
      {"route_table_association", Group::Network},
      {"vpc_endpoint", Group::Network},
      {"rds_global_cluster", Group::Database},
      {"rds_cluster", Group::Database},
      {"rds_cluster_instance", Group::Database},
      {"rds_cluster_endpoint", Group::Database},
      {"db_instance", Group::Database},
      {"db_subnet_group", Group::Database},
      {"cluster_parameter_group", Group::Database},
      {"db_parameter_group", Group::Database},
      {"option_group", Group::Database},
      {"db_proxy", Group::Database},
      {"db_proxy_target_group", Group::Database},
      {"security_group", Group::Security},
      {"security_group_ingress", Group::Security},
      {"security_group_egress", Group::Security},
      {"kms_key", Group::Security},
      {"kms_alias", Group::Security},
      {"iam_role", Group::Security},
      {"iam_role_policy", Group::Security},
      {"secret_rotation", Group::Security},
      {"log_group", Group::Monitoring},
      {"metric_alarm", Group::Monitoring},
      {"sns_topic", Group::Monitoring},
      {"sns_subscription", Group::Monitoring},
      {"scalable_target", Group::Monitoring},
      {"scaling_policy", Group::Monitoring},
  };
  return table;
}

// Edges keyed by (from index, to index, kind), so that the map's order is the output order.
using EdgeKey = std::tuple<std::size_t, std::size_t, EdgeKind>;

std::size_t index_of(const std::map<std::string, std::size_t>& index, const std::string& from,
                     const std::string& to) {
  const auto it = index.find(to);
  if (it == index.end()) {
    throw std::logic_error("resource '" + from + "' refers to '" + to +
                           "', which is not in the graph");
  }
  return it->second;
}

}  // namespace

std::string_view group_name(Group g) {
  switch (g) {
    case Group::Network:
      return "network";
    case Group::Database:
      return "database";
    case Group::Security:
      return "security";
    case Group::Monitoring:
      return "monitoring";
  }
  return "";
}

bool has_group(std::string_view kind) { return group_table().contains(kind); }

Group group_of(std::string_view kind) {
  const auto it = group_table().find(kind);
  if (it == group_table().end()) {
    throw std::logic_error("no graph group for IR kind '" + std::string(kind) + "'");
  }
  return it->second;
}

Graph build(const ir::Graph& g) {
  Graph out{g.name, {}, {}};
  std::map<std::string, std::size_t> index;
  for (const ir::Resource& r : g.resources) {
    index.emplace(r.name, out.nodes.size());
    out.nodes.push_back({r.name, r.kind, group_of(r.kind)});
  }
  std::map<EdgeKey, std::set<std::string>> edges;
  for (std::size_t from = 0; from < g.resources.size(); ++from) {
    const ir::Resource& r = g.resources[from];
    for (const ir::Member& m : r.props) {
      ir::for_each_ref(m.value, [&](const ir::Ref& ref) {
        const std::size_t to = index_of(index, r.name, ref.resource);
        if (to != from) edges[{from, to, EdgeKind::Reference}].insert(ref.attribute);
      });
    }
    for (const std::string& d : r.depends_on) {
      edges[{from, index_of(index, r.name, d), EdgeKind::DependsOn}];
    }
  }
  for (const auto& [key, attributes] : edges) {
    const auto& [from, to, kind] = key;
    out.edges.push_back({out.nodes[from].name, out.nodes[to].name, kind,
                         std::vector<std::string>(attributes.begin(), attributes.end())});
  }
  return out;
}

}  // namespace ag::graph
