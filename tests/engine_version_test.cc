// Engine versions: parsing, parameter-group families, ordering and feature support.
#include <catch2/catch.hpp>

#include "engine_version.h"

namespace {

ag::EngineVersion parsed(const char* engine, const char* version) {
  auto v = ag::parse_engine_version(engine, version);
  REQUIRE(v.has_value());
  return *v;
}

std::string family(const char* engine, const char* version) {
  return ag::parameter_group_family(parsed(engine, version));
}

}  // namespace

TEST_CASE("families are derived from the engine version") {
  CHECK(family("aurora-postgresql", "15.4") == "aurora-postgresql15");
  CHECK(family("aurora-postgresql", "16.4") == "aurora-postgresql16");
  CHECK(family("postgres", "15.4") == "postgres15");
  CHECK(family("postgres", "9.6.22") == "postgres9.6");
  CHECK(family("aurora-mysql", "8.0.mysql_aurora.3.08.0") == "aurora-mysql8.0");
  CHECK(family("aurora-mysql", "5.7.mysql_aurora.2.12.0") == "aurora-mysql5.7");
  CHECK(family("mysql", "8.0.39") == "mysql8.0");
  CHECK(family("mysql", "8.4.3") == "mysql8.4");
  CHECK(family("mariadb", "10.11.9") == "mariadb10.11");
}

TEST_CASE("parts are parsed into numbers") {
  const auto v = parsed("aurora-mysql", "8.0.mysql_aurora.3.08.1");
  CHECK(v.engine == "aurora-mysql");
  CHECK(v.major == 8);
  CHECK(v.minor == 0);
  CHECK(v.aurora_major == 3);
  CHECK(v.aurora_minor == 8);
  CHECK(v.aurora_patch == 1);
  const auto m = parsed("mysql", "8.0.39");
  CHECK(m.patch == 39);
}

TEST_CASE("malformed versions and unknown engines are refused") {
  for (const char* bad :
       {"", "15", "15.", ".4", "15.4.1", "15.x", "v15.4", "15.4 ", "9.6", "99999.1"}) {
    INFO(bad);
    CHECK_FALSE(ag::parse_engine_version("aurora-postgresql", bad));
  }
  for (const char* bad : {"8.0", "8.0.39.1", "8.0.mysql_aurora.3.08", "3.08.0"}) {
    INFO(bad);
    CHECK_FALSE(ag::parse_engine_version("aurora-mysql", bad));
  }
  CHECK_FALSE(ag::parse_engine_version("mysql", "8.0"));
  CHECK_FALSE(ag::parse_engine_version("mysql", "8.0.mysql_aurora.3.08.0"));
  CHECK_FALSE(ag::parse_engine_version("oracle-ee", "19.0.0"));
  CHECK_FALSE(ag::parse_engine_version("aurora", "5.6.10a"));
}

TEST_CASE("versions compare by major, minor, patch, then Aurora release") {
  CHECK(ag::compare(parsed("postgres", "15.4"), parsed("postgres", "15.10")) < 0);
  CHECK(ag::compare(parsed("postgres", "16.1"), parsed("postgres", "15.10")) > 0);
  CHECK(ag::compare(parsed("mysql", "8.0.39"), parsed("mysql", "8.0.39")) == 0);
  CHECK(ag::compare(parsed("aurora-mysql", "8.0.mysql_aurora.3.07.1"),
                    parsed("aurora-mysql", "8.0.mysql_aurora.3.08.0")) < 0);
}

TEST_CASE("auto-pause support follows AWS's minimum versions") {
  auto pg = [](const char* v) { return ag::supports_auto_pause(parsed("aurora-postgresql", v)); };
  CHECK_FALSE(pg("13.14"));
  CHECK(pg("13.15"));
  CHECK_FALSE(pg("14.11"));
  CHECK(pg("14.12"));
  CHECK_FALSE(pg("15.4"));
  CHECK_FALSE(pg("15.6"));
  CHECK(pg("15.7"));
  CHECK_FALSE(pg("16.2"));
  CHECK(pg("16.3"));
  CHECK(pg("16.4"));
  CHECK(pg("17.1"));
  CHECK(pg("18.0"));
  CHECK_FALSE(pg("12.22"));
  auto my = [](const char* v) { return ag::supports_auto_pause(parsed("aurora-mysql", v)); };
  CHECK(my("8.0.mysql_aurora.3.08.0"));
  CHECK(my("8.0.mysql_aurora.3.10.0"));
  CHECK_FALSE(my("8.0.mysql_aurora.3.07.1"));
  CHECK_FALSE(my("5.7.mysql_aurora.2.12.0"));
  CHECK_FALSE(ag::supports_auto_pause(parsed("postgres", "17.1")));
}

TEST_CASE("RDS Proxy support by engine version") {
  CHECK(ag::supports_rds_proxy(parsed("aurora-mysql", "8.0.mysql_aurora.3.01.0")));
  CHECK(ag::supports_rds_proxy(parsed("aurora-mysql", "5.7.mysql_aurora.2.07.2")));
  CHECK_FALSE(ag::supports_rds_proxy(parsed("aurora-mysql", "5.7.mysql_aurora.2.09.0")));
  CHECK(ag::supports_rds_proxy(parsed("mariadb", "10.11.9")));
  CHECK(ag::supports_rds_proxy(parsed("postgres", "15.4")));
  CHECK_FALSE(ag::supports_rds_proxy(parsed("postgres", "9.6.22")));
}

TEST_CASE("engine classification") {
  CHECK(ag::is_aurora_engine("aurora-mysql"));
  CHECK_FALSE(ag::is_aurora_engine("mysql"));
  CHECK(ag::is_postgres_engine("postgres"));
  CHECK(ag::is_mysql_engine("mariadb"));
  CHECK_FALSE(ag::is_known_engine("aurora"));
}
