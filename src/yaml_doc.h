// A YAML document tree as emitters see it: data, not text. CloudFormation and Pulumi
// renderers build one; yaml_emitter turns it into bytes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ag::yaml {

struct Node;
struct Entry;

struct Node {
  enum class Kind {
    Null,
    Bool,
    Int,     // text holds the decimal digits
    Float,   // text holds the shortest round-tripping form
    String,  // always written double-quoted
    Symbol,  // a plain scalar the renderer vouches for: a key-like word such as
             // "AWS::RDS::DBCluster" or "Snapshot"; checked by the emitter, quoted if unsafe
    Seq,
    Map,
  };
  Kind kind = Kind::Null;
  std::string text;            // scalars
  std::string_view tag;        // "" or a local tag such as "!Ref", "!GetAtt": a literal
  std::vector<Node> items;     // Seq
  std::vector<Entry> entries;  // Map, in order

  static Node null();
  static Node boolean(bool b);
  static Node integer(long long i);
  static Node number(double d);
  static Node string(std::string s);
  static Node symbol(std::string s);
  // Overloads rather than `= {}` defaults: a default argument here would need Entry
  // complete (clang with libstdc++ refuses it).
  static Node seq();
  static Node seq(std::vector<Node> items);
  static Node map();
  static Node map(std::vector<Entry> entries);
  // Tags are string literals (a fixed set per target), so a node refers to its tag.
  template <std::size_t N>
  Node& tagged(const char (&t)[N]) & {
    tag = std::string_view(t, N - 1);
    return *this;
  }
  template <std::size_t N>
  Node&& tagged(const char (&t)[N]) && {
    return std::move(tagged(t));
  }
  // Appends to a Map node. On a temporary it yields the temporary, so that
  // `return Node::map().add(...)` moves rather than copies the tree.
  Node& add(std::string key, Node value) &;
  Node&& add(std::string key, Node value) && {
    return std::move(add(std::move(key), std::move(value)));
  }
};

struct Entry {
  std::string key;  // keys are written plain when safe, double-quoted otherwise
  Node value;
  std::string comment;  // written as "# ..." on the line(s) above the key
  // Written as "  # ..." at the end of the key's line (one line; explain's annotations).
  std::string trailing = {};
};

}  // namespace ag::yaml
