// Asset trees: what the asset compiler writes is what the binary reads, lookups skip whole
// subtrees, and a damaged tree is refused rather than misread.
#include "asset_tree.h"

#include <catch2/catch.hpp>

#include "embedded_assets.h"
#include "tree_parse.h"

using namespace ag;

TEST_CASE("plain data survives encoding and decoding") {
  const ir::Value v = ir::Map{{"n", nullptr},
                              {"t", true},
                              {"f", false},
                              {"i", std::int64_t{-1234567890123}},
                              {"zero", 0},
                              {"d", 0.5},
                              {"s", "héllo\n\"x\""},
                              {"empty", ""},
                              {"l", ir::List{1, "two", ir::List{}, ir::Map{}}},
                              {"m", ir::Map{{"b", 2}, {"a", 1}}}};
  const std::string bytes = tree::encode(v);
  CHECK(ir::equal(tree::to_value(tree::View(bytes)), v));
}

TEST_CASE("a view finds members by key, in source order, without decoding the rest") {
  const std::string bytes = tree::from_yaml("b: [1, 2, {x: y}]\na: true\nc: '7'\nd: 7\n");
  const tree::View root(bytes);
  REQUIRE(root.is_map());
  CHECK(root.size() == 4);
  std::vector<std::string_view> keys;
  for (const tree::Entry e : root.members()) keys.push_back(e.key);
  CHECK(keys == std::vector<std::string_view>{"b", "a", "c", "d"});
  CHECK(root.at("a").boolean());
  CHECK(root.at("c").string() == "7");  // quoted: stays a string
  CHECK(root.at("d").integer() == 7);
  CHECK(root.find("missing").kind() == tree::Kind::Null);
  CHECK_FALSE(root.contains("missing"));
  CHECK_THROWS(root.at("missing"));
  const tree::View list = root.at("b");
  CHECK(list.size() == 3);
  std::vector<std::int64_t> ints;
  for (const tree::Entry e : list.items()) {
    if (e.value.kind() == tree::Kind::Int) ints.push_back(e.value.integer());
  }
  CHECK(ints == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("YAML plain scalars become integers and booleans only in their exact forms") {
  const std::string bytes = tree::from_yaml("[0, -3, 01, 1.5, true, True, yes, null, '5']");
  std::vector<tree::Kind> kinds;
  for (const tree::Entry e : tree::View(bytes).items()) kinds.push_back(e.value.kind());
  using K = tree::Kind;
  CHECK(kinds == std::vector<K>{K::Int, K::Int, K::String, K::String, K::Bool, K::String, K::String,
                                K::Null, K::String});
}

TEST_CASE("JSON round-trips through a tree as nlohmann::json reads it") {
  const std::string text = R"({"b": [1, -2, 2.5, "x", null, false], "a": {"maxItems": 300}})";
  const nlohmann::json original = nlohmann::json::parse(text);
  const nlohmann::json back = tree::to_json(tree::View(tree::from_json(text)));
  CHECK(back == original);
  CHECK(back["a"]["maxItems"].is_number_unsigned());
}

TEST_CASE("a damaged tree is refused") {
  const std::string bytes = tree::encode(ir::Map{{"key", "value"}});
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO(cut);
    CHECK_THROWS(tree::View(std::string_view(bytes).substr(0, cut)));
  }
  CHECK_THROWS(tree::View("q"));
  CHECK_THROWS(tree::View(bytes + "z"));
  CHECK_THROWS(tree::View(tree::encode("text")).integer());
  CHECK_THROWS(tree::encode(ir::ref("cluster", "arn")));
}

TEST_CASE("every embedded asset's tree is its text, parsed") {
  for (const Asset& a : embedded_assets()) {
    INFO(a.path);
    CHECK(tree::from_source(a.path, a.text) == a.tree);
    CHECK(asset_tree(a.path).bytes() == a.tree);
  }
}
