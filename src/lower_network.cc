// Networking: the DB subnet group, the database security group and its ingress rules, and
// (with create_vpc) the VPC, subnets, gateways, route tables and endpoints.
#include "cidr.h"
#include "lower_context.h"
#include "naming.h"

namespace ag::lowering {
namespace {

// Subnets are carved with four extra prefix bits: 16 slots. A subnet's slot follows from its
// zone's letter (a → 0, b → 1, ...; public subnets 8 further), never from its position in
// the list, so adding or removing a zone, or adding NAT later, renumbers no subnet.
constexpr int kSubnetBits = 4;
constexpr std::uint32_t kPublicSlot = 8;

// 0.1 numbered list items by position: "private_subnet_1".
std::string numbered(const std::string& stem, std::size_t i) {
  return stem + "_" + std::to_string(i + 1);
}

struct Zone {
  std::string name;  // us-east-1a
  std::string key;   // us_east_1a
};

std::vector<Zone> zones_of(const json& create_vpc) {
  std::vector<std::string> names;
  for (const json& az : get(create_vpc, "availability_zones"))
    names.push_back(az.get<std::string>());
  const std::vector<std::string> keys = value_keys(names);
  std::vector<Zone> zones;
  for (std::size_t i = 0; i < names.size(); ++i) zones.push_back({names[i], keys[i]});
  return zones;
}

std::string subnet_name(bool is_public, const Zone& z) {
  return std::string(is_public ? "public_subnet_" : "private_subnet_") + z.key;
}

// The checks (network.availability-zones) keep zone letters within a–h.
std::uint32_t zone_slot(const Zone& z) { return static_cast<std::uint32_t>(z.name.back() - 'a'); }

void add_subnets(Context& c, const Cidr& block, const std::vector<Zone>& zones, bool is_public) {
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const Zone& z = zones[i];
    c.origin = "/spec/network/create_vpc/availability_zones/" + std::to_string(i);
    const std::uint32_t slot = zone_slot(z) + (is_public ? kPublicSlot : 0);
    const std::string label = c.name + (is_public ? "-public-" : "-private-") + z.name;
    ir::Map props{{"vpc_id", ir::ref("vpc", "id")},
                  {"cidr_block", to_string(subnet(block, block.prefix + kSubnetBits, slot))},
                  {"availability_zone", z.name},
                  {"map_public_ip_on_launch", false},
                  {"tags", c.tags(label)}};
    c.add("subnet", subnet_name(is_public, z), std::move(props)).legacy_name =
        numbered(is_public ? "public_subnet" : "private_subnet", i);
  }
}

ir::Resource& add_route_table(Context& c, const std::string& name, const std::string& label) {
  return c.add("route_table", name, {{"vpc_id", ir::ref("vpc", "id")}, {"tags", c.tags(label)}});
}

void associate(Context& c, const std::string& table, const std::string& subnet,
               const std::string& legacy_subnet) {
  c.add("route_table_association", subnet + "_route",
        {{"route_table_id", ir::ref(table, "id")}, {"subnet_id", ir::ref(subnet, "id")}})
      .legacy_name = legacy_subnet + "_route";
}

ir::Resource& add_default_route(Context& c, const std::string& table, const std::string& target_key,
                                const std::string& target) {
  ir::Resource& r = c.add("route", table + "_default",
                          {{"route_table_id", ir::ref(table, "id")},
                           {"destination_cidr_block", "0.0.0.0/0"},
                           {target_key, ir::ref(target, "id")}});
  if (target_key == "gateway_id") r.depends_on.push_back(target);
  return r;
}

// NAT gateways are named after their zone, so `single` → `one_per_az` keeps the first
// gateway and its Elastic IP (the address clients may have allow-listed).
std::string nat_name(const Zone& z) { return "nat_gateway_" + z.key; }

void add_public_network(Context& c, const std::vector<Zone>& zones, std::size_t nats) {
  c.origin = "/spec/network/create_vpc/nat_gateways";
  c.add("internet_gateway", "internet_gateway",
        {{"vpc_id", ir::ref("vpc", "id")}, {"tags", c.tags(c.name + "-igw")}});
  add_route_table(c, "public_route_table", c.name + "-public");
  add_default_route(c, "public_route_table", "gateway_id", "internet_gateway");
  for (std::size_t i = 0; i < zones.size(); ++i) {
    associate(c, "public_route_table", subnet_name(true, zones[i]), numbered("public_subnet", i));
  }
  for (std::size_t i = 0; i < nats; ++i) {
    const Zone& z = zones[i];
    const std::string label = c.name + "-nat-" + z.name;
    const std::string eip = "nat_eip_" + z.key;
    ir::Resource& e = c.add("eip", eip, {{"domain", "vpc"}, {"tags", c.tags(label)}});
    e.depends_on.push_back("internet_gateway");
    e.legacy_name = numbered("nat_eip", i);
    c.add("nat_gateway", nat_name(z),
          {{"allocation_id", ir::ref(eip, "allocation_id")},
           {"subnet_id", ir::ref(subnet_name(true, z), "id")},
           {"tags", c.tags(label)}})
        .legacy_name = numbered("nat_gateway", i);
  }
}

// One private route table per zone whatever the NAT mode, so changing the mode only
// changes routes. With one NAT gateway every zone routes through it; with one per zone,
// each through its own.
std::vector<std::string> add_private_routing(Context& c, const std::vector<Zone>& zones,
                                             std::size_t nats) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const Zone& z = zones[i];
    c.origin = "/spec/network/create_vpc/availability_zones/" + std::to_string(i);
    const std::string name = "private_route_table_" + z.key;
    // 0.1 made one shared table unless there was a NAT gateway per zone.
    const std::string legacy = nats > 1 ? numbered("private_route_table", i)
                               : i == 0 ? "private_route_table"
                                        : "";
    add_route_table(c, name, c.name + "-private-" + z.name).legacy_name = legacy;
    if (nats > 0) {
      const Zone& nat_zone = nats > 1 ? z : zones.front();
      add_default_route(c, name, "nat_gateway_id", nat_name(nat_zone)).legacy_name =
          legacy.empty() ? "" : legacy + "_default";
    }
    associate(c, name, subnet_name(false, z), numbered("private_subnet", i));
    names.push_back(name);
  }
  return names;
}

