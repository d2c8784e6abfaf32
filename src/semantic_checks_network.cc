#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "cidr.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

std::uint32_t network_mask(int prefix) {
  return prefix == 0 ? 0u : ~std::uint32_t{0} << (32 - prefix);
}

// Reports and returns nullopt when the CIDR is malformed or has host bits set: AWS and
// Terraform refuse non-canonical blocks, so say which block was meant.
std::optional<Cidr> checked_cidr(Context& c, const std::string& pointer) {
  auto text = c.str(pointer);
  if (!text) return std::nullopt;
  auto cidr = parse_cidr(*text);
  if (!cidr) {
    c.error_at(pointer, "network.cidr",
               dotted(pointer) + " '" + *text + "' is not an IPv4 CIDR block",
               "write it as a.b.c.d/n with n from 0 to 32, such as 10.0.0.0/16");
    return std::nullopt;
  }
  const Cidr canonical{cidr->address & network_mask(cidr->prefix), cidr->prefix};
  if (canonical.address != cidr->address) {
    c.error_at(pointer, "network.cidr", dotted(pointer) + " '" + *text + "' has host bits set",
               "did you mean " + to_string(canonical) + "?");
    return std::nullopt;
  }
  return cidr;
}

void check_subnet_source(Context& c) {
  static const std::array<std::string, 3> kSources{
      "/spec/network/subnet_ids", "/spec/network/db_subnet_group_name", "/spec/network/create_vpc"};
  std::vector<std::string> present;
  for (const auto& p : kSources) {
    if (c.has(p)) present.push_back(p);
  }
  const std::string hint = "give exactly one of subnet_ids, db_subnet_group_name or create_vpc";
  if (present.empty()) {
    c.error_at_key("/spec/network", "network.subnet-source",
                   "spec.network says nowhere to place the database", hint);
  }
  for (std::size_t i = 1; i < present.size(); ++i) {
    c.error_at_key(present[i], "network.subnet-source",
                   dotted(present[i]) + " conflicts with " + dotted(present[0]), hint);
  }
}

void check_vpc_id(Context& c) {
  const bool create = c.has("/spec/network/create_vpc");
  const bool vpc_id = c.has("/spec/network/vpc_id");
  if (!create && !vpc_id) {
    c.error_at_key("/spec/network", "network.vpc-id-required",
                   "spec.network.vpc_id is required unless spec.network.create_vpc is given",
                   "the security group is created in this VPC");
  }
  if (create && vpc_id) {
    c.error_at_key("/spec/network/vpc_id", "network.vpc-id-with-create-vpc",
                   "spec.network.vpc_id cannot be combined with spec.network.create_vpc",
                   "remove vpc_id: the created VPC is used");
  }
}

void check_allowed_cidrs(Context& c) {
  const Json* list = c.find("/spec/network/allowed_cidr_blocks");
  if (list == nullptr || !list->is_array()) return;
  const bool is_public = c.flag("/spec/network/publicly_accessible", false);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = "/spec/network/allowed_cidr_blocks/" + std::to_string(i);
    auto cidr = checked_cidr(c, p);
    if (cidr && cidr->prefix == 0 && !is_public) {
      c.error_at(p, "network.public-cidr",
                 dotted(p) + " opens the database port to the whole internet",
                 "name the networks that need access, or set "
                 "spec.network.publicly_accessible: true if that is really meant");
    }
  }
}

void check_create_vpc_cidr(Context& c) {
  const std::string p = "/spec/network/create_vpc/cidr_block";
  auto cidr = checked_cidr(c, p);
  if (cidr && (cidr->prefix < 16 || cidr->prefix > 24)) {
    c.error_at(
        p, "network.cidr",
        dotted(p) + " must be a /16 to /24 block (got /" + std::to_string(cidr->prefix) + ")",
        "AWS allows VPCs from /16 to /28; /24 is the smallest that still leaves "
        "room for a subnet per AZ");
  }
}

