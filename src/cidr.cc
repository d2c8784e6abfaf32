#include "cidr.h"

#include <charconv>

namespace ag {

std::optional<Cidr> parse_cidr(std::string_view text) {
  Cidr c;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int octet = 0; octet < 4; ++octet) {
    unsigned value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc() || value > 255 || next == p) return std::nullopt;
    c.address = (c.address << 8) | value;
    p = next;
    const char expected = octet < 3 ? '.' : '/';
    if (p == end || *p != expected) return std::nullopt;
    ++p;
  }
  auto [next, ec] = std::from_chars(p, end, c.prefix);
  if (ec != std::errc() || next != end || c.prefix < 0 || c.prefix > 32) return std::nullopt;
  return c;
}

std::string to_string(const Cidr& c) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += std::to_string((c.address >> shift) & 0xffu);
    out += shift > 0 ? "." : "/";
  }
  return out + std::to_string(c.prefix);
}

Cidr subnet(const Cidr& block, int new_prefix, std::uint32_t index) {
  const std::uint32_t host_bits = static_cast<std::uint32_t>(32 - new_prefix);
  const std::uint32_t mask = block.prefix == 0 ? 0 : ~0u << (32 - block.prefix);
  return {(block.address & mask) | (index << host_bits), new_prefix};
}

}  // namespace ag