// "com.amazonaws.<region>.<service>", "cn.com.amazonaws.<region>.<service>" in China: from
// the deployment, never from metadata.region, so the artifact is right wherever it runs.
ir::Value service_name(const std::string& service) {
  return ir::Concat{{ir::Pseudo::ReverseDnsPrefix, ".", ir::Pseudo::Region, "." + service}};
}

void add_endpoint_security_group(Context& c, const std::string& cidr) {
  c.add("security_group", "endpoint_security_group",
        {{"name_prefix", name_prefix(c.name + "-endpoints")},
         {"description", "HTTPS from the VPC to the interface endpoints of " + c.name},
         {"vpc_id", ir::ref("vpc", "id")},
         {"revoke_default_egress", true},
         {"tags", c.tags(c.name + "-endpoints")}});
  add_tcp_rule(c, {"security_group_ingress", "endpoint_ingress_https", "endpoint_security_group",
                   "HTTPS from the VPC", 443, "cidr_ipv4", cidr});
}

void add_endpoints(Context& c, const json& create_vpc, const std::vector<std::string>& tables) {
  const json& services = get(create_vpc, "vpc_endpoints");
  if (!services.is_array() || services.empty()) return;
  ir::List table_refs;
  for (const std::string& t : tables) table_refs.push_back(ir::ref(t, "id"));
  const ir::List subnet_refs = database_subnets(c);
  bool interface_sg = false;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::string service = services[i].get<std::string>();
    c.origin = "/spec/network/create_vpc/vpc_endpoints/" + std::to_string(i);
    const bool gateway = service == "s3";
    ir::Map props{{"vpc_id", ir::ref("vpc", "id")},
                  {"service_name", service_name(service)},
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
  c.origin = "/spec/network/create_vpc";
  const Cidr block = *parse_cidr(text(create_vpc, "cidr_block"));
  const std::vector<Zone> zones = zones_of(create_vpc);
  const std::string nat = text(create_vpc, "nat_gateways", "none");
  const std::size_t nats = nat == "one_per_az" ? zones.size() : nat == "single" ? 1 : 0;
  c.add("vpc", "vpc",
        {{"cidr_block", text(create_vpc, "cidr_block")},
         {"enable_dns_support", true},
         {"enable_dns_hostnames", true},
         {"tags", c.tags(c.name)}});
  add_subnets(c, block, zones, false);
  if (nats > 0) {
    add_subnets(c, block, zones, true);
    add_public_network(c, zones, nats);
  }
  const std::vector<std::string> tables = add_private_routing(c, zones, nats);
  add_endpoints(c, create_vpc, tables);
}

// One rule per allowed source, named after the source ("ingress_cidr_10_0_0_0_16",
// "ingress_sg_0123456789abcdef0"), so removing one source deletes only its rule.
void add_ingress(Context& c, const std::string& group, const std::string& stem, const json& sources,
                 const char* source_key, const std::string& what) {
  if (!sources.is_array()) return;
  std::vector<std::string> values;
  for (const json& s : sources) values.push_back(s.get<std::string>());
  std::vector<std::string> keys = value_keys(values);
  const std::string list = source_key == std::string("cidr_ipv4")
                               ? "/spec/network/allowed_cidr_blocks/"
                               : "/spec/network/allowed_security_group_ids/";
  for (std::size_t i = 0; i < values.size(); ++i) {
    c.origin = list + std::to_string(i);
    std::string key = keys[i];
    if (key.rfind("sg_", 0) == 0) key.erase(0, 3);  // the stem already says "sg"
    add_tcp_rule(c, {"security_group_ingress", stem + "_" + key, group, what + " from " + values[i],
                     engine_port(c), source_key, values[i]})
        .legacy_name = numbered(stem, i);
  }
}

}  // namespace

std::int64_t engine_port(const Context& c) {
  return integer(c.spec, "port", c.postgres ? 5432 : 3306);
}

ir::Resource& add_tcp_rule(Context& c, TcpRule rule) {
  return c.add(rule.kind, rule.name,
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
  const std::string origin = c.origin;
  c.add("security_group", name,
        {{"name_prefix", name_prefix(label)},
         {"description", what + " access to " + c.name},
         {"vpc_id", vpc},
         {"revoke_default_egress", true},
         {"tags", c.tags(label)}});
  const std::string stem = name == "db_security_group" ? "ingress" : name + "_ingress";
  add_ingress(c, name, stem + "_cidr", get(network, "allowed_cidr_blocks"), "cidr_ipv4", what);
  add_ingress(c, name, stem + "_sg", get(network, "allowed_security_group_ids"),
              "referenced_security_group_id", what);
  c.origin = origin;
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
  for (const Zone& z : zones_of(get(network, "create_vpc"))) {
    ids.push_back(ir::ref(subnet_name(false, z), "id"));
  }
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
  c.origin = "/spec/network";
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
