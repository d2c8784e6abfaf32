#include "yaml_emitter.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "yaml_doc.h"
#include "yaml_scalars.h"

using ag::yaml::emit;
using ag::yaml::Entry;
using ag::yaml::is_safe_plain;
using ag::yaml::Node;
using ag::yaml::quote;

namespace {

Node ref(std::string name) { return Node::symbol(std::move(name)).tagged("!Ref"); }

Entry commented(std::string key, Node value, std::string comment) {
  return Entry{std::move(key), std::move(value), std::move(comment)};
}

// The hostile strings every writer of YAML gets wrong somewhere.
std::vector<std::string> hostile_strings() {
  return {"yes",
          "no",
          "on",
          "off",
          "Yes",
          "NO",
          "y",
          "n",
          "~",
          "null",
          "Null",
          "0755",
          "1e3",
          "0x1F",
          "true",
          "False",
          "",
          "${x}",
          "%{x}",
          "{{resolve:x}}",
          "'",
          "\"",
          "\\",
          "#",
          "a #b",
          ": ",
          "a: b",
          "- ",
          "-",
          "*x",
          "&x",
          "!x",
          "%x",
          "@x",
          "`x",
          "? ",
          "?",
          "|",
          ">",
          "[a]",
          "{a}",
          ",",
          "line\nbreak",
          "tab\there",
          "cr\rhere",
          "\x01",
          "\x7f",
          std::string("nul\0byte", 8),
          "\x1b[0m",
          "u2028\u2028x",
          "nel\u0085x",
          "\u2029",
          "\uFEFFbom",
          "c1\u0080\u009f",
          "caf\u00e9",
          "\U0001F600 emoji",
          " lead",
          "trail ",
          "  ",
          "=",
          "<<",
          ".inf",
          "-.inf",
          ".nan",
          "1:20",
          "2001-12-14",
          "+1",
          "1_000",
          "0b101",
          "0o17",
          std::string(5000, 'x'),
          std::string(1500, 'k') + ":"};
}

}  // namespace

TEST_CASE("nested maps, spaced sections and spaced resources") {
  Node cluster = Node::map();
  cluster.add("Type", Node::symbol("AWS::RDS::DBCluster"));
  Node props = Node::map();
  props.add("Engine", Node::string("aurora-postgresql"));
  props.add("Port", Node::integer(5432));
  props.add("StorageEncrypted", Node::boolean(true));
  cluster.add("Properties", props);
  Node resources = Node::map();
  resources.add("Cluster", cluster);
  resources.add("Instance", Node::map().add("Type", Node::symbol("AWS::RDS::DBInstance")));
  Node root = Node::map();
  root.add("AWSTemplateFormatVersion", Node::string("2010-09-09"));
  root.add("Description", Node::string("demo"));
  root.add("Resources", resources);
  root.add("Outputs", Node::map().add("Port", Node::map().add("Value", Node::integer(1))));

  CHECK(emit(root) ==
        "AWSTemplateFormatVersion: \"2010-09-09\"\n"
        "Description: \"demo\"\n"
        "\n"
        "Resources:\n"
        "  Cluster:\n"
        "    Type: AWS::RDS::DBCluster\n"
        "    Properties:\n"
        "      Engine: \"aurora-postgresql\"\n"
        "      Port: 5432\n"
        "      StorageEncrypted: true\n"
        "\n"
        "  Instance:\n"
        "    Type: AWS::RDS::DBInstance\n"
        "\n"
        "Outputs:\n"
        "  Port:\n"
        "    Value: 1\n");
}

TEST_CASE("scalar-valued sections are not spaced apart") {
  Node root = Node::map();
  root.add("outputs", Node::map()
                          .add("endpoint", Node::string("${cluster.endpoint}"))
                          .add("port", Node::integer(5432)));
  CHECK(emit(root) == "outputs:\n  endpoint: \"${cluster.endpoint}\"\n  port: 5432\n");
}

TEST_CASE("sequences of scalars, of maps and of sequences") {
  Node tags = Node::seq({Node::map().add("Key", Node::string("a")).add("Value", Node::string("b")),
                         Node::map().add("Key", Node::string("c")).add("Value", Node::null())});
  Node root = Node::map();
  root.add("Ports", Node::seq({Node::integer(1), Node::integer(2)}));
  root.add("Tags", tags);
  root.add("Grid",
           Node::seq({Node::seq({Node::integer(1), Node::integer(2)}),
                      Node::seq({Node::map().add("A", Node::seq({Node::boolean(false)}))})}));

  CHECK(emit(root) ==
        "Ports:\n"
        "  - 1\n"
        "  - 2\n"
        "\n"
        "Tags:\n"
        "  - Key: \"a\"\n"
        "    Value: \"b\"\n"
        "  - Key: \"c\"\n"
        "    Value: null\n"
        "\n"
        "Grid:\n"
        "  - - 1\n"
        "    - 2\n"
        "  - - A:\n"
        "        - false\n");
}

