// Stage 1: loading YAML text into a JSON document and a source map.
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "loader.h"
#include "scalar_resolution.h"
#include "utf8.h"

namespace {

using ag::Diagnostics;
using ag::LoadLimits;
using ag::Manifest;

std::optional<Manifest> load(const std::string& text, Diagnostics& diags,
                             const LoadLimits& limits = {}) {
  return ag::load_manifest("m.yaml", text, diags, limits);
}

// Loads text that must be refused; checks there is exactly one error and returns it.
ag::Diagnostic refusal(const std::string& text, const LoadLimits& limits = {}) {
  Diagnostics diags;
  const auto manifest = load(text, diags, limits);
  CHECK_FALSE(manifest.has_value());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].severity == ag::Severity::Error);
  CHECK(diags.items()[0].loc.file == "m.yaml");
  return diags.items()[0];
}

nlohmann::json load_ok(const std::string& text) {
  Diagnostics diags;
  auto manifest = load(text, diags);
  INFO(text.substr(0, 80));
  REQUIRE(diags.items().empty());
  REQUIRE(manifest.has_value());
  return manifest->doc;
}

void check_refusal(const std::string& text, const std::string& rule, int line, int col,
                   const LoadLimits& limits = {}) {
  INFO(text.substr(0, 80));
  const ag::Diagnostic d = refusal(text, limits);
  CHECK(d.rule == rule);
  CHECK(d.loc.line == line);
  CHECK(d.loc.col == col);
  CHECK_FALSE(d.message.empty());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("plain scalars resolve conservatively by the YAML 1.2 core schema") {
  using nlohmann::json;
  const json doc = load_ok(
      "a: ~\nb: null\nc: NULL\nd:\ne: true\nf: False\ng: yes\nh: on\ni: no\n"
      "j: 42\nk: -7\nl: +3\nm: 0\nn: 0755\no: 0x1F\np: 0o17\nq: 1.5\nr: 1e3\n"
      "s: -2.5E-2\nt: .inf\nu: .nan\nv: 99999999999999999999\nw: 1.\nx: .5\n"
      "y: 1e999\nz: 12abc\n");
  CHECK(doc["a"].is_null());
  CHECK(doc["b"].is_null());
  CHECK(doc["c"].is_null());
  CHECK(doc["d"].is_null());
  CHECK(doc["e"] == json(true));
  CHECK(doc["f"] == json(false));
  CHECK(doc["g"] == json("yes"));
  CHECK(doc["h"] == json("on"));
  CHECK(doc["i"] == json("no"));
  CHECK(doc["j"].is_number_integer());
  CHECK(doc["j"].get<std::int64_t>() == 42);
  CHECK(doc["k"].get<std::int64_t>() == -7);
  CHECK(doc["l"].get<std::int64_t>() == 3);
  CHECK(doc["m"].get<std::int64_t>() == 0);
  CHECK(doc["n"] == json("0755"));
  CHECK(doc["o"] == json("0x1F"));
  CHECK(doc["p"] == json("0o17"));
  CHECK(doc["q"].is_number_float());
  CHECK(doc["q"].get<double>() == 1.5);
  CHECK(doc["r"].is_number_float());
  CHECK(doc["r"].get<double>() == 1000.0);
  CHECK(doc["s"].get<double>() == Approx(-0.025));
  CHECK(doc["t"] == json(".inf"));
  CHECK(doc["u"] == json(".nan"));
  CHECK(doc["v"] == json("99999999999999999999"));
  CHECK(doc["w"] == json("1."));
  CHECK(doc["x"] == json(".5"));
  CHECK(doc["y"] == json("1e999"));
  CHECK(doc["z"] == json("12abc"));
}

TEST_CASE("quoted and block scalars are always strings") {
  using nlohmann::json;
  const json doc = load_ok(
      "a: \"1\"\nb: 'true'\nc: \"null\"\nd: ''\ne: \"~\"\nf: |\n  line\ng: >\n  folded\n  text\n");
  CHECK(doc["a"] == json("1"));
  CHECK(doc["b"] == json("true"));
  CHECK(doc["c"] == json("null"));
  CHECK(doc["d"] == json(""));
  CHECK(doc["e"] == json("~"));
  CHECK(doc["f"] == json("line\n"));
  CHECK(doc["g"] == json("folded text\n"));
}

TEST_CASE("int64 bounds decide between integer and string") {
  CHECK(ag::resolve_plain_scalar("9223372036854775807").is_number_integer());
  CHECK(ag::resolve_plain_scalar("-9223372036854775808").is_number_integer());
  CHECK(ag::resolve_plain_scalar("9223372036854775808").is_string());
  CHECK(ag::resolve_plain_scalar("-0").get<std::int64_t>() == 0);
  CHECK(ag::resolve_plain_scalar("+1.5e+2").get<double>() == 150.0);
  CHECK(ag::resolve_plain_scalar("1e").is_string());
  CHECK(ag::resolve_plain_scalar("-").is_string());
  CHECK(ag::resolve_plain_scalar("").is_null());
}

TEST_CASE("the source map records value and key positions, 1-based") {
  Diagnostics diags;
  const auto m = load(
      "apiVersion: aurora-gen/v1\n"
      "spec:\n"
      "  network:\n"
      "    subnet_ids:\n"
      "      - subnet-a\n"
      "      - subnet-b\n"
      "  port:   5432\n"
      "  empty:\n"
      "  flow: {x: [1, 2]}\n",
      diags);
  REQUIRE(m.has_value());
  const auto at = [&](const std::string& p) {
    const ag::Location l = m->map.at(p);
    return std::to_string(l.line) + ":" + std::to_string(l.col);
  };
  const auto key_at = [&](const std::string& p) {
    const ag::Location l = m->map.key_at(p);
    return std::to_string(l.line) + ":" + std::to_string(l.col);
  };
  CHECK(at("") == "1:1");
  CHECK(at("/apiVersion") == "1:13");
  CHECK(key_at("/apiVersion") == "1:1");
  CHECK(key_at("/spec/network") == "3:3");
  CHECK(at("/spec/network/subnet_ids") == "5:7");
  CHECK(at("/spec/network/subnet_ids/0") == "5:9");
  CHECK(at("/spec/network/subnet_ids/1") == "6:9");
  CHECK(at("/spec/port") == "7:11");
  CHECK(key_at("/spec/port") == "7:3");
  // An implicit null has no position of its own: it falls back to its key.
  CHECK(at("/spec/empty") == "8:3");
  CHECK(at("/spec/flow/x/1") == "9:17");
  CHECK(m->map.file() == "m.yaml");
}

TEST_CASE("keys with '/' and '~' are escaped in pointers") {
  Diagnostics diags;
  const auto m = load("tags:\n  a/b: 1\n  c~d: 2\n", diags);
  REQUIRE(m.has_value());
  CHECK(m->map.at("/tags/a~1b").line == 2);
  CHECK(m->map.at("/tags/c~0d").line == 3);
  CHECK(m->doc["tags"]["a/b"] == 1);
}

TEST_CASE("every contract example loads") {
  for (const char* name :
       {"minimal", "serverless-postgres", "provisioned-postgres-ha", "global-primary",
        "global-secondary", "mysql-dev-autopause", "rds-multi-az-postgres"}) {
    const std::string path = std::string(AG_SOURCE_DIR) + "/examples/" + name + ".yaml";
    const std::string text = read_file(path);
    INFO(path);
    REQUIRE_FALSE(text.empty());
    Diagnostics diags;
    const auto m = ag::load_manifest(path, text, diags);
    REQUIRE(m.has_value());
    CHECK(diags.items().empty());
    CHECK(m->doc["apiVersion"] == "aurora-gen/v1");
    CHECK(m->doc["spec"].is_object());
  }
}

TEST_CASE("a minimal manifest loads with the expected types") {
  const std::string path = std::string(AG_SOURCE_DIR) + "/examples/minimal.yaml";
  Diagnostics diags;
  const auto m = ag::load_manifest(path, read_file(path), diags);
  REQUIRE(m.has_value());
  CHECK(m->doc["spec"]["engine_version"] == "15.15");  // quoted: stays a string
  CHECK(m->doc["spec"]["instances"]["readers"]["count"].is_number_integer());
  CHECK(m->doc["spec"]["network"]["subnet_ids"].size() == 2);
  CHECK(m->map.at("/kind").line == 5);
}

TEST_CASE("size limit is checked before parsing") {
  LoadLimits limits;
  limits.max_bytes = 10;
  check_refusal("a: [unclosed and long", "load.too-large", 0, 0, limits);
  limits.max_bytes = 21;
  Diagnostics diags;
  CHECK(load("a: 123456789012345678", diags, limits).has_value());
}

TEST_CASE("invalid UTF-8 is refused at its first bad byte") {
  check_refusal("a: 1\nb: x\xC3(\n", "load.invalid-utf8", 2, 5);               // truncated
  check_refusal("a: \xC0\xAF\n", "load.invalid-utf8", 1, 4);                   // overlong
  check_refusal("a: \xE0\x80\xAF\n", "load.invalid-utf8", 1, 4);               // overlong
  check_refusal("a: ok\n\nb: \"\xED\xA0\x80\"\n", "load.invalid-utf8", 3, 5);  // surrogate
  check_refusal("a: \xF4\x90\x80\x80\n", "load.invalid-utf8", 1, 4);           // > U+10FFFF
  check_refusal("a: \x80\n", "load.invalid-utf8", 1, 4);                       // stray
  check_refusal("a: \xE2\x82", "load.invalid-utf8", 1, 4);                     // cut at end
  CHECK(load_ok("\xEF\xBB\xBF"
                "a: caf\xC3\xA9 \xF0\x9F\x98\x80\n")["a"] == "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST_CASE("control characters that yaml-cpp would drop are refused") {
  check_refusal(std::string("a: x\x01y\n"), "load.control-character", 1, 5);
  check_refusal(std::string("a: 1\nb: x\0y\n", 12), "load.control-character", 2, 5);
  check_refusal("a: \xC2\x85y\n", "load.control-character", 1, 4);
  CHECK(load_ok("a:\tx\r\nb: \"\\x01\"\r\n")["b"] == "\x01");
}

TEST_CASE("a BOM does not shift positions") {
  Diagnostics diags;
  const auto m = load(
      "\xEF\xBB\xBF"
      "a: 1\nb: !!str 2\n",
      diags);
  REQUIRE_FALSE(m.has_value());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].rule == "load.tag");
  CHECK(diags.items()[0].loc.line == 2);
  CHECK(diags.items()[0].loc.col == 4);
}

