// The HCL writer. Every expected string below was checked to be a fixed point of
// HashiCorp's hclfmt (the formatter behind `terraform fmt`); the AG_HCLFMT tests re-check
// that against the real binary when it is available.
#include "hcl.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using ag::hcl::Body;
using ag::hcl::Expr;
using ag::hcl::quote;
using ag::hcl::write;

Expr str(const char* s) { return Expr::string(s); }
Expr ref(const char* r) { return Expr::traversal(r); }
Expr num(const char* n) { return Expr::number(n); }

// The document written for a single attribute `v = e`.
std::string value_of(Expr e) {
  Body b;
  b.attr("v", std::move(e));
  return write(b);
}

// Runs `$AG_HCLFMT -check` on `text`: true when hclfmt parses it and prints it unchanged.
// `formatted` receives what hclfmt printed.
bool hclfmt_accepts(const char* hclfmt, const std::string& text, std::string& formatted) {
  const auto path =
      std::filesystem::temp_directory_path() / ("ag_hcl_test_" + std::to_string(getpid()) + ".tf");
  std::ofstream(path, std::ios::binary) << text;
  const std::string cmd = "'" + std::string(hclfmt) + "' -check '" + path.string() + "'";
  formatted.clear();
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) formatted.append(buf, n);
  const int status = pclose(pipe);
  std::filesystem::remove(path);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && formatted == text;
}

// Checks the writer's bytes and, when AG_HCLFMT names an hclfmt binary, that those
// expected bytes are what HashiCorp's formatter produces too.
void check_layout(const std::string& actual, const std::string& expected) {
  CHECK(actual == expected);
  if (const char* hclfmt = std::getenv("AG_HCLFMT")) {
    std::string formatted;
    CHECK(hclfmt_accepts(hclfmt, expected, formatted));
  }
}

// A document using every construct the writer knows.
Body rich_sample() {
  Body f;
  f.block("terraform")
      .body.block("required_providers")
      .body.attr("aws",
                 Expr::object_of({{"source", str("hashicorp/aws")}, {"version", str("~> 5.0")}}));
  Body& r = f.block("resource", {"aws_rds_cluster", "this"}).body;
  r.attr("cluster_identifier", str("prod-db"))
      .attr("port", num("5432"))
      .attr("offset", num("-1.5e3"))
      .attr("enabled", Expr::boolean(true))
      .attr("nothing", Expr::null())
      .attr("sgs", Expr::tuple({ref("aws_security_group.db.id")}))
      .attr("empty", Expr::tuple({}))
      .attr("empty_obj", Expr::object_of({}))
      .attr("tags", Expr::object_of({{"Name", str("prod")},
                                     {"cost-center", str("42")},
                                     {"a b", str("x")},
                                     {"for", num("1")},
                                     {"caf\xc3\xa9", num("2")},
                                     {"${x}", num("3")},
                                     {"nested", Expr::object_of({{"k", num("1")}})},
                                     {"after", Expr::boolean(false)}}))
      .attr("long_list", Expr::tuple({str("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                                      str("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), num("1")}))
      .attr("policy",
            Expr::call(
                "jsonencode",
                {Expr::object_of(
                    {{"Version", str("2012-10-17")},
                     {"Statement", Expr::tuple({Expr::object_of({{"Effect", str("Allow")}})})}})}))
      .attr("merged", Expr::call("merge", {ref("local.tags"), Expr::object_of({{"x", str("y")}})}))
      .attr("two", Expr::call("merge", {Expr::object_of({{"a", str("b")}}),
                                        Expr::object_of({{"c", str("d")}})}))
      .attr("endpoint", Expr::templ({str("com.amazonaws."), ref("var.region"), str(".s3")}))
      .attr("dollar", Expr::templ({str("a$$"), ref("var.x"), str("$"), str("{"), num("-1")}))
      .attr("secret", ref("aws_rds_cluster.this.master_user_secret[0].secret_arn"))
      .attr("keyed", ref("var.m[\"k-1\"].v"))
      .attr("esc",
            str("q\" b\\ n\n r\r t\t c\x01 d\x7f ${x} %{if} $${ \xe2\x80\xa8 \xf0\x9f\x98\x80"));
  Body& lifecycle = r.block("lifecycle").body;
  lifecycle.attr("prevent_destroy", Expr::boolean(true));
  lifecycle.block("empty", {"x"});
  r.attr("after_block", num("1")).attr("b", num("2"));
  f.block("output", {"endpoint"}).body.attr("value", ref("aws_rds_cluster.this.endpoint"));
  return f;
}

}  // namespace

