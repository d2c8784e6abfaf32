#include "pulumi_text.h"

#include <stdexcept>

namespace ag::pulumi {

std::string literal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

std::string interpolation(std::string_view path) {
  for (char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '[' || c == ']' || c == '_';
    if (!ok) throw std::invalid_argument("not a Pulumi property path: " + std::string(path));
  }
  return "${" + std::string(path) + "}";
}

bool is_builtin_key(std::string_view key) {
  return key.size() >= 4 && (key.substr(0, 4) == "fn::" || key.substr(0, 4) == "Fn::");
}

}  // namespace ag::pulumi