TEST_CASE("maps inside sequences keep nested maps unspaced") {
  Node item = Node::map();
  item.add("Name", Node::symbol("a"));
  item.add("Inner", Node::map().add("X", Node::integer(1)));
  item.add("Other", Node::map().add("W", Node::integer(2)));
  Node root = Node::map().add("List", Node::seq({item}));
  CHECK(emit(root) ==
        "List:\n"
        "  - Name: a\n"
        "    Inner:\n"
        "      X: 1\n"
        "    Other:\n"
        "      W: 2\n");
}

TEST_CASE("empty collections are written in flow style") {
  Node root = Node::map();
  root.add("Map", Node::map());
  root.add("Seq", Node::seq());
  root.add("List", Node::seq({Node::map(), Node::seq()}));
  CHECK(emit(root) == "Map: {}\nSeq: []\n\nList:\n  - {}\n  - []\n");
  CHECK(emit(Node::map()) == "{}\n");
  CHECK(emit(Node::seq()) == "[]\n");
}

TEST_CASE("root scalars and root sequences") {
  CHECK(emit(Node::string("x")) == "\"x\"\n");
  CHECK(emit(Node::null()) == "null\n");
  CHECK(emit(Node::seq({Node::symbol("a"), Node::map().add("k", Node::integer(1))})) ==
        "- a\n- k: 1\n");
}

TEST_CASE("tags on scalars, sequences, maps and items") {
  Node join = Node::seq({Node::string(""), Node::seq({Node::string("arn:"), ref("AWS::Partition"),
                                                      Node::string(":s3:::"), ref("Bucket")})})
                  .tagged("!Join");
  Node root = Node::map();
  root.add("Ref", ref("Cluster"));
  root.add("Attr", Node::symbol("Cluster.Endpoint.Address").tagged("!GetAtt"));
  root.add("Sub", Node::string("${AWS::StackName}-db").tagged("!Sub"));
  root.add("Unsafe", Node::symbol("yes").tagged("!Ref"));
  root.add("Arn", join);
  root.add("AZs", Node::seq({Node::symbol("x")}).tagged("!GetAZs"));
  root.add("EmptyTagged", Node::map().tagged("!Weird"));
  root.add("List",
           Node::seq({ref("A"), Node::seq({Node::integer(0), ref("B")}).tagged("!Select")}));
  root.add("If", Node::seq({Node::symbol("IsProd"), Node::map().add("K", Node::integer(1)),
                            ref("AWS::NoValue")})
                     .tagged("!If"));
  root.add("TaggedMap", Node::map().add("K", ref("V")).tagged("!Transform"));
  root.add("Items", Node::seq({Node::map().add("K", Node::integer(1)).tagged("!M"),
                               Node::seq({Node::map().add("K", Node::integer(2))}).tagged("!S")}));

  const std::string expected =
      "Ref: !Ref Cluster\n"
      "Attr: !GetAtt Cluster.Endpoint.Address\n"
      "Sub: !Sub \"${AWS::StackName}-db\"\n"
      "Unsafe: !Ref \"yes\"\n"
      "Arn: !Join [\"\", [\"arn:\", !Ref AWS::Partition, \":s3:::\", !Ref Bucket]]\n"
      "AZs: !GetAZs [x]\n"
      "EmptyTagged: !Weird {}\n"
      "\n"
      "List:\n"
      "  - !Ref A\n"
      "  - !Select [0, !Ref B]\n"
      "\n"
      "If: !If\n"
      "  - IsProd\n"
      "  - K: 1\n"
      "  - !Ref AWS::NoValue\n"
      "\n"
      "TaggedMap: !Transform\n"
      "  K: !Ref V\n"
      "\n"
      "Items:\n"
      "  - !M\n"
      "    K: 1\n"
      "  - !S\n"
      "    - K: 2\n";
  REQUIRE(emit(root) == expected);

  const YAML::Node back = YAML::Load(expected);
  CHECK(back["Ref"].Tag() == "!Ref");
  CHECK(back["Ref"].as<std::string>() == "Cluster");
  CHECK(back["Arn"].Tag() == "!Join");
  CHECK(back["Arn"][1][1].Tag() == "!Ref");
  CHECK(back["Arn"][1][1].as<std::string>() == "AWS::Partition");
  CHECK(back["If"][1]["K"].as<int>() == 1);
  CHECK(back["Items"][1][0]["K"].as<int>() == 2);
  CHECK(back["Unsafe"].as<std::string>() == "yes");
}

TEST_CASE("a tagged root") {
  CHECK(emit(ref("X")) == "!Ref X\n");
  CHECK(emit(Node::map().add("a", Node::integer(1)).tagged("!T")) == "!T\na: 1\n");
}

