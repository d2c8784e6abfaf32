// Pulumi YAML's string syntax, in one place: every string is interpolated, `${...}` reads
// a value and `$$` is a literal `$`. The YAML emitter quotes what this produces.
#pragma once

#include <string>
#include <string_view>

namespace ag::pulumi {

// User text as a Pulumi string: every `$` doubled, so nothing is ever interpolated.
std::string literal(std::string_view text);

// `${path}` for a resource or variable property path such as "cluster.endpoint".
std::string interpolation(std::string_view path);

// Whether `key` would be read as a Pulumi builtin (fn::...) if written as a map key.
bool is_builtin_key(std::string_view key);

}  // namespace ag::pulumi
