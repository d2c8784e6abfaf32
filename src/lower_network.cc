// Networking: the DB subnet group, the database security group and its ingress rules, and
// (with create_vpc) the VPC, subnets, gateways, route tables and endpoints.
#include "cidr.h"
#include "lower_context.h"

namespace ag::lowering {
namespace {

// Subnets are carved with four extra prefix bits: 16 slots, private ones first (one per AZ,
// at most 6), public ones from slot 8, so adding NAT later never renumbers private subnets.
constexpr int kSubnetBits = 4;
constexpr std::uint32_t kPublicSlot = 8;

std::string numbered(const std::string& stem, std::size_t i) {
  return stem + "_" + std::to_string(i + 1);
}

std::vector<std::string> azs_of(const json& create_vpc) {
  std::vector<std::string> azs;
  for (const json& az : get(create_vpc, "availability_zones")) azs.push_back(az.get<std::string>());
  return azs;
}

void add_subnets(Context& c, const Cidr& block, const std::vector<std::string>& azs,
                 bool is_public) {
  const std::string stem = is_public ? "public_subnet" : "private_subnet";
  for (std::size_t i = 0; i < azs.size(); ++i) {
    const auto slot = static_cast<std::uint32_t>(i) + (is_public ? kPublicSlot : 0);
    const std::string label = c.name + (is_public ? "-public-" : "-private-") + azs[i];
    ir::Map props{{"vpc_id", ir::ref("vpc", "id")},
                  {"cidr_block", to_string(subnet(block, block.prefix + kSubnetBits, slot))},
                  {"availability_zone", azs[i]},
                  {"map_public_ip_on_launch", false},
                  {"tags", c.tags(label)}};
    c.add("subnet", numbered(stem, i), std::move(props));
  }
}

void add_route_table(Context& c, const std::string& name, const std::string& label) {
  c.add("route_table", name, {{"vpc_id", ir::ref("vpc", "id")}, {"tags", c.tags(label)}});
}

void associate(Context& c, const std::string& table, const std::string& subnet_name) {
  c.add("route_table_association", subnet_name + "_route",
        {{"route_table_id", ir::ref(table, "id")}, {"subnet_id", ir::ref(subnet_name, "id")}});
}

void add_default_route(Context& c, const std::string& table, const std::string& target_key,
                       const std::string& target) {
  ir::Resource& r = c.add("route", table + "_default",
                          {{"route_table_id", ir::ref(table, "id")},
                           {"destination_cidr_block", "0.0.0.0/0"},
                           {target_key, ir::ref(target, "id")}});
  if (target_key == "gateway_id") r.depends_on.push_back(target);
}

void add_public_network(Context& c, const std::vector<std::string>& azs, std::size_t nats) {
  c.add("internet_gateway", "internet_gateway",
        {{"vpc_id", ir::ref("vpc", "id")}, {"tags", c.tags(c.name + "-igw")}});
  add_route_table(c, "public_route_table", c.name + "-public");
  add_default_route(c, "public_route_table", "gateway_id", "internet_gateway");
  for (std::size_t i = 0; i < azs.size(); ++i) {
    associate(c, "public_route_table", numbered("public_subnet", i));
  }
  for (std::size_t i = 0; i < nats; ++i) {
    const std::string label = c.name + "-nat-" + azs[i];
    ir::Resource& eip =
        c.add("eip", numbered("nat_eip", i), {{"domain", "vpc"}, {"tags", c.tags(label)}});
    eip.depends_on.push_back("internet_gateway");
    c.add("nat_gateway", numbered("nat_gateway", i),
          {{"allocation_id", ir::ref(numbered("nat_eip", i), "allocation_id")},
           {"subnet_id", ir::ref(numbered("public_subnet", i), "id")},
           {"tags", c.tags(label)}});
  }
}

// One private route table per NAT gateway (per AZ with one_per_az), else one shared table.
std::vector<std::string> add_private_routing(Context& c, const std::vector<std::string>& azs,
                                             std::size_t nats) {
  const std::size_t tables = nats > 1 ? azs.size() : 1;
  std::vector<std::string> names;
  for (std::size_t t = 0; t < tables; ++t) {
    const std::string name =
        tables == 1 ? "private_route_table" : numbered("private_route_table", t);
    add_route_table(c, name, c.name + "-private" + (tables == 1 ? "" : "-" + azs[t]));
    if (nats > 0) add_default_route(c, name, "nat_gateway_id", numbered("nat_gateway", t));
    names.push_back(name);
  }
  for (std::size_t i = 0; i < azs.size(); ++i) {
    associate(c, names[tables == 1 ? 0 : i], numbered("private_subnet", i));
  }
  return names;
}

ir::Value service_name(const Context& c, const std::string& service) {
  if (c.graph.region) return "com.amazonaws." + *c.graph.region + "." + service;
  return ir::Concat{{"com.amazonaws.", ir::Pseudo::Region, "." + service}};
}

void add_endpoint_security_group(Context& c, const std::string& cidr) {
  c.add("security_group", "endpoint_security_group",
        {{"name", c.name + "-endpoints"},
         {"description", "HTTPS from the VPC to the interface endpoints of " + c.name},
         {"vpc_id", ir::ref("vpc", "id")},
         {"tags", c.tags(c.name + "-endpoints")}});
  add_tcp_rule(c, {"security_group_ingress", "endpoint_ingress_https", "endpoint_security_group",
                   "HTTPS from the VPC", 443, "cidr_ipv4", cidr});
}

void add_endpoints(Context& c, const json& create_vpc, const std::vector<std::string>& tables,
                   std::size_t az_count) {
  const json& services = get(create_vpc, "vpc_endpoints");
  if (!services.is_array() || services.empty()) return;
  ir::List table_refs, subnet_refs;
  for (const std::string& t : tables) table_refs.push_back(ir::ref(t, "id"));
  for (std::size_t i = 0; i < az_count; ++i) {
    subnet_refs.push_back(ir::ref(numbered("private_subnet", i), "id"));
  }
  bool interface_sg = false;
  for (const json& s : services) {
    const std::string service = s.get<std::string>();
    const bool gateway = service == "s3";
    ir::Map props{{"vpc_id", ir::ref("vpc", "id")},
                  {"service_name", service_name(c, service)},
                  {"vpc_endpoint_type", gateway ? "Gateway" : "Interface"}};
    if (gateway) {
      props.push_back({"route_table_ids", table_refs});
    } else {
      if (!interface_sg) add_endpoint_security_group(c, text(create_vpc, "cidr_block"));
      interface_sg = true;
      props.push_back({"subnet_ids", subnet_refs});
      props.push_back({"security_group_ids", ir::List{ir::ref("endpoint_security_group", "id")}});
      props.push_back({"private_dns_enabled", true});
    }
    props.push_back({"tags", c.tags(c.name + "-" + service)});
    c.add("vpc_endpoint", service + "_endpoint", std::move(props));
  }
}

void lower_vpc(Context& c, const json& create_vpc) {
  const Cidr block = *parse_cidr(text(create_vpc, "cidr_block"));
  const std::vector<std::string> azs = azs_of(create_vpc);
  const std::string nat = text(create_vpc, "nat_gateways", "none");
  const std::size_t nats = nat == "one_per_az" ? azs.size() : nat == "single" ? 1 : 0;
  c.add("vpc", "vpc",
        {{"cidr_block", text(create_vpc, "cidr_block")},
         {"enable_dns_support", true},
         {"enable_dns_hostnames", true},
         {"tags", c.tags(c.name)}});
  add_subnets(c, block, azs, false);
  if (nats > 0) {
    add_subnets(c, block, azs, true);
    add_public_network(c, azs, nats);
  }
  const std::vector<std::string> tables = add_private_routing(c, azs, nats);
  add_endpoints(c, create_vpc, tables, azs.size());
}

void add_ingress(Context& c, const std::string& group, const std::string& stem, const json& sources,
                 const char* source_key, const std::string& what) {
  if (!sources.is_array()) return;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::string source = sources[i].get<std::string>();
    add_tcp_rule(c, {"security_group_ingress", numbered(stem, i), group, what + " from " + source,
                     engine_port(c), source_key, source});
  }
}

}  // namespace

