// The structural template language: lookups, omission of what is absent, $each, $entries,
// $case, literals and companions.
#include <catch2/catch.hpp>

#include "templates.h"

using namespace ag;

namespace {

ir::Map props() {
  return {{"name", "db"},
          {"port", 5432},
          {"scaling", ir::Map{{"min", 0.5}, {"max", 16}}},
          {"tags", ir::Map{{"Name", "db"}, {"team", "core"}}},
          {"params", ir::List{ir::Map{{"name", "a"}, {"value", "1"}},
                              ir::Map{{"name", "b"}, {"value", "2"}}}},
          {"skip", true},
          {"ids", ir::List{"x", "y"}}};
}

ir::Value eval(const std::string& yaml) {
  const TargetTemplates t = parse_templates("test", "k:\n  type: T\n  properties:\n" + yaml);
  auto v = evaluate_template(t.at("k").body, props());
  return v ? *v : ir::Value("<absent>");
}

const ir::Value& member(const ir::Value& m, const std::string& key) {
  const ir::Value* v = ir::find(m.as<ir::Map>(), key);
  if (v == nullptr) FAIL("no member " << key);
  return *v;
}

}  // namespace

TEST_CASE("$path reads a property, a dotted path reads into maps") {
  const ir::Value v = eval("    Name: $name\n    Min: $scaling.min\n    Port: $port\n");
  CHECK(member(v, "Name").as<std::string>() == "db");
  CHECK(member(v, "Min").as<double>() == 0.5);
  CHECK(member(v, "Port").as<std::int64_t>() == 5432);
}

TEST_CASE("absent properties drop their key, and maps left empty disappear") {
  const ir::Value v =
      eval("    Missing: $nope\n    Nested:\n      A: $nope.deeper\n    Kept: $name\n");
  CHECK(v.as<ir::Map>().size() == 1);
  CHECK(ir::find(v.as<ir::Map>(), "Missing") == nullptr);
  CHECK(ir::find(v.as<ir::Map>(), "Nested") == nullptr);
}

TEST_CASE("literals stay literal; $$ escapes a dollar") {
  const ir::Value v = eval("    Fixed: default\n    Count: 3\n    On: true\n    Dollar: $$name\n");
  CHECK(member(v, "Fixed").as<std::string>() == "default");
  CHECK(member(v, "Count").as<std::int64_t>() == 3);
  CHECK(member(v, "On").as<bool>());
  CHECK(member(v, "Dollar").as<std::string>() == "$name");
}

TEST_CASE("$each maps lists and map entries") {
  const ir::Value v = eval(
      "    Tags: {$each: $tags, Key: $.key, Value: $.value}\n"
      "    Params: {$each: $params, N: $.name}\n"
      "    Ids: {$each: $ids, Id: $.}\n"
      "    None: {$each: $nope, X: $.x}\n");
  const ir::List& tags = member(v, "Tags").as<ir::List>();
  REQUIRE(tags.size() == 2);
  CHECK(member(tags[1], "Key").as<std::string>() == "team");
  CHECK(member(tags[1], "Value").as<std::string>() == "core");
  CHECK(member(member(v, "Params").as<ir::List>()[1], "N").as<std::string>() == "b");
  CHECK(member(member(v, "Ids").as<ir::List>()[0], "Id").as<std::string>() == "x");
  CHECK(ir::find(v.as<ir::Map>(), "None") == nullptr);
}

TEST_CASE("$entries builds a map from a list") {
  const ir::Value v = eval("    P: {$entries: $params, key: $.name, value: $.value}\n");
  const ir::Map& p = member(v, "P").as<ir::Map>();
  REQUIRE(p.size() == 2);
  CHECK(p[0].key == "a");
  CHECK(p[1].value.as<std::string>() == "2");
}

TEST_CASE("$case picks by value, falls back to default, or drops the key") {
  const ir::Value v = eval(
      "    Policy: {$case: $skip, \"true\": Delete, \"false\": Snapshot}\n"
      "    Name: {$case: $name, other: X, default: Y}\n"
      "    Gone: {$case: $nope, default: Z}\n");
  CHECK(member(v, "Policy").as<std::string>() == "Delete");
  CHECK(member(v, "Name").as<std::string>() == "Y");
  CHECK(ir::find(v.as<ir::Map>(), "Gone") == nullptr);
}

TEST_CASE("companions and attributes are parsed") {
  const TargetTemplates t = parse_templates("test", R"(
role:
  type: aws_iam_role
  attributes: {arn: arn, name: name}
  properties: {name: $name}
  companions:
    - suffix: policy
      type: aws_iam_role_policy_attachment
      each: $ids
      properties: {role: $self.name, policy_arn: $.}
)");
  const KindTemplate& k = t.at("role");
  CHECK(k.attributes.at("arn") == "arn");
  REQUIRE(k.companions.size() == 1);
  CHECK(k.companions[0].each == "$ids");
  CHECK_THROWS_AS(t.at("nope"), std::out_of_range);
}

TEST_CASE("every target's templates parse and cover the same IR kinds") {
  const auto& cfn = templates_for("cfn").kinds;
  REQUIRE_FALSE(cfn.empty());
  for (const char* target : {"terraform", "pulumi"}) {
    const auto& other = templates_for(target).kinds;
    for (const auto& [kind, tmpl] : cfn) {
      INFO(target << " lacks " << kind);
      CHECK(other.count(kind) == 1);
    }
    CHECK(other.size() == cfn.size());
  }
}
