#include "naming.h"

#include <cctype>
#include <cstdint>
#include <map>
#include <stdexcept>

namespace ag {
namespace {

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

void require_snake(std::string_view s) {
  if (!is_snake_identifier(s)) {
    throw std::invalid_argument("not a snake_case name: '" + std::string(s) + "'");
  }
}

}  // namespace

bool is_snake_identifier(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string pascal_case(std::string_view snake) {
  require_snake(snake);
  std::string out;
  bool start = true;
  for (std::size_t i = 0; i < snake.size(); ++i) {
    const char c = snake[i];
    if (c == '_') {
      const bool between_digits =
          i > 0 && i + 1 < snake.size() && std::isdigit(snake[i - 1]) && std::isdigit(snake[i + 1]);
      if (between_digits) out += 'x';
      start = true;
      continue;
    }
    out += start ? upper(c) : c;
    start = false;
  }
  return out;
}

std::string camel_case(std::string_view snake) {
  std::string out = pascal_case(snake);
  out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

std::string value_key(std::string_view value) {
  std::string out;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

namespace {

// FNV-1a, 32 bits: stable across platforms and releases, which is all a name needs.
std::string short_hash(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
  return out;
}

}  // namespace

std::vector<std::string> value_keys(const std::vector<std::string>& values) {
  std::map<std::string, int> seen;
  std::vector<std::string> keys;
  for (const std::string& v : values) keys.push_back(value_key(v));
  for (const std::string& k : keys) ++seen[k];
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (seen[keys[i]] > 1 || keys[i].empty()) {
      keys[i] = (keys[i].empty() ? "" : keys[i] + "_") + short_hash(values[i]);
    }
  }
  return keys;
}

}  // namespace ag
