// A compact binary form of a YAML or JSON tree, read in place.
//
// The templates, the schema and the engine data are YAML and JSON files, the readable source
// of truth; parsing them on every call cost more than compiling a manifest. The asset
// compiler (src/assetc) turns each into this form at build time, and the binary reads it
// without a parser: a lookup skips whole subtrees by their stored size, so a check that
// needs one engine of the catalog never touches the others.
//
// Layout, one node after another, little-endian varints ("n" = a varint):
//   'z' null | 't' true | 'f' false | 'i' zigzag-n integer | 'd' 8-byte IEEE double
//   's' n bytes                      a string (UTF-8, unterminated)
//   'l' n(count) n(bytes) items...   a list; `bytes` is the size of the items
//   'm' n(count) n(bytes) (n key-bytes, node)...   a map, members in source order
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ir.h"

namespace ag::tree {

enum class Kind { Null, Bool, Int, Double, String, List, Map };

// A node of an encoded tree. Cheap to copy; valid while the bytes it points into are.
// Reading a node of the wrong kind, or a truncated tree, throws std::runtime_error.
class View {
 public:
  View() = default;  // null
  explicit View(std::string_view bytes);

  Kind kind() const;
  bool is_map() const { return kind() == Kind::Map; }
  bool is_list() const { return kind() == Kind::List; }
  bool is_string() const { return kind() == Kind::String; }

  bool boolean() const;
  std::int64_t integer() const;
  double number() const;  // an Int or a Double
  std::string_view string() const;
  std::string str() const { return std::string(string()); }

  // Lists and maps: how many items or members.
  std::size_t size() const;
  // A map's member, or a null View when there is none (find) or an error (at).
  View find(std::string_view key) const;
  View at(std::string_view key) const;
  bool contains(std::string_view key) const;

  // Iteration: `for (View item : list.items())`, `for (auto [key, value] : map.members())`.
  class Iterator;
  struct Range;
  Range items() const;
  Range members() const;

  // The encoded bytes of this node (and everything below it).
  std::string_view bytes() const { return {data_, size_}; }

 private:
  friend class Iterator;
  View(const char* data, std::size_t size) : data_(data), size_(size) {}
  std::size_t header(std::size_t& count) const;  // offset of the first child

  const char* data_ = kNull;
  std::size_t size_ = 1;
  static constexpr const char* kNull = "z";
};

// One member of a map (key empty for list items).
struct Entry {
  std::string_view key;
  View value;
};

class View::Iterator {
 public:
  Iterator(const char* pos, const char* end, bool keyed) : pos_(pos), end_(end), keyed_(keyed) {}
  Entry operator*() const;
  Iterator& operator++();
  bool operator!=(const Iterator& o) const { return pos_ != o.pos_; }

 private:
  const char* pos_;
  const char* end_;
  bool keyed_;
};

struct View::Range {
  Iterator first, last;
  Iterator begin() const { return first; }
  Iterator end() const { return last; }
};

// Writing, for the asset compiler and for files read from --templates-dir at run time.
class Writer {
 public:
  void null();
  void boolean(bool b);
  void integer(std::int64_t i);
  void number(double d);
  void string(std::string_view s);
  // A list or map: begin, then the items (for a map: key() before each value), then end.
  void begin_list();
  void begin_map();
  void key(std::string_view k);
  void end();

  std::string take();  // the encoded tree; the writer is empty afterwards

 private:
  struct Open {
    std::size_t start;  // where the container's items begin in `out_`
    std::size_t count;
    char tag;
  };
  void item();  // counts a node in the innermost open container
  std::string out_;
  std::vector<Open> open_;
};

// ir::Value ↔ tree, for templates. Only plain data (null, bool, numbers, strings, lists,
// maps) has an encoding; encode() throws std::invalid_argument on anything else.
std::string encode(const ir::Value& v);
ir::Value to_value(View v);

}  // namespace ag::tree
