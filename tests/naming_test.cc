// Names: target case conversions and the keys that name list items after their value.
#include <catch2/catch.hpp>

#include "naming.h"

using namespace ag;

TEST_CASE("pascal and camel case keep digit groups apart") {
  CHECK(pascal_case("reader_1") == "Reader1");
  CHECK(camel_case("private_subnet_us_east_1a") == "privateSubnetUsEast1a");
  // 10.0.0.0/16 and 100.0.0.0/16 must not meet as "1000016".
  CHECK(pascal_case("ingress_cidr_10_0_0_0_16") == "IngressCidr10x0x0x0x16");
  CHECK(pascal_case("ingress_cidr_100_0_0_0_16") == "IngressCidr100x0x0x0x16");
  CHECK_THROWS(pascal_case("Not_snake"));
}

TEST_CASE("value keys are lower-case snake, one underscore per separator run") {
  CHECK(value_key("us-east-1a") == "us_east_1a");
  CHECK(value_key("10.0.0.0/16") == "10_0_0_0_16");
  CHECK(value_key("sg-0123456789abcdef0") == "sg_0123456789abcdef0");
  CHECK(value_key("DBA+alerts@Example.com") == "dba_alerts_example_com");
  CHECK(value_key("..a..") == "a");
}

TEST_CASE("colliding value keys get a stable hash, the others stay readable") {
  const auto keys = value_keys({"a.b@x.io", "a-b@x.io", "ops@x.io"});
  REQUIRE(keys.size() == 3);
  CHECK(keys[0] != keys[1]);
  CHECK(keys[0].rfind("a_b_x_io_", 0) == 0);
  CHECK(keys[0].size() == std::string("a_b_x_io_").size() + 8);
  CHECK(keys[2] == "ops_x_io");
  // The hash depends on the value alone, not on the order or the other items.
  CHECK(value_keys({"a-b@x.io", "a.b@x.io"})[1] == keys[0]);
}
