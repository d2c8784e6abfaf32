// IPv4 CIDR arithmetic for carving subnets out of a VPC block.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ag {

struct Cidr {
  std::uint32_t address = 0;  // host order
  int prefix = 0;
};

std::optional<Cidr> parse_cidr(std::string_view text);
std::string to_string(const Cidr& c);

// The `index`-th subnet of `block` with `new_prefix` bits (like Terraform's cidrsubnet()).
Cidr subnet(const Cidr& block, int new_prefix, std::uint32_t index);

}  // namespace ag
