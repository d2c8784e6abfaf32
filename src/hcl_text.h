// Lexical pieces of HCL shared by the writer's files: string escaping, identifier and
// traversal validation. Private to the HCL writer (src/hcl*.cc); everything else goes
// through hcl.h.
#pragma once

#include <string>
#include <string_view>

namespace ag::hcl::detail {

// `^[A-Za-z_][A-Za-z0-9_-]*$`: a conservative, ASCII-only subset of HCL identifiers.
bool is_identifier(std::string_view s);

// Throws std::invalid_argument naming `what` unless `s` is an identifier.
void require_identifier(std::string_view s, std::string_view what);

// Throws std::invalid_argument unless `ref` is identifier segments joined by '.', each
// optionally followed by `[N]` or `["key"]` indexes, and its root is not a keyword.
void require_traversal(std::string_view ref);

// Throws std::invalid_argument unless `literal` is `-?digits(.digits)?([eE][+-]?digits)?`.
void require_number(std::string_view literal);

// The body of a quoted string (no surrounding quotes) with HCL escapes applied.
// `ascii_only` also escapes every non-ASCII code point as \uXXXX / \UXXXXXXXX, so that
// the result's width in columns is its length in bytes (see object keys).
std::string escape(std::string_view s, bool ascii_only = false);

// escape(s, ascii_only) appended to `out`, without a string of its own.
void append_escaped(std::string& out, std::string_view s, bool ascii_only = false);

// An object key: bare when it is an identifier that is not a keyword, else quoted with
// only ASCII bytes, so `=` alignment (which terraform fmt counts in grapheme clusters)
// can be computed from the byte length.
std::string object_key(std::string_view key);

}  // namespace ag::hcl::detail