TEST_CASE("several documents are refused at the second") {
  check_refusal("a: 1\n---\nb: 2\n", "load.multiple-documents", 2, 1);
  check_refusal("--- a\n--- b\n", "load.multiple-documents", 2, 1);
  check_refusal("a: 1\n---\n", "load.multiple-documents", 2, 1);
  CHECK(load_ok("---\na: 1\n...\n")["a"] == 1);
}

TEST_CASE("anchors, aliases and merge keys are refused") {
  check_refusal("a: &x 1\nb: 2\n", "load.anchor", 1, 4);
  check_refusal("a:\n  - &x {k: v}\n", "load.anchor", 2, 5);
  check_refusal("a: *x\n", "load.alias", 1, 4);
  check_refusal("a: 1\nb:\n  <<: {c: 1}\n", "load.alias", 3, 3);
  check_refusal("b:\n  <<: *base\n", "load.alias", 2, 3);
  // A quoted "<<" is an ordinary key.
  CHECK(load_ok("\"<<\": 1\n")["<<"] == 1);
}

TEST_CASE("explicit tags are refused") {
  check_refusal("a: !!str 1\n", "load.tag", 1, 4);
  check_refusal("a: 1\nb: !Ref x\n", "load.tag", 2, 4);
  check_refusal("a: !!binary aGk=\n", "load.tag", 1, 4);
  check_refusal("a: ! 1\n", "load.tag", 1, 4);
  check_refusal("a: !!str\n", "load.tag", 1, 4);
  check_refusal("a: !!map {b: 1}\n", "load.tag", 1, 4);
  check_refusal("!!str k: 1\n", "load.tag", 1, 1);
}

