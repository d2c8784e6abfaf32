// JSON Schema's `pattern` for the strings the schema stage checks itself (see
// schema_validation.cc): an ECMAScript regular expression searched for anywhere in the
// string, as valijson does, each pattern compiled once per thread.
#pragma once

#include <string>

namespace ag {

bool pattern_matches(const std::string& pattern, const std::string& value);

}  // namespace ag