TEST_CASE("bad tags are refused") {
  for (const char* tag : {"Ref", "!", "!!str", "!a b", "!a,b", "!a]", "!&x"}) {
    INFO(tag);
    Node n = ref("X");
    n.tag = tag;
    CHECK_THROWS_AS(emit(n), std::invalid_argument);
  }
}

TEST_CASE("comments sit above their key at its indentation") {
  Node inner = Node::map({commented("Engine", Node::string("aurora-mysql"), "why: pinned")});
  Node item = Node::map({commented("Key", Node::string("a"), "first key"),
                         commented("Value", Node::string("b"), "second\nline")});
  Node root = Node::map({commented("Props", inner, "section\n\nafter blank"),
                         commented("Tags", Node::seq({item}), "")});
  CHECK(emit(root, "Generated by aurora-gen.\nDo not edit.") ==
        "# Generated by aurora-gen.\n"
        "# Do not edit.\n"
        "\n"
        "# section\n"
        "#\n"
        "# after blank\n"
        "Props:\n"
        "  # why: pinned\n"
        "  Engine: \"aurora-mysql\"\n"
        "\n"
        "Tags:\n"
        "  # first key\n"
        "  - Key: \"a\"\n"
        "    # second\n"
        "    # line\n"
        "    Value: \"b\"\n");
}

TEST_CASE("comments and headers refuse characters that would break out of them") {
  for (const std::string bad : {"a\rb", "a\u2028b", "a\u0085b", "\x01", "\xff"}) {
    Node root = Node::map({commented("k", Node::integer(1), bad)});
    CHECK_THROWS_AS(emit(root), std::invalid_argument);
    CHECK_THROWS_AS(emit(Node::null(), bad), std::invalid_argument);
  }
  CHECK(emit(Node::null(), "tab\tand \"quotes\" \\ ok") == "# tab\tand \"quotes\" \\ ok\n\nnull\n");
}

TEST_CASE("quote escapes exactly what YAML needs") {
  CHECK(quote("plain text") == "\"plain text\"");
  CHECK(quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quote(std::string("\n\t\r\0\x1b\x07\x01\x7f", 8)) == "\"\\n\\t\\r\\0\\e\\a\\x01\\x7F\"");
  CHECK(quote("\u0085\u2028\u2029\u0080\uFEFF") == "\"\\u0085\\L\\P\\x80\\uFEFF\"");
  CHECK(quote("caf\u00e9 \U0001F600") == "\"caf\u00e9 \U0001F600\"");
  CHECK(quote("${x} %{x} #") == "\"${x} %{x} #\"");
}

TEST_CASE("invalid UTF-8 is refused everywhere") {
  const std::vector<std::string> bad = {
      "\xff",         "\xc3",         "a\xc3(",           "\xc0\xaf",
      "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80"};
  for (const std::string& s : bad) {
    CHECK_THROWS_AS(quote(s), std::invalid_argument);
    CHECK_THROWS_AS(emit(Node::map().add("k", Node::string(s))), std::invalid_argument);
    CHECK_THROWS_AS(emit(Node::map().add(s, Node::integer(1))), std::invalid_argument);
    CHECK_THROWS_AS(emit(Node::symbol(s)), std::invalid_argument);
  }
}

TEST_CASE("hostile strings round-trip through a YAML parser as values and keys") {
  for (const std::string& s : hostile_strings()) {
    INFO("string: " << quote(s));
    const std::string as_value = emit(Node::map().add("k", Node::string(s)));
    const YAML::Node value = YAML::Load(as_value)["k"];
    CHECK(value.Tag() == "!");
    CHECK(value.as<std::string>() == s);

    const std::string as_key = emit(Node::map().add(s, Node::integer(7)).add("z", Node::null()));
    const YAML::Node keyed = YAML::Load(as_key);
    REQUIRE(keyed.size() == 2);
    const auto first = keyed.begin();
    // yaml-cpp tags quoted scalars "!" and plain ones "?"; plain only for safe words.
    CHECK(first->first.Tag() == (is_safe_plain(s) ? "?" : "!"));
    CHECK(first->first.as<std::string>() == s);
    CHECK(first->second.as<int>() == 7);

    // As a symbol it must come out quoted, or plain and still the same string.
    const YAML::Node symbol = YAML::Load(emit(Node::seq({Node::symbol(s)})))[0];
    CHECK(symbol.as<std::string>() == s);
    CHECK(symbol.Tag() == (is_safe_plain(s) ? "?" : "!"));
  }
}