TEST_CASE("duplicate keys are refused at the second occurrence") {
  Diagnostics diags;
  const ag::Diagnostic d = refusal("a: 1\nb:\n  c: 1\n  c: 2\n");
  CHECK(d.rule == "load.duplicate-key");
  CHECK(d.loc.line == 4);
  CHECK(d.loc.col == 3);
  CHECK(d.message.find("line 3") != std::string::npos);
  check_refusal("{a: 1, a: 2}\n", "load.duplicate-key", 1, 8);
  check_refusal("a: 1\n\"a\": 2\n", "load.duplicate-key", 2, 1);
  // The same key in different mappings is fine.
  CHECK(load_ok("x: {a: 1}\ny: {a: 2}\n")["y"]["a"] == 2);
}

TEST_CASE("non-scalar and null keys are refused") {
  check_refusal("? [a]\n: 1\n", "load.complex-key", 1, 3);
  check_refusal("{[a]: 1}\n", "load.complex-key", 1, 2);
  check_refusal("? {a: 1}\n: 1\n", "load.complex-key", 1, 3);
  check_refusal("~: 1\n", "load.complex-key", 1, 1);
  check_refusal(": 1\n", "load.complex-key", 1, 1);
}

TEST_CASE("nesting depth is limited and configurable") {
  LoadLimits limits;
  limits.max_depth = 3;
  Diagnostics ok_diags;
  CHECK(load("a: {b: [1]}\n", ok_diags, limits).has_value());
  check_refusal("a: {b: [[1]]}\n", "load.too-deep", 1, 9, limits);
  check_refusal("a:\n  b:\n    c:\n      d: 1\n", "load.too-deep", 4, 7, limits);
  // The default limit stops a bracket bomb long before yaml-cpp's own recursion guard.
  const std::string bomb = std::string(100000, '[') + "1" + std::string(100000, ']');
  check_refusal(bomb, "load.too-deep", 1, 33);
  // A limit above yaml-cpp's own guard (2000) still ends in a refusal, not a crash.
  limits.max_depth = 100000;
  CHECK(refusal(bomb, limits).rule == "load.too-deep");
}

