#include <cmath>
#include <limits>

#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

std::optional<std::size_t> array_index(std::string_view token) {
  if (token.empty() || token.size() > 9) return std::nullopt;
  std::size_t v = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  return v;
}

const Json* step(const Json& node, std::string_view token) {
  if (node.is_object()) {
    auto it = node.find(unescape_token(token));
    return it == node.end() ? nullptr : &*it;
  }
  if (node.is_array()) {
    auto i = array_index(token);
    return i && *i < node.size() ? &node[*i] : nullptr;
  }
  return nullptr;
}

}  // namespace

Context::Context(const Manifest& m, Diagnostics& diags) : m_(m), diags_(diags) {
  kind_ = str("/kind").value_or("");
  engine_ = str("/spec/engine").value_or("");
  if (auto v = str("/spec/engine_version")) version_ = parse_engine_version(engine_, *v);
}

const Json* Context::find(std::string_view pointer) const {
  const Json* node = &m_.doc;
  if (pointer.empty()) return node;
  if (pointer.front() != '/') return nullptr;
  std::size_t start = 1;
  for (;;) {
    const std::size_t slash = pointer.find('/', start);
    node =
        step(*node, pointer.substr(start, slash == std::string_view::npos ? std::string_view::npos
                                                                          : slash - start));
    if (node == nullptr || slash == std::string_view::npos) return node;
    start = slash + 1;
  }
}

std::optional<std::string> Context::str(std::string_view pointer) const {
  const Json* j = find(pointer);
  if (j == nullptr || !j->is_string()) return std::nullopt;
  return j->get<std::string>();
}

std::optional<double> Context::num(std::string_view pointer) const {
  const Json* j = find(pointer);
  if (j == nullptr || !j->is_number()) return std::nullopt;
  const double d = j->get<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

bool Context::flag(std::string_view pointer, bool fallback) const {
  const Json* j = find(pointer);
  return j != nullptr && j->is_boolean() ? j->get<bool>() : fallback;
}

bool Context::global_secondary() const {
  return aurora() && str("/spec/global_database/role") == "secondary";
}

void Context::error_at(const std::string& pointer, std::string rule, std::string message,
                       std::string hint) {
  diags_.error(std::move(rule), std::move(message), m_.map.at(pointer), std::move(hint));
}

void Context::error_at_key(const std::string& pointer, std::string rule, std::string message,
                           std::string hint) {
  diags_.error(std::move(rule), std::move(message), m_.map.key_at(pointer), std::move(hint));
}

void Context::warning_at(const std::string& pointer, std::string rule, std::string message,
                         std::string hint) {
  diags_.warning(std::move(rule), std::move(message), m_.map.at(pointer), std::move(hint));
}

void Context::warning_at_key(const std::string& pointer, std::string rule, std::string message,
                             std::string hint) {
  diags_.warning(std::move(rule), std::move(message), m_.map.key_at(pointer), std::move(hint));
}

}  // namespace ag::semantic
