// The engine catalog (generated from cfn-lint's data) and the hand-kept engine facts: the
// questions the checks ask, and the data files' own consistency.
#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine_catalog.h"
#include "engine_facts.h"
#include "test_support.h"

namespace {

using ag::catalog::ClassOffer;
using ag::facts::Feature;
using nlohmann::json;

ag::EngineVersion parsed(const char* engine, const char* version) {
  auto v = ag::parse_engine_version(engine, version);
  REQUIRE(v.has_value());
  return *v;
}

const json& catalog_file() {
  static const json kFile = json::parse(ag::test::read_repo_file("data/engine-catalog.json"));
  return kFile;
}

const json& facts_file() {
  static const json kFile = json::parse(ag::test::read_repo_file("data/engine-facts.json"));
  return kFile;
}

}  // namespace

TEST_CASE("the catalog names the cfn-lint release it was generated from") {
  CHECK(ag::catalog::source_version() == catalog_file().at("cfn_lint_version"));
  CHECK_FALSE(ag::catalog::source_version().empty());
}

TEST_CASE("the catalog file is consistent: deprecated versions are known ones") {
  for (const char* engine : {"aurora-postgresql", "aurora-mysql", "postgres", "mysql", "mariadb"}) {
    INFO(engine);
    REQUIRE(ag::catalog::has_engine(engine));
    const json& e = catalog_file().at("engines").at(engine);
    CHECK(e.at("versions").size() > 10);
    CHECK(e.at("instance_classes").size() > 10);
    for (const json& v : e.at("deprecated")) {
      CHECK(ag::catalog::is_known_version(engine, v.get<std::string>()));
    }
    for (const json& cls : e.at("instance_classes")) {
      CHECK(cls.get<std::string>().rfind("db.", 0) == 0);
    }
  }
  CHECK_FALSE(ag::catalog::has_engine("oracle-ee"));
}

TEST_CASE("versions are known, deprecated or unknown") {
  CHECK(ag::catalog::is_known_version("aurora-postgresql", "16.4"));
  CHECK_FALSE(ag::catalog::is_deprecated_version("aurora-postgresql", "16.4"));
  CHECK(ag::catalog::is_deprecated_version("aurora-postgresql", "15.4"));
  CHECK(ag::catalog::is_deprecated_version("mysql", "8.0.39"));
  CHECK_FALSE(ag::catalog::is_known_version("aurora-postgresql", "16.99"));
  CHECK_FALSE(ag::catalog::is_known_version("postgres", "16.4.1"));
}

TEST_CASE("nearest versions stay in the major line, closest first, never deprecated") {
  const auto near = ag::catalog::nearest_versions(parsed("aurora-postgresql", "16.99"), 3);
  REQUIRE(near.size() == 3);
  int previous_minor = 100;
  for (const std::string& text : near) {
    INFO(text);
    CHECK(ag::catalog::is_known_version("aurora-postgresql", text));
    CHECK_FALSE(ag::catalog::is_deprecated_version("aurora-postgresql", text));
    const auto v = parsed("aurora-postgresql", text.c_str());
    CHECK(v.major == 16);
    CHECK(v.minor < previous_minor);  // closest to 99 first
    previous_minor = v.minor;
  }
  // A release written without its zero padding is found by its numbers.
  const auto aurora =
      ag::catalog::nearest_versions(parsed("aurora-mysql", "8.0.mysql_aurora.3.8.0"), 1);
  CHECK(aurora == std::vector<std::string>{"8.0.mysql_aurora.3.08.0"});
}

TEST_CASE("a line with nothing offered points at the newest version of the engine") {
  const auto v = parsed("aurora-postgresql", "9.6.22");
  CHECK(ag::catalog::newest_in_line(v).empty());
  const auto near = ag::catalog::nearest_versions(v, 3);
  REQUIRE(near.size() == 1);
  CHECK(near[0] == ag::catalog::newest_version("aurora-postgresql"));
  CHECK(parsed("aurora-postgresql", near[0].c_str()).major >= 17);
}

TEST_CASE("the newest version of a line is offered and belongs to it") {
  const std::string newest = ag::catalog::newest_in_line(parsed("aurora-postgresql", "15.4"));
  const auto v = parsed("aurora-postgresql", newest.c_str());
  CHECK(v.major == 15);
  CHECK(v.minor >= 17);
  CHECK_FALSE(ag::catalog::is_deprecated_version("aurora-postgresql", newest));
}