TEST_CASE("node count is limited and configurable") {
  LoadLimits limits;
  limits.max_nodes = 5;
  Diagnostics ok_diags;
  CHECK(load("[1, 2, 3, 4]\n", ok_diags, limits).has_value());  // 5 nodes
  check_refusal("[1, 2, 3, 4, 5]\n", "load.too-many-nodes", 1, 14, limits);
  check_refusal("a: 1\nb: 2\nc: 3\n", "load.too-many-nodes", 3, 1, limits);  // keys count
  std::string many = "[";
  for (int i = 0; i < 200000; ++i) many += "1,";
  many += "1]";
  CHECK(refusal(many).rule == "load.too-many-nodes");
}

TEST_CASE("scalar length is limited and configurable") {
  LoadLimits limits;
  limits.max_scalar_bytes = 4;
  Diagnostics ok_diags;
  CHECK(load("abcd: \"wxyz\"\n", ok_diags, limits).has_value());
  check_refusal("a: 1\nb: \"12345\"\n", "load.scalar-too-long", 2, 4, limits);
  check_refusal("abcde: 1\n", "load.scalar-too-long", 1, 1, limits);
  check_refusal("a: " + std::string(20000, 'x') + "\n", "load.scalar-too-long", 1, 4);
}

TEST_CASE("syntax errors are reported at yaml-cpp's mark, with their line") {
  const auto d = refusal("a:\n  b: {x\n");
  CHECK(d.rule == "load.syntax");
  CHECK(d.excerpt == "  b: {x");
  check_refusal("a: 1\nb: - x\n", "load.syntax", 2, 4);
  const auto text = ag::format_text(refusal("a: 1\nb: - x\n"));
  CHECK(text.find("\n    2 | b: - x\n      |    ^") != std::string::npos);
}

