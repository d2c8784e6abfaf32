// A loaded manifest: the JSON document tree and where each node came from.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "diagnostics.h"

namespace ag {

// Maps a JSON pointer ("/spec/network/subnet_ids/0", "" for the root) to the position of
// the node's value and, for mapping members, of its key.
class SourceMap {
 public:
  explicit SourceMap(std::string file = {}) : file_(std::move(file)) {}

  void set_value(const std::string& pointer, int line, int col);
  void set_key(const std::string& pointer, int line, int col);

  // The value's position; falls back to the nearest ancestor that has one.
  Location at(const std::string& pointer) const;
  // The key's position (for "unknown field" errors); falls back to at().
  Location key_at(const std::string& pointer) const;
  const std::string& file() const { return file_; }

 private:
  struct Pos {
    int line;
    int col;
  };
  Location lookup(const std::map<std::string, Pos>& m, std::string pointer) const;
  std::string file_;
  std::map<std::string, Pos> values_;
  std::map<std::string, Pos> keys_;
};

struct Manifest {
  std::string path;    // as given on the command line; used in diagnostics
  nlohmann::json doc;  // integers stay integers, quoted scalars stay strings
  SourceMap map;
};

// Appends one reference token to a JSON pointer, escaping '~' and '/' (RFC 6901).
std::string pointer_append(const std::string& pointer, const std::string& token);

// RFC 6901 unescaping of one reference token ("a~1b" → "a/b").
std::string unescape_token(std::string_view token);

// "/spec/endpoints/0/name" → "spec.endpoints[0].name", the form messages use.
std::string dotted(std::string_view pointer);

}  // namespace ag