std::int64_t engine_port(const Context& c) {
  return integer(c.spec, "port", c.postgres ? 5432 : 3306);
}

void add_tcp_rule(Context& c, TcpRule rule) {
  c.add(rule.kind, rule.name,
        {{"security_group_id", ir::ref(rule.group, "id")},
         {"description", std::move(rule.description)},
         {"ip_protocol", "tcp"},
         {"from_port", rule.port},
         {"to_port", rule.port},
         {rule.peer_key, std::move(rule.peer)}});
}

// The security group clients reach the database (or its proxy) through.
void add_client_security_group(Context& c, const std::string& name, const std::string& label,
                               const std::string& what) {
  const json& network = get(c.spec, "network");
  const ir::Value vpc =
      network.contains("create_vpc") ? ir::ref("vpc", "id") : ir::Value(text(network, "vpc_id"));
  c.add("security_group", name,
        {{"name", label},
         {"description", what + " access to " + c.name},
         {"vpc_id", vpc},
         {"tags", c.tags(label)}});
  const std::string stem = name == "db_security_group" ? "ingress" : name + "_ingress";
  add_ingress(c, name, stem + "_cidr", get(network, "allowed_cidr_blocks"), "cidr_ipv4", what);
  add_ingress(c, name, stem + "_sg", get(network, "allowed_security_group_ids"),
              "referenced_security_group_id", what);
}

ir::List security_group_ids(const Context& c) {
  ir::List ids{ir::ref("db_security_group", "id")};
  const json& extra = get(get(c.spec, "network"), "security_group_ids");
  if (extra.is_array()) {
    for (const json& id : extra) ids.push_back(id.get<std::string>());
  }
  return ids;
}

ir::List database_subnets(const Context& c) {
  const json& network = get(c.spec, "network");
  ir::List ids;
  if (network.contains("subnet_ids")) {
    for (const json& s : get(network, "subnet_ids")) ids.push_back(s.get<std::string>());
    return ids;
  }
  const std::size_t n = get(get(network, "create_vpc"), "availability_zones").size();
  for (std::size_t i = 0; i < n; ++i) ids.push_back(ir::ref(numbered("private_subnet", i), "id"));
  return ids;
}

ir::Value subnet_group_name(const Context& c) {
  const json& network = get(c.spec, "network");
  if (network.contains("db_subnet_group_name")) return text(network, "db_subnet_group_name");
  return ir::ref("subnet_group", "name");
}

void lower_network(Context& c) {
  const json& network = get(c.spec, "network");
  if (network.contains("create_vpc")) lower_vpc(c, get(network, "create_vpc"));
  if (!network.contains("db_subnet_group_name")) {
    c.add("db_subnet_group", "subnet_group",
          {{"name", c.name + "-subnets"},
           {"description", "Subnets of " + c.name},
           {"subnet_ids", database_subnets(c)},
           {"tags", c.tags(c.name + "-subnets")}});
  }
  add_client_security_group(c, "db_security_group", c.name + "-db", "Database");
}

}  // namespace ag::lowering