// With create_vpc the instances can only be placed in the AZs the VPC has subnets in.
void check_zones_in_vpc(Context& c) {
  const Json* zones = c.find("/spec/network/create_vpc/availability_zones");
  if (zones == nullptr || !zones->is_array()) return;
  std::set<std::string> known;
  for (const auto& z : *zones) {
    if (z.is_string()) known.insert(z.get<std::string>());
  }
  auto check = [&](const std::string& p) {
    auto az = c.str(p);
    if (az && !known.count(*az)) {
      c.error_at(
          p, "network.reader-az",
          dotted(p) + " '" + *az + "' is not one of spec.network.create_vpc.availability_zones",
          "add it to create_vpc.availability_zones or pick one of those");
    }
  };
  check("/spec/instances/writer/availability_zone");
  check("/spec/availability_zone");
  const Json* readers = c.find("/spec/instances/readers/availability_zones");
  if (readers == nullptr || !readers->is_array()) return;
  for (std::size_t i = 0; i < readers->size(); ++i) {
    check("/spec/instances/readers/availability_zones/" + std::to_string(i));
  }
}

// Every availability zone a manifest names, by JSON pointer.
std::vector<std::string> zone_pointers(Context& c) {
  std::vector<std::string> out;
  for (const char* list : {"/spec/network/create_vpc/availability_zones",
                           "/spec/instances/readers/availability_zones"}) {
    const Json* zones = c.find(list);
    if (zones == nullptr || !zones->is_array()) continue;
    for (std::size_t i = 0; i < zones->size(); ++i) out.push_back(list + ("/" + std::to_string(i)));
  }
  for (const char* single :
       {"/spec/instances/writer/availability_zone", "/spec/availability_zone"}) {
    if (c.has(single)) out.push_back(single);
  }
  return out;
}

// A zone name is its region and a letter (us-east-1a). Zones of another region than the
// one pinned, or than the VPC's other zones, cannot be deployed together; and a created
// subnet's range follows from its zone's letter, a to h (lowering's subnet slots).
void check_zone_names(Context& c) {
  std::optional<std::string> region = c.str("/metadata/region");
  std::string region_from = "metadata.region";
  for (const std::string& p : zone_pointers(c)) {
    auto az = c.str(p);
    if (!az || az->size() < 2) continue;
    const std::string zone_region = az->substr(0, az->size() - 1);
    if (region && zone_region != *region) {
      c.error_at(p, "network.availability-zone",
                 dotted(p) + " '" + *az + "' is not in " + region_from + " " + *region,
                 "all zones of one manifest are in one region");
      continue;
    }
    if (!region) {
      region = zone_region;
      region_from = dotted(p) + "'s region";
    }
    const bool created = p.rfind("/spec/network/create_vpc/", 0) == 0;
    if (created && (az->back() < 'a' || az->back() > 'h')) {
      c.error_at(p, "network.availability-zone",
                 dotted(p) + " '" + *az + "': aurora-gen carves subnets for zones a to h only",
                 "use zones whose name ends in a letter from a to h");
    }
  }
}

// The database lands in the private subnets create_vpc makes; there is no public subnet
// with a route for it to be reachable from (Aurora User Guide, "Working with a DB instance
// in a VPC": a publicly accessible DB instance needs public subnets and an internet gateway).
void check_public_create_vpc(Context& c) {
  if (c.flag("/spec/network/publicly_accessible", false) && c.has("/spec/network/create_vpc")) {
    c.error_at("/spec/network/publicly_accessible", "network.public-create-vpc",
               "spec.network.publicly_accessible cannot be combined with create_vpc: the "
               "database is placed in the VPC's private subnets",
               "use subnet_ids or db_subnet_group_name of public subnets, or keep the "
               "database private and reach it through the VPC");
  }
}

// A security group with no ingress: nothing can connect, which is rarely the intent.
void check_no_ingress(Context& c) {
  if (c.has("/spec/network/allowed_cidr_blocks") ||
      c.has("/spec/network/allowed_security_group_ids")) {
    return;
  }
  c.warning_at_key("/spec/network", "network.no-ingress",
                   "no allowed_cidr_blocks and no allowed_security_group_ids: the database's "
                   "security group admits no one",
                   c.has("/spec/proxy")
                       ? "clients reach the proxy only from the sources listed here"
                       : "list the networks or security groups of the clients");
}

}  // namespace

void check_network(Context& c) {
  if (!c.has("/spec/network")) return;
  check_subnet_source(c);
  check_vpc_id(c);
  check_allowed_cidrs(c);
  check_create_vpc_cidr(c);
  check_zones_in_vpc(c);
  check_zone_names(c);
  check_public_create_vpc(c);
  check_no_ingress(c);
}

}  // namespace ag::semantic
