// The schema stage's own `pattern` matcher: ECMAScript, searched anywhere in the string (as
// valijson and JSON Schema do), with the character classes and escapes the schema uses.
#include "pattern_match.h"

#include <catch2/catch.hpp>

#include <regex>

using ag::pattern_matches;

TEST_CASE("a pattern is searched for, not matched whole") {
  CHECK(pattern_matches("--", "my--db"));
  CHECK_FALSE(pattern_matches("--", "my-db"));
  CHECK(pattern_matches("^vpc-[0-9a-f]{8,17}$", "vpc-0a1b2c3d"));
  CHECK_FALSE(pattern_matches("^vpc-[0-9a-f]{8,17}$", "vpc-0A1B2C3D"));
  CHECK_FALSE(pattern_matches("^vpc-[0-9a-f]{8,17}$", " vpc-0a1b2c3d"));
}

TEST_CASE("classes and escapes inside brackets read as ECMAScript reads them") {
  const std::string email = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
  CHECK(pattern_matches(email, "ops@example.com"));
  CHECK_FALSE(pattern_matches(email, "ops team@example.com"));
  const std::string tag = "^([A-Za-z0-9 _.:/=+\\-@]|[^\\x00-\\x7F])*$";
  CHECK(pattern_matches(tag, "team-a@x"));
  CHECK(pattern_matches(tag, "équipe"));
  CHECK_FALSE(pattern_matches(tag, "a$b"));
  CHECK(pattern_matches("^\\w+$", "a_b9"));
  CHECK_FALSE(pattern_matches("^\\w+$", "a-b"));
}

TEST_CASE("every pattern of the schema gives std::regex's verdict") {
  // The traits leave out only what no schema pattern uses; compare with the library's own
  // on the schema's patterns and a spread of inputs.
  const std::vector<std::string> patterns = {
      "^[a-z][a-z0-9-]*$", "^[0-9]+(\\.[0-9A-Za-z_]+)*$", "^[Rr][Dd][Ss][Aa][Dd][Mm][Ii][Nn]$",
      "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?"
      "[0-9])/(3[0-2]|[12]?[0-9])$"};
  const std::vector<std::string> inputs = {
      "",     "a",        "A",           "rdsadmin",    "RdsAdmin",
      "15.4", "15.4.a_b", "10.0.0.0/16", "256.0.0.0/8", "db-1",
      "1db",  "x\ny",     "\xc3\xa9"};
  for (const std::string& p : patterns) {
    const std::regex reference(p);
    for (const std::string& in : inputs) {
      INFO(p << " on " << in);
      CHECK(pattern_matches(p, in) == std::regex_search(in, reference));
    }
  }
}