TEST_CASE("instance classes per engine and major line") {
  const auto pg16 = parsed("aurora-postgresql", "16.4");
  CHECK(ag::catalog::offers_class("aurora-postgresql", &pg16, "db.r6g.large") ==
        ClassOffer::kOffered);
  CHECK(ag::catalog::offers_class("aurora-postgresql", &pg16, "db.t2.micro") ==
        ClassOffer::kNotForEngine);
  CHECK(ag::catalog::offers_class("aurora-postgresql", nullptr, "db.r6g.largee") ==
        ClassOffer::kNotForEngine);
  CHECK(ag::catalog::offers_class("postgres", nullptr, "db.serverless") ==
        ClassOffer::kNotForEngine);
  // Graviton4 instances came after Aurora MySQL 2 (MySQL 5.7).
  const auto amy2 = parsed("aurora-mysql", "5.7.mysql_aurora.2.12.5");
  const auto amy3 = parsed("aurora-mysql", "8.0.mysql_aurora.3.08.0");
  CHECK(ag::catalog::offers_class("aurora-mysql", &amy2, "db.r8g.large") ==
        ClassOffer::kNotInMajor);
  CHECK(ag::catalog::offers_class("aurora-mysql", &amy3, "db.r8g.large") == ClassOffer::kOffered);
  CHECK(ag::catalog::nearest_class("aurora-postgresql", &pg16, "db.r6g.largee") == "db.r6g.large");
  const auto classes = ag::catalog::offered_classes("aurora-mysql", &amy2);
  CHECK(std::find(classes.begin(), classes.end(), "db.r8g.large") == classes.end());
  CHECK(std::find(classes.begin(), classes.end(), "db.r6g.large") != classes.end());
}

TEST_CASE("major lines are named as the catalog keys them") {
  CHECK(ag::catalog::major_line(parsed("aurora-postgresql", "16.4")) == "16");
  CHECK(ag::catalog::major_line(parsed("postgres", "9.6.22")) == "9.6");
  CHECK(ag::catalog::major_line(parsed("aurora-mysql", "8.0.mysql_aurora.3.08.0")) == "8.0");
  CHECK(ag::catalog::major_line(parsed("mariadb", "10.11.9")) == "10.11");
}

TEST_CASE("every hand-kept fact names an https source and a catalog engine") {
  auto check_row = [](const json& row) {
    INFO(row.dump());
    CHECK(row.at("source").get<std::string>().rfind("https://", 0) == 0);
    CHECK(ag::catalog::has_engine(row.at("engine").get<std::string>()));
  };
  std::set<std::string> majors;
  for (const json& row : facts_file().at("end_of_standard_support")) {
    check_row(row);
    CHECK(
        majors
            .insert(row.at("engine").get<std::string>() + " " + row.at("major").get<std::string>())
            .second);
  }
  for (const auto& [feature, rows] : facts_file().at("feature_minimums").items()) {
    if (!rows.is_array()) continue;  // a note on why a list is empty
    for (const json& row : rows) check_row(row);
  }
  CHECK(facts_file().at("extended_support").at("source").get<std::string>().rfind("https://", 0) ==
        0);
}

TEST_CASE("end of standard support per major line") {
  CHECK(ag::facts::end_of_standard_support(parsed("mysql", "8.0.42")) == ag::Date{2026, 7, 31});
  CHECK(ag::facts::end_of_standard_support(parsed("mysql", "8.4.9")) == ag::Date{2029, 7, 31});
  CHECK(ag::facts::end_of_standard_support(parsed("aurora-mysql", "5.7.mysql_aurora.2.12.5")) ==
        ag::Date{2024, 10, 31});
  CHECK_FALSE(ag::facts::end_of_standard_support(parsed("postgres", "9.6.22")));
  CHECK(ag::facts::has_extended_support("postgres"));
  CHECK(ag::facts::has_extended_support("aurora-mysql"));
  CHECK_FALSE(ag::facts::has_extended_support("mariadb"));
}

TEST_CASE("a feature exists from its minimum on, in later majors, never in earlier ones") {
  auto serverless = [](const char* engine, const char* version) {
    return ag::facts::supports(Feature::kServerlessV2, parsed(engine, version));
  };
  CHECK(serverless("aurora-postgresql", "13.5") == false);
  CHECK(serverless("aurora-postgresql", "13.6") == true);
  CHECK(serverless("aurora-postgresql", "14.3") == true);
  CHECK(serverless("aurora-postgresql", "12.22") == false);  // before every row
  CHECK(serverless("aurora-postgresql", "18.1") == true);    // after every row
  CHECK(serverless("aurora-mysql", "8.0.mysql_aurora.3.01.1") == false);
  CHECK(serverless("aurora-mysql", "8.0.mysql_aurora.3.02.0") == true);
  CHECK(serverless("aurora-mysql", "5.7.mysql_aurora.2.12.5") == false);
  CHECK(ag::facts::minimums(Feature::kServerlessV2, "aurora-postgresql") ==
        "13.6+, 14.3+, 15.2+, 16.1+, 17.4+ or any later major");
  CHECK(ag::facts::minimums(Feature::kServerlessV2, "aurora-mysql") ==
        "8.0.mysql_aurora.3.02.0+ or any later major");
}

TEST_CASE("a feature with no confirmed facts for an engine is unknown, not refused") {
  CHECK_FALSE(
      ag::facts::supports(Feature::kServerlessV2Max256, parsed("aurora-postgresql", "13.6")));
  CHECK_FALSE(
      ag::facts::supports(Feature::kDataApi, parsed("aurora-mysql", "8.0.mysql_aurora.3.08.0")));
  CHECK(ag::facts::supports(Feature::kDataApi, parsed("aurora-postgresql", "13.9")) == false);
  CHECK(ag::facts::supports(Feature::kIoOptimizedStorage,
                            parsed("aurora-mysql", "8.0.mysql_aurora.3.03.1")) == true);
  CHECK(ag::facts::supports(Feature::kGlobalDatabase, parsed("aurora-postgresql", "16.4")) == true);
}