TEST_CASE("hcl: consecutive one-line attributes align their equals signs", "[hcl]") {
  Body b;
  b.attr("a", num("1")).attr("long_name", str("x")).attr("mid", Expr::boolean(false));
  check_layout(write(b), "a         = 1\nlong_name = \"x\"\nmid       = false\n");
}

TEST_CASE("hcl: a value spanning lines ends the aligned run", "[hcl]") {
  Body b;
  b.attr("a", num("1"))
      .attr("bb", num("2"))
      .attr("tags", Expr::object_of({{"k", str("v")}, {"longer", str("w")}}))
      .attr("c", num("3"))
      .attr("dddd", num("4"));
  check_layout(write(b),
               "a  = 1\n"
               "bb = 2\n"
               "tags = {\n"
               "  k      = \"v\"\n"
               "  longer = \"w\"\n"
               "}\n"
               "c    = 3\n"
               "dddd = 4\n");
}

TEST_CASE("hcl: blocks are set apart by blank lines and indented by two", "[hcl]") {
  Body b;
  b.attr("x", num("1"));
  Body& outer = b.block("resource", {"aws_db_instance", "main"}).body;
  outer.attr("engine", str("postgres")).attr("port", num("5432"));
  outer.block("timeouts").body.attr("create", str("60m"));
  outer.block("lifecycle");
  outer.attr("after", num("1"));
  b.block("output", {"id"}).body.attr("value", ref("aws_db_instance.main.id"));
  check_layout(write(b),
               "x = 1\n"
               "\n"
               "resource \"aws_db_instance\" \"main\" {\n"
               "  engine = \"postgres\"\n"
               "  port   = 5432\n"
               "\n"
               "  timeouts {\n"
               "    create = \"60m\"\n"
               "  }\n"
               "\n"
               "  lifecycle {}\n"
               "\n"
               "  after = 1\n"
               "}\n"
               "\n"
               "output \"id\" {\n"
               "  value = aws_db_instance.main.id\n"
               "}\n");
}

TEST_CASE("hcl: header lines become comments followed by a blank line", "[hcl]") {
  Body b;
  b.attr("a", num("1"));
  check_layout(write(b, "Generated by aurora-gen.\n\nDo not edit.  \n"),
               "# Generated by aurora-gen.\n#\n# Do not edit.\n\na = 1\n");
  check_layout(write(Body{}, "only"), "# only\n");
  CHECK(write(Body{}) == "");
  CHECK_THROWS_AS(write(b, "bad\rline"), std::invalid_argument);
  CHECK_THROWS_AS(write(b, "bad\xff"), std::invalid_argument);
}

TEST_CASE("hcl: objects nest, keys are bare only when safe", "[hcl]") {
  Body b;
  b.block("locals").body.attr(
      "tags", Expr::object_of({{"Name", str("db")},
                               {"cost-center", str("42")},
                               {"a b", str("x")},
                               {"for", num("1")},
                               {"null", num("2")},
                               {"caf\xc3\xa9", num("3")},
                               {"${x}", num("4")},
                               {"inner", Expr::object_of({{"k", Expr::object_of({})}})},
                               {"z", Expr::null()}}));
  check_layout(write(b),
               "locals {\n"
               "  tags = {\n"
               "    Name        = \"db\"\n"
               "    cost-center = \"42\"\n"
               "    \"a b\"       = \"x\"\n"
               "    \"for\"       = 1\n"
               "    \"null\"      = 2\n"
               "    \"caf\\u00E9\" = 3\n"
               "    \"$${x}\"     = 4\n"
               "    inner = {\n"
               "      k = {}\n"
               "    }\n"
               "    z = null\n"
               "  }\n"
               "}\n");
}