TEST_CASE("a tab in the indentation is named, at the tab") {
  for (const std::string text :
       {"a:\n\tb: 1\n", "a:\n  b: 1\n\tc: 2\n", "a: 1\n\t\nb: 2\n", "a:\n  b: 1\n \tc: 2\n"}) {
    INFO(text);
    const auto d = refusal(text);
    CHECK(d.rule == "load.syntax");
    CHECK(d.message == "a tab in the indentation: YAML indents with spaces only");
    CHECK(d.loc.col == static_cast<int>(d.excerpt.find('\t')) + 1);
    CHECK_THAT(d.hint, Catch::Contains("replace the tab with spaces"));
  }
  // The caret line repeats the tab, so that it lines up under the tab wherever tabs stop.
  CHECK(ag::format_text(refusal("a:\n \tb: 1\n")).find("\n      |  ^") != std::string::npos);
  // A tab after the indentation separates, as YAML allows.
  CHECK(load_ok("a:\n  b:\t1\n")["a"]["b"] == 1);
}

TEST_CASE("a key indented off its siblings is named, with the indentation that works") {
  // Deeper than a key that already has its value: yaml-cpp says "illegal map value".
  auto d = refusal("metadata:\n  name: x\n   region: y\n");
  CHECK(d.rule == "load.syntax");
  CHECK(d.loc.line == 3);
  CHECK(d.loc.col == 4);
  CHECK(d.message ==
        "'region' is indented 3 spaces, more than 'name' on line 2 (2 spaces), which already "
        "has its value");
  CHECK(d.hint ==
        "keys of one mapping start in the same column: indent 'region' 2 spaces like "
        "'name'");
  // Between two levels: yaml-cpp says "end of map not found".
  d = refusal("metadata:\n  name: x\n region: y\n");
  CHECK(d.loc.col == 2);
  CHECK(d.message ==
        "'region' is indented 1 space, which lines up with no mapping above it: 'name' is at 2 "
        "spaces, 'metadata' is at 0 spaces");
  CHECK(d.hint ==
        "indent it 2 spaces to put it beside 'name', or 0 spaces to put it beside "
        "'metadata'");
  // In a list item, and past comments, blank lines, block text and flow collections.
  d = refusal("a:\n  - x: 1\n     y: 2\n");
  CHECK(d.message.starts_with("'y' is indented 5 spaces, more than 'x' on line 2 (4 spaces)"));
  d = refusal("a:\n  - x: 1\n   y: 2\n");
  CHECK(d.message.ends_with("'x' is at 4 spaces, the list's items are at 2 spaces"));
  CHECK(d.hint == "indent it 4 spaces to put it beside 'x'");
  d = refusal("a:\n  t: |\n    text\n      more\n  l: [1,\n     2]\n\n  # c\n   b: 1\n");
  CHECK(d.loc.line == 9);
  CHECK(d.message.starts_with("'b' is indented 3 spaces, more than 'l' on line 5"));
}

TEST_CASE("a bare line in a mapping is named, not the key after it") {
  // "environment: pr" broken in two: yaml-cpp fails on the line after the fragment.
  const auto d = refusal("metadata:\n  environment: pr\noduction\n  tags:\n    a: b\n");
  CHECK(d.loc.line == 3);
  CHECK(d.message == "line 3 is neither 'key: value' nor a list item, where its mapping needs one");
  CHECK_THAT(d.hint, Catch::Contains("join the two lines"));
}

TEST_CASE("a plain value holding ': ' is named, with the quoted form") {
  const auto d = refusal("key: value: more\n");
  CHECK(d.loc.line == 1);
  CHECK(d.loc.col == 11);
  CHECK(d.message == "a plain value cannot hold ': ' (YAML reads it as the start of another key)");
  CHECK(d.hint == "quote the value: key: \"value: more\"");
}

