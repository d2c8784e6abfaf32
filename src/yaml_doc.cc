#include "yaml_doc.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace ag::yaml {

namespace {

Node scalar(Node::Kind kind, std::string text) {
  Node n;
  n.kind = kind;
  n.text = std::move(text);
  return n;
}

// Shortest round-tripping digits always carry a '.' so that YAML 1.1 readers (PyYAML, hence
// cfn-lint) resolve them as floats too: 1.1 requires a dot ("1e-07" would be a string) and
// both 1.1 and 1.2 would read "16" as an int.
std::string with_decimal_point(std::string digits) {
  if (digits.find('.') != std::string::npos) return digits;
  const std::size_t exponent = digits.find('e');
  if (exponent == std::string::npos) return digits + ".0";
  return digits.insert(exponent, ".0");
}

}  // namespace

Node Node::null() { return scalar(Kind::Null, "null"); }

Node Node::boolean(bool b) { return scalar(Kind::Bool, b ? "true" : "false"); }

Node Node::integer(long long i) { return scalar(Kind::Int, std::to_string(i)); }

Node Node::number(double d) {
  if (!std::isfinite(d)) throw std::invalid_argument("YAML number must be finite");
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  if (result.ec != std::errc()) throw std::invalid_argument("cannot format YAML number");
  return scalar(Kind::Float, with_decimal_point(std::string(buffer, result.ptr)));
}

Node Node::string(std::string s) { return scalar(Kind::String, std::move(s)); }

Node Node::symbol(std::string s) { return scalar(Kind::Symbol, std::move(s)); }

Node Node::seq() { return seq(std::vector<Node>{}); }

Node Node::seq(std::vector<Node> items) {
  Node n;
  n.kind = Kind::Seq;
  n.items = std::move(items);
  return n;
}

Node Node::map() { return map(std::vector<Entry>{}); }

Node Node::map(std::vector<Entry> entries) {
  Node n;
  n.kind = Kind::Map;
  n.entries = std::move(entries);
  return n;
}

Node& Node::add(std::string key, Node value) & {
  // A silent conversion would hide a renderer bug that drops data.
  if (kind != Kind::Map) throw std::logic_error("Node::add on a node that is not a map");
  // Maps are built an entry at a time and an Entry is large: room for a typical resource's
  // keys up front instead of moving them at 1, 2 and 4.
  if (entries.empty()) entries.reserve(8);
  entries.push_back(Entry{std::move(key), std::move(value), {}});
  return *this;
}

}  // namespace ag::yaml
