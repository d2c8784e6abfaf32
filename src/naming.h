// Names in each target's case, derived from IR names (snake_case role names), and the keys
// that name list items after their value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ag {

// "reader_1" → "Reader1". An underscore between two digits becomes "x"
// ("ingress_cidr_10_0_0_0_16" → "IngressCidr10x0x0x0x16"), so that names of list items
// keyed by value stay distinct in targets whose names are alphanumeric only.
std::string pascal_case(std::string_view snake);
std::string camel_case(std::string_view snake);  // "reader_1" → "reader1"
bool is_snake_identifier(std::string_view s);    // ^[a-z][a-z0-9_]*$

// A snake_case key for a list item's value: lower-cased, every run of other characters one
// underscore ("us-east-1a" → "us_east_1a", "10.0.0.0/16" → "10_0_0_0_16",
// "dba@example.com" → "dba_example_com"). Items named after their value keep their name when
// other items are added or removed, where a position would shift.
std::string value_key(std::string_view value);

// value_key of each value, with "_" and a hash of the value appended to those whose keys
// would otherwise collide ("a.b@x.io" and "a-b@x.io"), so every key is unique.
std::vector<std::string> value_keys(const std::vector<std::string>& values);

}  // namespace ag