TEST_CASE("hcl: tuples are one line when short, else one item per line", "[hcl]") {
  check_layout(value_of(Expr::tuple({})), "v = []\n");
  check_layout(value_of(Expr::tuple({str("a"), ref("var.b"), num("-1")})),
               "v = [\"a\", var.b, -1]\n");
  check_layout(value_of(Expr::tuple({str("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                                     str("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")})),
               "v = [\n"
               "  \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"
               "  \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n"
               "]\n");
  check_layout(value_of(Expr::tuple({Expr::object_of({{"a", num("1")}}), Expr::tuple({str("x")})})),
               "v = [\n"
               "  {\n"
               "    a = 1\n"
               "  },\n"
               "  [\"x\"],\n"
               "]\n");
}

TEST_CASE("hcl: calls hug a last object argument, else break per argument", "[hcl]") {
  check_layout(value_of(Expr::call("max", {num("1"), num("2")})), "v = max(1, 2)\n");
  check_layout(value_of(Expr::call("timestamp", {})), "v = timestamp()\n");
  check_layout(
      value_of(Expr::call(
          "jsonencode",
          {Expr::object_of({{"Version", str("2012-10-17")},
                            {"Statement", Expr::tuple({Expr::object_of(
                                              {{"Effect", str("Allow")},
                                               {"Action", Expr::tuple({str("s3:*")})}})})}})})),
      "v = jsonencode({\n"
      "  Version = \"2012-10-17\"\n"
      "  Statement = [\n"
      "    {\n"
      "      Effect = \"Allow\"\n"
      "      Action = [\"s3:*\"]\n"
      "    },\n"
      "  ]\n"
      "})\n");
  check_layout(
      value_of(Expr::call("merge", {ref("local.tags"), Expr::object_of({{"a", str("b")}})})),
      "v = merge(local.tags, {\n"
      "  a = \"b\"\n"
      "})\n");
  check_layout(value_of(Expr::call("merge", {Expr::object_of({{"a", str("b")}}),
                                             Expr::object_of({{"c", str("d")}})})),
               "v = merge(\n"
               "  {\n"
               "    a = \"b\"\n"
               "  },\n"
               "  {\n"
               "    c = \"d\"\n"
               "  },\n"
               ")\n");
  check_layout(
      value_of(Expr::call("format",
                          {str("%s-%s-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                           ref("var.a"), ref("var.b")})),
      "v = format(\n"
      "  \"%s-%s-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"
      "  var.a,\n"
      "  var.b,\n"
      ")\n");
}

TEST_CASE("hcl: templates escape literal text and interpolate the rest", "[hcl]") {
  check_layout(value_of(Expr::templ({str("com.amazonaws."), ref("var.region"), str(".s3")})),
               "v = \"com.amazonaws.${var.region}.s3\"\n");
  check_layout(value_of(Expr::templ({})), "v = \"\"\n");
  // `$` and `{` from different parts still form an escaped `${`.
  check_layout(value_of(Expr::templ({str("$"), str("{x}")})), "v = \"$${x}\"\n");
  // Literal `$`s before an interpolation would otherwise read as `$${`.
  check_layout(value_of(Expr::templ({str("a$$"), ref("var.x")})), "v = \"a${\"$$\"}${var.x}\"\n");
  check_layout(value_of(Expr::templ({str("%"), ref("var.x"), str("$")})), "v = \"%${var.x}$\"\n");
  // Numbers and bools are text: fmt would rewrite "${-1}" as "${- 1}".
  check_layout(value_of(Expr::templ({num("-1"), Expr::boolean(true)})), "v = \"-1true\"\n");
  check_layout(value_of(Expr::templ(
                   {Expr::call("upper", {ref("var.a")}), Expr::templ({str("\""), ref("b")})})),
               "v = \"${upper(var.a)}\\\"${b}\"\n");
  CHECK_THROWS_AS(value_of(Expr::templ({Expr::object_of({{"a", num("1")}})})),
                  std::invalid_argument);
  CHECK_THROWS_AS(value_of(Expr::templ({Expr::null()})), std::invalid_argument);
  CHECK_THROWS_AS(value_of(Expr::templ({ref("a..b")})), std::invalid_argument);
}

TEST_CASE("hcl: an index follows its collection on one line", "[hcl]") {
  const Expr decoded = Expr::call("jsondecode", {ref("data.x.y.secret_string")});
  check_layout(value_of(Expr::index(decoded, str("password"))),
               "v = jsondecode(data.x.y.secret_string)[\"password\"]\n");
  check_layout(value_of(Expr::templ({str("p="), Expr::index(ref("var.m"), str("k"))})),
               "v = \"p=${var.m[\"k\"]}\"\n");
  CHECK_THROWS_AS(value_of(Expr::index(Expr::object_of({{"a", num("1")}}), str("a"))),
                  std::invalid_argument);
}

TEST_CASE("hcl: quote escapes exactly what HCL requires", "[hcl]") {
  CHECK(quote("") == "\"\"");
  CHECK(quote("plain text") == "\"plain text\"");
  CHECK(quote("back\\slash") == "\"back\\\\slash\"");
  CHECK(quote("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(quote("a\nb\rc\td") == "\"a\\nb\\rc\\td\"");
  CHECK(quote(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(quote("\x01\x1f\x7f") == "\"\\u0001\\u001F\\u007F\"");
  CHECK(quote("${var.x}") == "\"$${var.x}\"");
  CHECK(quote("%{if x}") == "\"%%{if x}\"");
  CHECK(quote("$${") == "\"$$${\"");
  CHECK(quote("%%{") == "\"%%%{\"");
  CHECK(quote("$ { % }") == "\"$ { % }\"");
  CHECK(quote("cost $5, 100%") == "\"cost $5, 100%\"");
  // Valid UTF-8 passes through, except characters a reviewer cannot see.
  CHECK(quote("caf\xc3\xa9 \xf0\x9f\x98\x80") == "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
  CHECK(quote("\xe2\x80\xa8\xe2\x80\xa9\xc2\x85") == "\"\\u2028\\u2029\\u0085\"");
  CHECK(quote("\xe2\x80\xae") == "\"\\u202E\"");
}

TEST_CASE("hcl: invalid UTF-8 is refused wherever text is written", "[hcl]") {
  for (const char* bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "abc\xe2\x82"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(quote(bad), std::invalid_argument);
    CHECK_THROWS_AS(value_of(Expr::string(bad)), std::invalid_argument);
    CHECK_THROWS_AS(value_of(Expr::object_of({{bad, num("1")}})), std::invalid_argument);
    Body b;
    b.block("output", {bad});
    CHECK_THROWS_AS(write(b), std::invalid_argument);
  }
}

TEST_CASE("hcl: identifiers are validated, never mangled", "[hcl]") {
  for (const char* good : {"a", "_x", "aws_db-1", "A9"}) {
    Body b;
    b.attr(good, num("1"));
    check_layout(write(b), std::string(good) + " = 1\n");
  }
  for (const char* bad : {"", "1a", "-a", "a.b", "a b", "caf\xc3\xa9", "a=b"}) {
    CAPTURE(bad);
    Body attr;
    attr.attr(bad, num("1"));
    CHECK_THROWS_AS(write(attr), std::invalid_argument);
    Body block;
    block.block(bad);
    CHECK_THROWS_AS(write(block), std::invalid_argument);
    CHECK_THROWS_AS(value_of(Expr::call(bad, {})), std::invalid_argument);
  }
}

TEST_CASE("hcl: traversals follow a conservative grammar", "[hcl]") {
  for (const char* good : {"var.x", "local", "a.b-c.d_e", "x[0]", "x[10].y", "a.b[\"k-1 2\"].c",
                           "a[0][1]", "each.value"}) {
    CAPTURE(good);
    check_layout(value_of(ref(good)), "v = " + std::string(good) + "\n");
  }
  for (const char* bad :
       {"",      ".a",   "a.",     "a..b",         "a.0",         "a[*]",  "a[]",
        "a[-1]", "a[0",  "a[x]",   "a[\"k\\\"\"]", "a[\"${x}\"]", "a.b c", "a + b",
        "f(x)",  "true", "null.x", "for",          "a.1b",        "a[0]b"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(value_of(ref(bad)), std::invalid_argument);
  }
}

TEST_CASE("hcl: numbers and bools are checked literals", "[hcl]") {
  check_layout(value_of(num("1.5e-3")), "v = 1.5e-3\n");
  for (const char* bad : {"", "-", "1.", ".5", "1e", "0x10", "1_000", "NaN", "1 "}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(value_of(num(bad)), std::invalid_argument);
  }
  Expr maybe = Expr::boolean(true);
  maybe.text = "yes";
  CHECK_THROWS_AS(value_of(maybe), std::invalid_argument);
}

TEST_CASE("hcl: the rich sample matches its golden layout", "[hcl]") {
  const std::string text = write(rich_sample(), "Generated by aurora-gen.");
  CHECK(text.find("  tags = {\n    Name        = \"prod\"\n") != std::string::npos);
  CHECK(text.find("\"a${\"$$\"}${var.x}$${-1\"") != std::string::npos);
  CHECK(text.find("  lifecycle {\n    prevent_destroy = true\n\n    empty \"x\" {}\n  }\n\n"
                  "  after_block = 1\n  b           = 2\n}\n") != std::string::npos);
  CHECK(text.ends_with("}\n"));
  CHECK(text.find(" \n") == std::string::npos);  // no trailing spaces
}

TEST_CASE("hcl: hclfmt leaves the writer's output unchanged", "[hcl][hclfmt]") {
  const char* hclfmt = std::getenv("AG_HCLFMT");
  if (hclfmt == nullptr) {
    WARN("AG_HCLFMT is not set; skipping the check against HashiCorp's formatter");
    return;
  }
  const std::string text = write(rich_sample(), "Generated by aurora-gen.\n\nDo not edit.");
  std::string formatted;
  CHECK(hclfmt_accepts(hclfmt, text, formatted));
  CHECK(formatted == text);
}

TEST_CASE("hcl: hostile strings stay one valid HCL string", "[hcl][hclfmt]") {
  const char* hclfmt = std::getenv("AG_HCLFMT");
  if (hclfmt == nullptr) {
    WARN("AG_HCLFMT is not set; skipping the check against HashiCorp's formatter");
    return;
  }
  const std::vector<std::string> hostile = {"${x}",
                                            "%{if}",
                                            "$${",
                                            "%%{",
                                            "\"",
                                            "\\",
                                            "\\\"",
                                            "a\nb",
                                            "\t",
                                            "\x01",
                                            "\r\n",
                                            "\xe2\x80\xa8",
                                            "\xf0\x9f\x98\x80",
                                            "$",
                                            "%",
                                            "${",
                                            "}",
                                            "\"${\"",
                                            std::string(1000, 'x'),
                                            std::string("\0", 1)};
  for (const std::string& s : hostile) {
    CAPTURE(s);
    Body b;
    b.attr("v", Expr::string(s))
        .attr("t", Expr::templ({Expr::string(s), ref("var.x"), Expr::string(s)}))
        .attr("o", Expr::object_of({{s, Expr::string(s)}, {"k", num("1")}}));
    std::string formatted;
    CHECK(hclfmt_accepts(hclfmt, write(b), formatted));
  }
}

TEST_CASE("hcl: a name given twice in one body or object is refused", "[hcl]") {
  Body attrs;
  attrs.attr("a", num("1")).attr("b", num("2")).attr("a", num("3"));
  CHECK_THROWS_AS(write(attrs), std::invalid_argument);
  CHECK_THROWS_AS(value_of(Expr::object_of({{"k", num("1")}, {"k", num("2")}})),
                  std::invalid_argument);
  // The same name in different bodies is fine.
  Body nested;
  nested.attr("a", num("1"));
  nested.block("b").body.attr("a", num("2"));
  check_layout(write(nested), "a = 1\n\nb {\n  a = 2\n}\n");
}