TEST_CASE("a quote left open at the end of the file is refused at the quote") {
  // yaml-cpp itself would read the rest of the file into the string.
  const auto d = refusal("a:\n  engine_version: \"15.4\n  network:\n    vpc_id: x\n");
  CHECK(d.rule == "load.syntax");
  CHECK(d.loc.line == 2);
  CHECK(d.loc.col == 19);
  CHECK(d.message.find("unterminated double-quoted string") != std::string::npos);
  check_refusal("a: 'x\nb: 1\n", "load.syntax", 1, 4);
  check_refusal("\"k: 1\n", "load.syntax", 1, 1);      // a key
  check_refusal("a: \"x\\\"\n", "load.syntax", 1, 4);  // the escaped quote does not close it
  check_refusal("a: 'it''s\n", "load.syntax", 1, 4);   // nor does a doubled one
  // Closed strings, including escapes, doubled quotes and several lines, are fine.
  CHECK(load_ok("a: \"x\\\"y\"\nb: 'it''s'\n")["b"] == "it's");
  CHECK(load_ok("a: \"one\n  two\"\nb: 1\n")["a"] == "one two");
}

TEST_CASE("an unclosed flow collection is reported at its bracket") {
  for (const std::string text :
       {"a: [1, 2\n", "a:\n  b: [x, y\n  c: 1\n", "a: [x,\n  y,\nb: 2\n"}) {
    INFO(text);
    const auto d = refusal(text);
    CHECK(d.rule == "load.syntax");
    CHECK(d.message.find("unclosed flow sequence") != std::string::npos);
    CHECK(d.loc.line == (text.starts_with("a:\n") ? 2 : 1));
    CHECK(d.loc.col == (text.starts_with("a:\n") ? 6 : 4));
  }
  // yaml-cpp would take these for collections used as mapping keys (load.complex-key).
  check_refusal("a:\n  - [x, y\n  - z\n", "load.syntax", 2, 5);
  check_refusal("a: [x, [y\n", "load.syntax", 1, 8);
  check_refusal("a: [x, [y]\n", "load.syntax", 1, 4);
  const auto map = refusal("a: {x: 1\nb: 2\n");
  CHECK(map.message.find("unclosed flow mapping") != std::string::npos);
  CHECK(map.loc.col == 4);
  // Brackets inside quoted strings and comments do not count.
  check_refusal("a: [\"]\", x # ]\n", "load.syntax", 1, 4);
  CHECK(load_ok("a: [\"]\", 'x]', # ]\n  y]\n")["a"].size() == 3);
}

TEST_CASE("empty documents are refused") {
  // At 1:1: there is no better place, and every load error has a position.
  check_refusal("", "load.empty", 1, 1);
  check_refusal("# just a comment\n\n", "load.empty", 1, 1);
  check_refusal("---\n", "load.empty", 1, 1);
  check_refusal("\xEF\xBB\xBF", "load.empty", 1, 1);
}

TEST_CASE("pathological inputs end in a diagnostic or a document, never a crash") {
  const std::string inputs[] = {
      ":",
      std::string(100000, '['),
      std::string(100000, '[') + std::string(100000, ']'),
      "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
      std::string(100000, '{'),
      std::string(100000, ']'),
      std::string(100000, '-'),
      std::string(100000, '"'),
      "a: " + std::string(500000, 'x'),
      "a: |\n" + std::string(1000, ' ') + "x\n",
      "[" + std::string(50000, ',') + "]",
      "'unterminated",
      "\"\\",
      "? ? ? ? ? ?",
      "%YAML 1.2\n%YAML 1.2\n---\na: 1",
      "%TAG ! tag:x,2000:\n---\n!a b",
      "{a: 1, ? }",
      "&",
      "*",
      "!",
      "a: 'x\n\n---\n'",
  };
  for (const std::string& text : inputs) {
    INFO(text.substr(0, 80));
    Diagnostics diags;
    const auto m = load(text, diags);
    CHECK(m.has_value() != diags.has_errors());
  }
}
