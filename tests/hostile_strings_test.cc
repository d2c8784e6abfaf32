// Hostile strings (issue 6): every string of kStrings goes through every place of
// kPoints where user text reaches an artifact. Each combination is either refused with a
// located diagnostic (when AWS or a target could not take the string) or it compiles and
// every target's artifact, parsed back with a real parser, holds exactly the input:
//   CloudFormation template.yaml and Pulumi.yaml with yaml-cpp (Pulumi: every `$` doubled,
//   its escaping), Terraform main.tf with tools/terraform/hclvalues (HashiCorp's hclsyntax),
//   run when AG_HCLVALUES names the binary (else the Terraform comparison is skipped).
// Nothing may be interpolated: no Fn::Sub, no CloudFormation dynamic reference or intrinsic
// key, no Pulumi `${`, no HCL template sequence and no plain YAML scalar that a YAML 1.1
// reader resolves to something other than a string.
#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "render.h"
#include "test_support.h"

using namespace ag;

namespace {

// ---------------------------------------------------------------------------------------
// The strings.

std::string repeat_to(const std::string& unit, std::size_t code_points);

struct Hostile {
  const char* name;
  std::string text;
};

const std::vector<Hostile> kStrings = {
    {"terraform/pulumi interpolation", "${x}"},
    {"terraform directive", "%{x}"},
    {"terraform directive block", "%{ if true }a%{ endif }"},
    {"escaped interpolation", "$${x}"},
    {"escaped directive", "%%{x}"},
    {"lone dollar and percent", "$ 100 % off $"},
    {"cloudformation pseudo parameter", "${AWS::Region}"},
    {"cloudformation dynamic reference", "{{resolve:ssm:x}}"},
    {"cloudformation intrinsic key Ref", "Ref"},
    {"cloudformation intrinsic key Fn::", "Fn::Join"},
    {"pulumi builtin key", "fn::join"},
    {"yaml 1.1 bool yes", "yes"},
    {"yaml 1.1 bool on", "on"},
    {"yaml 1.1 octal", "0755"},
    {"yaml float", "1e3"},
    {"yaml null ~", "~"},
    {"yaml null", "null"},
    {"yaml timestamp", "2001-12-14"},
    {"hcl keyword for", "for"},
    {"single quote", "it's"},
    {"double quote", "say \"hi\""},
    {"backslashes", "C:\\temp\\new \\\\server \\u0041"},
    {"hash", "a #b"},
    {"leading hash", "#x"},
    {"colon space", "a: b"},
    {"leading *", "*x"},
    {"leading &", "&x"},
    {"leading !", "!x"},
    {"leading %", "%x"},
    {"leading @", "@x"},
    {"leading dash", "- x"},
    {"leading and trailing spaces", " x "},
    {"empty", ""},
    {"newline", "line1\nline2"},
    {"trailing newline", "x\n"},
    {"carriage return", "a\rb"},
    {"tab", "a\tb"},
    {"control character",
     "a\x01"
     "b"},
    {"delete",
     "a\x7f"
     "b"},
    {"next line U+0085", "a\u0085b"},
    {"line separator U+2028", "a\u2028b"},
    {"paragraph separator U+2029", "a\u2029b"},
    {"byte order mark U+FEFF", "a\uFEFFb"},
    {"bidi override U+202E", "a\u202Eb"},
    {"latin letters", "caf\u00e9 \u00fcber"},
    {"non-BMP letters", "\U0001D400\U00020000"},
    {"emoji (non-BMP symbol)", "db \U0001F600"},
    {"long, tag charset (256)", repeat_to("ab c.\u00e9/=+-@:_", 256)},
    {"long, hostile (4096)", repeat_to("${x}%{y}'\"\\#: \n\t{{", 4096)},
};

// ---------------------------------------------------------------------------------------
// What the manifest contract and AWS accept: the model the compiler is held to.

std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string repeat_to(const std::string& unit, std::size_t n) {
  std::string out;
  const std::vector<char32_t> cps = code_points(unit);
  std::size_t taken = 0;
  for (std::size_t i = 0; taken < n; ++taken, ++i) {
    // Re-encode code point i of the unit (the table only needs 1- to 3-byte ones).
    const char32_t cp = cps[i % cps.size()];
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// AWS's tag character set, ^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$ as the contract words it
// ("letters, digits, space"): ASCII by the list; beyond ASCII, the letter blocks the table
// uses (Latin-1/Extended letters, CJK, mathematical alphanumerics) and nothing else.
bool aws_tag_char(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::u32string_view(U" _.:/=+-@").find(c) != std::u32string_view::npos;
  }
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x1D400 && c <= 0x1D7FF);
}

bool all_tag_chars(const std::string& s) {
  for (char32_t c : code_points(s)) {
    if (!aws_tag_char(c)) return false;
  }
  return true;
}

bool matches(const std::string& s, const char* pattern) {
  return std::regex_match(s, std::regex(pattern));
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// CloudFormation resolves {{resolve:...}} in any string, and there is no way to escape it.
bool cloudformation_resolves(const std::string& s) {
  return s.find("{{resolve:") != std::string::npos;
}

// In a CloudFormation map, these keys are read as intrinsic functions.
bool cloudformation_intrinsic_key(const std::string& s) {
  return s == "Ref" || s == "Condition" || starts_with(s, "Fn::");
}

// nullopt: accepted; else the rule id of the refusal.
using Expect = std::optional<std::string>;

// A character outside AWS's tag set, ASCII or not, is tags.charset: the check stage names it
// (the schema's own pattern is left to that rule).
Expect tag_value(const std::string& s) {
  if (code_points(s).size() > 256) return "schema.max-length";
  if (!all_tag_chars(s)) return "tags.charset";
  return std::nullopt;
}

Expect tag_key(const std::string& s) {
  if (s.empty()) return "schema.min-length";
  if (code_points(s).size() > 128) return "schema.max-length";
  if (!all_tag_chars(s)) return "tags.charset";
  if (starts_with(s, "fn::") || starts_with(s, "Fn::")) return "tags.builtin-prefix";
  return std::nullopt;
}

Expect parameter_value(const std::string& s) {
  if (code_points(s).size() > 4096) return "schema.max-length";
  if (cloudformation_resolves(s)) return "cfn.dynamic-reference";
  return std::nullopt;
}

Expect parameter_name(const std::string& s) {
  if (!matches(s, "[A-Za-z][A-Za-z0-9_.:-]*")) return "schema.pattern";
  if (cloudformation_intrinsic_key(s)) return "parameters.intrinsic-name";
  return std::nullopt;
}

Expect email_local_part(const std::string& s) {
  if (!matches(s + "@example.com", "[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) return "schema.pattern";
  if (cloudformation_resolves(s)) return "cfn.dynamic-reference";
  return std::nullopt;
}

Expect subnet_group_name(const std::string& s) {
  if (!matches(s, "[A-Za-z0-9][A-Za-z0-9 ._-]*")) return "schema.pattern";
  return std::nullopt;
}

Expect database_name(const std::string& s) {
  if (!matches(s, "[A-Za-z][A-Za-z0-9_]*")) return "schema.pattern";
  return std::nullopt;
}

Expect environment(const std::string& s) {
  if (!matches(s, "[a-z0-9-]{1,32}")) return "schema.pattern";
  return std::nullopt;
}

Expect metadata_name(const std::string& s) {
  if (!matches(s, "[a-z][a-z0-9-]*")) return "schema.pattern";
  if (s.size() > 40) return "schema.max-length";
  if (s.find("--") != std::string::npos) return "name.double-hyphen";
  if (s.back() == '-') return "name.trailing-hyphen";
  return std::nullopt;
}

Expect any_file_name(const std::string&) { return std::nullopt; }

// ---------------------------------------------------------------------------------------
// The injection points. Each builds a manifest from examples/minimal.yaml with the string
// (written as a YAML double-quoted scalar) in one place, says what is accepted, and where
// each target's artifact must hold it.
//
// YAML locators are '/'-separated: a key; `*` every child; `[k=v]` children whose key k
// is v; `~v` (last) the keys of the entries whose value is v. Terraform locators are
// regexes over hclvalues paths; with a capture group, the captured part of the path is
// the found string (a map key) and its value must be kMarker.

const std::string kMarker = "probe-value";

struct Point {
  const char* name;
  std::function<std::string(const std::string& quoted)> manifest;
  std::function<Expect(const std::string&)> expect;
  std::function<std::string(const std::string&)> expected;  // the value as it must appear
  const char* cloudformation;
  const char* terraform;  // nullptr: the Terraform module does not carry it
  const char* pulumi;
  std::string file = "test.yaml";
};

std::string replace_once(std::string text, const std::string& anchor, const std::string& with) {
  const std::size_t at = text.find(anchor);
  if (at == std::string::npos) throw std::runtime_error("anchor not in minimal.yaml: " + anchor);
  return text.replace(at, anchor.size(), with);
}

const std::string& minimal() {
  static const std::string text = test::read_repo_file("examples/minimal.yaml");
  return text;
}
std::string in_metadata(const std::string& lines) {
  return replace_once(minimal(), "  name: paas-postgres\n", "  name: paas-postgres\n" + lines);
}
std::string in_spec(const std::string& lines) { return minimal() + lines; }
std::string same(const std::string& s) { return s; }

const std::vector<Point> kPoints = {
    {"tag value",
     [](const std::string& q) { return in_metadata("  tags:\n    probe: " + q + "\n"); }, tag_value,
     same, "Resources/*/Properties/Tags/[Key=probe]/Value",
     R"(resource\.[^.]+\.[^.]+\.tags\.probe)", "resources/*/properties/tags/probe"},
    {"tag key",
     [](const std::string& q) {
       // YAML limits an implicit key to 1024 characters; longer ones need the explicit form.
       const std::string entry = q.size() < 1000 ? q + ": " : "? " + q + "\n    : ";
       return in_metadata("  tags:\n    " + entry + kMarker + "\n");
     },
     tag_key, same, "Resources/*/Properties/Tags/[Value=probe-value]/Key",
     R"(resource\.[^.]+\.[^.]+\.tags\.(.*))", "resources/*/properties/tags/~probe-value"},
    {"cluster parameter value",
     [](const std::string& q) {
       return in_spec("  parameters:\n    cluster:\n      - name: probe\n        value: " + q +
                      "\n");
     },
     parameter_value, same,
     "Resources/[Type=AWS::RDS::DBClusterParameterGroup]/Properties/Parameters/probe",
     R"(resource\.aws_rds_cluster_parameter_group\.cluster_parameter_group\.parameter\[0\]\.value)",
     "resources/[type=aws:rds:ClusterParameterGroup]/properties/parameters/[name=probe]/value"},
    {"instance parameter value",
     [](const std::string& q) {
       return in_spec("  parameters:\n    instance:\n      - name: probe\n        value: " + q +
                      "\n");
     },
     parameter_value, same,
     "Resources/[Type=AWS::RDS::DBParameterGroup]/Properties/Parameters/probe",
     R"(resource\.aws_db_parameter_group\.instance_parameter_group\.parameter\[0\]\.value)",
     "resources/[type=aws:rds:ParameterGroup]/properties/parameters/[name=probe]/value"},
    {"parameter name",
     [](const std::string& q) {
       return in_spec("  parameters:\n    cluster:\n      - name: " + q +
                      "\n        value: " + kMarker + "\n");
     },
     parameter_name, same,
     "Resources/[Type=AWS::RDS::DBClusterParameterGroup]/Properties/Parameters/~probe-value",
     R"(resource\.aws_rds_cluster_parameter_group\.cluster_parameter_group\.parameter\[0\]\.name)",
     // The entry with the probe's value: aurora-gen adds parameters of its own (TLS).
     "resources/[type=aws:rds:ClusterParameterGroup]/properties/parameters/[value=probe-value]/"
     "name"},
    {"alarm e-mail address",
     [](const std::string& q) {
       return in_spec(
           "  monitoring:\n    alarms:\n      cpu_utilization_percent: 80\n"
           "      notify_emails:\n        - " +
           q.substr(0, q.size() - 1) + "@example.com\"\n");
     },
     email_local_part, [](const std::string& s) { return s + "@example.com"; },
     "Resources/[Type=AWS::SNS::Subscription]/Properties/Endpoint",
     R"(resource\.aws_sns_topic_subscription\.[^.]+\.endpoint)",
     "resources/[type=aws:sns:TopicSubscription]/properties/endpoint"},
    {"existing DB subnet group name",
     [](const std::string& q) {
       return replace_once(minimal(),
                           "    subnet_ids:\n      - subnet-0a1b2c3d4e5f60001\n"
                           "      - subnet-0a1b2c3d4e5f60002\n",
                           "    db_subnet_group_name: " + q + "\n");
     },
     subnet_group_name, same, "Resources/[Type=AWS::RDS::DBCluster]/Properties/DBSubnetGroupName",
     R"(resource\.aws_rds_cluster\.cluster\.db_subnet_group_name)",
     "resources/[type=aws:rds:Cluster]/properties/dbSubnetGroupName"},
    {"database name", [](const std::string& q) { return in_spec("  database_name: " + q + "\n"); },
     database_name, same, "Resources/[Type=AWS::RDS::DBCluster]/Properties/DatabaseName",
     R"(resource\.aws_rds_cluster\.cluster\.database_name)",
     "resources/[type=aws:rds:Cluster]/properties/databaseName"},
    {"metadata name (identifiers, Name tag)",
     [](const std::string& q) {
       return replace_once(minimal(), "  name: paas-postgres\n", "  name: " + q + "\n");
     },
     metadata_name, same, "Resources/[Type=AWS::RDS::DBCluster]/Properties/DBClusterIdentifier",
     R"(resource\.aws_rds_cluster\.cluster\.cluster_identifier)",
     "resources/[type=aws:rds:Cluster]/properties/clusterIdentifier"},
    {"environment (Environment tag)",
     [](const std::string& q) { return in_metadata("  environment: " + q + "\n"); }, environment,
     same, "Resources/*/Properties/Tags/[Key=Environment]/Value",
     R"(resource\.[^.]+\.[^.]+\.tags\.Environment)", "resources/*/properties/tags/Environment"},
};

// The manifest's file name must not reach the artifacts at all (output may not depend on
// where or under which name a manifest was compiled); it is its own case (see the second
// TEST_CASE).
const Point kFileName = {
    "manifest file name (description)",
    [](const std::string&) { return minimal(); },
    any_file_name,
    [](const std::string&) {
      return std::string("Aurora aurora-postgresql cluster paas-postgres, generated by aurora-gen");
    },
    "Description",
    nullptr,
    "description"};

// Combinations that show a compiler bug today, reported to the lead: they are checked, the
// failures are printed as warnings, and the test fails once one of them passes (so the
// entry is removed with the fix). Keys: "point|string name".
const std::set<std::string> kKnownIssues = {};

// ---------------------------------------------------------------------------------------
// Helpers.

// A YAML double-quoted scalar for s: escapes for the quote, the backslash and everything
// that is not printable or is a line break in YAML 1.1 or 1.2.
std::string yaml_quoted(const std::string& s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out = "\"";
  for (char32_t c : code_points(s)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
      const int digits = c < 0x100 ? 2 : 4;
      out += digits == 2 ? "\\x" : "\\u";
      for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
    } else {
      // Re-encode the code point as UTF-8.
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
  }
  return out + "\"";
}

// Printable form for messages.
std::string shown(const std::string& s) {
  std::string out = yaml_quoted(s);
  return out.size() > 80 ? out.substr(0, 77) + "...\"" : out;
}

std::string pulumi_escaped(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '$' ? std::string("$$") : std::string(1, c);
  return out;
}

// Pulumi YAML's reading of a string: `$$` is `$`, `${` starts an interpolation (nullopt).
std::optional<std::string> pulumi_literal(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      return std::nullopt;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A plain (unquoted) scalar that a YAML 1.1 or 1.2 reader resolves to something other
// than a string: bool, null, number, timestamp, merge key or value key.
bool plain_is_not_a_string(const std::string& s) {
  static const std::regex kNotString(
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
      "~|null|Null|NULL||=|<<|"
      "[-+]?[0-9._][0-9a-fA-FxXoObB_.:eE+-]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|"
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");
  return std::regex_match(s, kNotString);
}

struct Found {
  YAML::Node node;
  bool is_key;
};

// Applies a YAML locator (see kPoints) to a document.
std::vector<Found> locate(const YAML::Node& root, const std::string& locator) {
  std::vector<Found> current = {{root, false}};
  std::size_t start = 0;
  while (start <= locator.size()) {
    const std::size_t slash = locator.find('/', start);
    const std::string seg =
        locator.substr(start, slash == std::string::npos ? slash : slash - start);
    std::vector<Found> next;
    for (const Found& f : current) {
      const YAML::Node& n = f.node;
      auto children =
          [&](const std::function<void(const YAML::Node& key, const YAML::Node& v)>& fn) {
            if (n.IsMap()) {
              for (auto it = n.begin(); it != n.end(); ++it) fn(it->first, it->second);
            } else if (n.IsSequence()) {
              for (auto it = n.begin(); it != n.end(); ++it) fn(YAML::Node(), *it);
            }
          };
      if (seg == "*") {
        children([&](const YAML::Node&, const YAML::Node& v) { next.push_back({v, false}); });
      } else if (seg.size() > 2 && seg.front() == '[' && seg.back() == ']') {
        const std::size_t eq = seg.find('=');
        const std::string k = seg.substr(1, eq - 1), v = seg.substr(eq + 1, seg.size() - eq - 2);
        children([&](const YAML::Node&, const YAML::Node& c) {
          if (c.IsMap() && c[k] && c[k].IsScalar() && c[k].Scalar() == v)
            next.push_back({c, false});
        });
      } else if (!seg.empty() && seg.front() == '~') {
        children([&](const YAML::Node& key, const YAML::Node& v) {
          if (key && v.IsScalar() && v.Scalar() == seg.substr(1)) next.push_back({key, true});
        });
      } else if (n.IsMap() && n[seg]) {
        next.push_back({n[seg], false});
      }
    }
    current = std::move(next);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return current;
}

const std::string& artifact(const std::vector<Artifact>& artifacts, const std::string& path) {
  for (const Artifact& a : artifacts) {
    if (a.path == path) return a.content;
  }
  throw std::runtime_error("no artifact " + path);
}

// Everything one combination must satisfy; failures are reported through `fail` so that a
// known issue can turn them into warnings.
struct Checker {
  std::vector<std::string> failures;
  void fail(const std::string& what) { failures.push_back(what); }

  void yaml_value(const std::string& target, const Found& f, const std::string& want, bool pulumi) {
    if (!f.node.IsScalar()) return fail(target + ": the value is not a scalar");
    const std::string& got = f.node.Scalar();
    const std::string expect = pulumi ? pulumi_escaped(want) : want;
    if (got != expect) fail(target + ": read back " + shown(got) + ", expected " + shown(expect));
    if (f.node.Tag() == "?" && plain_is_not_a_string(got)) {
      fail(target + ": " + shown(got) + " is written plain and YAML 1.1 reads it as no string");
    }
    if (pulumi) {
      const auto literal = pulumi_literal(got);
      if (!literal)
        fail(target + ": Pulumi reads " + shown(got) + " as an interpolation");
      else if (*literal != want)
        fail(target + ": Pulumi reads " + shown(*literal));
    } else {
      if (cloudformation_resolves(got)) fail(target + ": CloudFormation resolves " + shown(got));
      if (f.is_key && cloudformation_intrinsic_key(got)) {
        fail(target + ": CloudFormation reads the key " + shown(got) + " as a function");
      }
    }
  }

  void yaml_artifact(const std::string& target, const std::string& text, const char* locator,
                     const std::string& want, bool pulumi) {
    YAML::Node doc;
    try {
      doc = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      return fail(target + ": does not parse: " + e.what());
    }
    const std::vector<Found> found = locate(doc, locator);
    if (found.empty()) fail(target + ": nothing at " + locator);
    for (const Found& f : found) yaml_value(target, f, want, pulumi);
  }

  void terraform(const nlohmann::json& values, const char* locator, const std::string& want) {
    const std::regex re(locator);
    int found = 0;
    for (auto it = values.begin(); it != values.end(); ++it) {
      std::smatch m;
      if (!std::regex_match(it.key(), m, re)) continue;
      const std::string value = it.value().get<std::string>();
      if (m.size() > 1 && value != kMarker) continue;
      ++found;
      const std::string got = m.size() > 1 ? m[1].str() : value;
      if (got != want) fail("main.tf " + it.key() + ": read back " + shown(got));
    }
    if (found == 0) fail("main.tf: no literal string at " + std::string(locator));
  }
};

// Compiles one combination and checks it; returns the failures.
std::vector<std::string> check(const Point& point, const std::string& s, bool& warned) {
  Checker c;
  const std::string text = point.manifest(yaml_quoted(s));
  Diagnostics diags;
  const auto compiled = compile(point.file, text, diags);
  const Expect expect = point.expect(s);
  std::string got_rules;
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::Error) got_rules += format_text(d) + "\n";
  }
  if (expect && compiled) {
    // Say so, and also show what the artifacts make of the string.
    c.fail("accepted, expected a refusal with " + *expect);
  } else if (expect) {
    bool matched = false;
    for (const Diagnostic& d : diags.items()) {
      if (d.severity == Severity::Error && d.rule == *expect && d.loc.line > 0) matched = true;
    }
    if (!matched) c.fail("refused, but not by " + *expect + " at a line:\n" + got_rules);
    return c.failures;
  }
  if (!compiled) {
    c.fail("refused, expected to compile:\n" + got_rules);
    return c.failures;
  }
  const std::string want = point.expected(s);
  const std::string cfn = artifact(render_cloudformation(compiled->graph), "template.yaml");
  for (const char* sub : {"Fn::Sub", "!Sub"}) {
    if (cfn.find(sub) != std::string::npos) c.fail(std::string("template.yaml has ") + sub);
  }
  c.yaml_artifact("template.yaml", cfn, point.cloudformation, want, false);
  c.yaml_artifact("Pulumi.yaml", artifact(render_pulumi(compiled->graph), "Pulumi.yaml"),
                  point.pulumi, want, true);
  if (point.terraform != nullptr) {
    const auto values = test::hcl_values(artifact(render_terraform(compiled->graph), "main.tf"));
    if (values)
      c.terraform(*values, point.terraform, want);
    else if (!warned) {
      WARN("AG_HCLVALUES is not set: the Terraform comparison is skipped");
      warned = true;
    }
  }
  return c.failures;
}

void run(const Point& point, const Hostile& h, bool& warned) {
  const std::string key = std::string(point.name) + "|" + h.name;
  INFO(point.name << " <- " << h.name << " " << shown(h.text));
  const std::vector<std::string> failures = check(point, h.text, warned);
  if (kKnownIssues.count(key) != 0) {
    if (failures.empty()) FAIL("known issue " << key << " passes now: remove it from kKnownIssues");
    for (const std::string& f : failures) WARN("known issue " << key << ": " << f);
    return;
  }
  for (const std::string& f : failures) FAIL_CHECK(f);
}

}  // namespace

TEST_CASE("hostile strings are refused with a location or reach every target unchanged") {
  bool warned = false;
  for (const Point& point : kPoints) {
    for (const Hostile& h : kStrings) run(point, h, warned);
  }
}

TEST_CASE("a hostile manifest file name never reaches the artifacts") {
  bool warned = false;
  for (const Hostile& h : kStrings) {
    // A file name cannot hold '/' or NUL nor be longer than 255 bytes; the rest is fair.
    if (h.text.find('/') != std::string::npos || h.text.size() > 240) continue;
    Point point = kFileName;
    point.file = "dir/" + h.text + ".yaml";
    run(point, h, warned);
  }
}

// The checks above must not pass vacuously: each catches the mistake it is there for.
TEST_CASE("the hostile-strings checks catch unescaped artifacts") {
  const Found plain{YAML::Load("v: yes")["v"], false};
  const Found pulumi{YAML::Load("v: \"${x}\"")["v"], false};
  const Found intrinsic{YAML::Load("Ref: probe-value").begin()->first, true};
  Checker c;
  c.yaml_value("plain", plain, "yes", false);
  c.yaml_value("pulumi", pulumi, "${x}", true);
  c.yaml_value("intrinsic", intrinsic, "Ref", false);
  CHECK(c.failures.size() == 4);  // plain bool; Pulumi not doubled and interpolated; Ref
  CHECK(locate(YAML::Load("a: [{k: x, v: 1}, {k: y, v: 2}]"), "a/[k=y]/v").at(0).node.Scalar() ==
        "2");
  const auto values =
      test::hcl_values("resource \"t\" \"n\" {\n  a = \"${x}\"\n  b = \"$${x}\"\n}\n");
  if (values) {
    CHECK_FALSE(values->contains("resource.t.n.a"));  // a template with a reference
    CHECK(values->at("resource.t.n.b") == "${x}");
  }
}
