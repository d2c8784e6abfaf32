#include "pattern_match.h"

#include <map>
#include <regex>

namespace ag {
namespace {

// std::regex_traits, minus the work libstdc++ does for what the schema's patterns never
// use. Compiling a bracket expression fills a 256-entry table, asking for each character
// transform_primary (a facet lookup, a vector and strxfrm, for equivalence classes such as
// [[=a=]]) and isctype (a facet lookup, for classes such as \s): 4.8 M instructions for the
// schema's IPv4 CIDR pattern, 0.55 M with these. The schema lint (schema_validation_test)
// keeps equivalence classes and collating elements out of the schema.
struct Traits : std::regex_traits<char> {
  template <class It>
  string_type transform_primary(It, It) const {
    return {};
  }
  bool isctype(char c, char_class_type classes) const {
    return !(classes == char_class_type()) && std::regex_traits<char>::isctype(c, classes);
  }
};

}  // namespace

bool pattern_matches(const std::string& pattern, const std::string& value) {
  thread_local std::map<std::string, std::basic_regex<char, Traits>, std::less<>> compiled;
  auto it = compiled.find(pattern);
  if (it == compiled.end()) it = compiled.emplace(pattern, pattern).first;
  return std::regex_search(value, it->second);
}

}  // namespace ag