TEST_CASE("hostile strings round-trip inside flow sequences and under tags") {
  for (const std::string& s : hostile_strings()) {
    INFO("string: " << quote(s));
    Node join =
        Node::seq({Node::string(s), Node::seq({Node::symbol(s), ref("X")})}).tagged("!Join");
    const YAML::Node back = YAML::Load(emit(Node::map().add("v", join)))["v"];
    CHECK(back[0].as<std::string>() == s);
    CHECK(back[1][0].as<std::string>() == s);
    CHECK(back[1][1].as<std::string>() == "X");
  }
}

TEST_CASE("long keys use the explicit key form") {
  const std::string key(1500, 'k');
  CHECK(emit(Node::map().add(key, Node::map().add("a", Node::integer(1)))) ==
        "? " + key + "\n:\n  a: 1\n");
}

TEST_CASE("safe symbols stay plain, unsafe ones are quoted") {
  for (const char* safe : {"AWS::RDS::DBCluster", "Cluster.Endpoint.Address", "a/b-c_d", "Snapshot",
                           "Yess", "nope", "x1"}) {
    INFO(safe);
    CHECK(emit(Node::symbol(safe)) == std::string(safe) + "\n");
    CHECK(emit(Node::map().add(safe, Node::integer(1))) == std::string(safe) + ": 1\n");
  }
  for (const char* unsafe : {"yes", "NO", "On", "off", "TRUE", "false", "Null", "y", "N", "1abc",
                             "a b", "a:", "", "a#b", "a,b", "_x", "-x", "é"}) {
    INFO(unsafe);
    CHECK(emit(Node::symbol(unsafe)) == quote(unsafe) + "\n");
    CHECK(emit(Node::map().add(unsafe, Node::integer(1))) == quote(unsafe) + ": 1\n");
  }
}

TEST_CASE("numbers keep a decimal point and round-trip") {
  CHECK(Node::number(0.5).text == "0.5");
  CHECK(Node::number(16.0).text == "16.0");
  CHECK(Node::number(1e-7).text == "1.0e-07");
  CHECK(Node::number(1e300).text == "1.0e+300");
  CHECK(Node::number(-2.25).text == "-2.25");
  CHECK(Node::number(0.1).text == "0.1");
  CHECK(Node::integer(9223372036854775807LL).text == "9223372036854775807");
  CHECK(Node::integer(-42).text == "-42");

  for (double d : {0.5, 16.0, 1e-7, 0.1, 1.0 / 3.0, 123456789.123, -1e300, 5e-324}) {
    const YAML::Node back = YAML::Load(emit(Node::seq({Node::number(d)})))[0];
    CHECK(back.as<double>() == d);
  }
  const long long big = std::numeric_limits<long long>::min();
  CHECK(YAML::Load(emit(Node::seq({Node::integer(big)})))[0].as<long long>() == big);
  CHECK(emit(Node::map().add("MinCapacity", Node::number(0.5))) == "MinCapacity: 0.5\n");
}

TEST_CASE("non-finite numbers and malformed scalar text are refused") {
  CHECK_THROWS_AS(Node::number(std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS(Node::number(std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK_THROWS_AS(Node::number(-std::numeric_limits<double>::infinity()), std::invalid_argument);

  Node octal = Node::integer(1);
  octal.text = "0755";
  CHECK_THROWS_AS(emit(octal), std::invalid_argument);
  Node dotless = Node::number(1.5);
  dotless.text = "1e3";
  CHECK_THROWS_AS(emit(dotless), std::invalid_argument);
  Node inf = Node::number(1.5);
  inf.text = "inf.0";
  CHECK_THROWS_AS(emit(inf), std::invalid_argument);
  Node yes = Node::boolean(true);
  yes.text = "yes";
  CHECK_THROWS_AS(emit(yes), std::invalid_argument);
}

TEST_CASE("output ends with exactly one newline and never holds anchors") {
  Node shared = Node::map().add("a", Node::integer(1));
  Node root = Node::map().add("x", shared).add("z", shared);
  const std::string out = emit(root);
  CHECK(out == "x:\n  a: 1\n\nz:\n  a: 1\n");
  CHECK(out.find('&') == std::string::npos);
  CHECK(out.find('*') == std::string::npos);
}

TEST_CASE("add refuses nodes that are not maps") {
  Node seq = Node::seq();
  CHECK_THROWS_AS(seq.add("k", Node::null()), std::logic_error);
}

TEST_CASE("a trailing comment closes its key's line, on one line") {
  Node m = Node::map().add("a", Node::integer(1)).add("b", Node::seq({Node::integer(2)}));
  m.entries[0].trailing = "one";
  m.entries[1].trailing = "two\nlines";
  const std::string text = emit(m);
  CHECK(text == "a: 1  # one\n\nb:  # two lines\n  - 2\n");
  const YAML::Node read = YAML::Load(text);
  CHECK(read["a"].as<int>() == 1);
  CHECK(read["b"][0].as<int>() == 2);
}
