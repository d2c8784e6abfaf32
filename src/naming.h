// Names in each target's case, derived from IR names (snake_case role names).
#pragma once

#include <string>
#include <string_view>

namespace ag {

std::string pascal_case(std::string_view snake);  // "reader_1" → "Reader1"
std::string camel_case(std::string_view snake);   // "reader_1" → "reader1"
bool is_snake_identifier(std::string_view s);     // ^[a-z][a-z0-9_]*$

}  // namespace ag
