#include "naming.h"

#include <cctype>
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
  for (char c : snake) {
    if (c == '_') {
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

}  // namespace ag
