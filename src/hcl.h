// An HCL document tree and the writer that owns HCL's bytes: escaping of strings and
// template sequences, identifier validation, and the exact layout `terraform fmt` produces.
// Nothing else in aurora-gen concatenates HCL text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ag::hcl {

struct Expr;
struct ObjectItem;

struct Expr {
  enum class Kind {
    Null,
    Bool,       // text "true" / "false"
    Number,     // text holds the literal
    String,     // text is the raw value; the writer escapes it
    Template,   // parts: String parts are literal text, others are interpolated as ${...}
    Traversal,  // text is a reference such as aws_rds_cluster.this.endpoint or
                // aws_rds_cluster.this.master_user_secret[0].secret_arn; validated
    Tuple,      // items
    Object,     // object items, in order
    Call,       // text is the function name, items its arguments
    Index,      // items[0][items[1]]: jsondecode(...)["password"]; always one line
  };
  Kind kind = Kind::Null;
  std::string text;
  std::vector<Expr> items;         // Tuple, Call args, Template parts
  std::vector<ObjectItem> object;  // Object

  static Expr null();
  static Expr boolean(bool b);
  static Expr number(std::string literal);
  static Expr string(std::string s);
  static Expr traversal(std::string ref);
  static Expr templ(std::vector<Expr> parts);
  static Expr tuple(std::vector<Expr> items);
  static Expr object_of(std::vector<ObjectItem> items);
  static Expr call(std::string fn, std::vector<Expr> args);
  static Expr index(Expr collection, Expr key);
};

struct ObjectItem {
  std::string key;  // written bare when it is an identifier, quoted (and escaped) otherwise
  Expr value;
};

struct Block;

struct Attribute {
  std::string name;  // must be an HCL identifier
  Expr value;
};

// A body holds attributes and blocks in the order given; the writer aligns the `=` of
// consecutive single-line attributes and separates blocks with blank lines, as
// `terraform fmt` does.
struct Body {
  struct Item;
  std::vector<Item> items;
  Body& attr(std::string name, Expr value);
  Block& block(std::string type, std::vector<std::string> labels = {});
};

struct Block {
  std::string type;
  std::vector<std::string> labels;  // written quoted
  Body body;
  // Comment lines written "#<text>" on the lines right above the block's header and as the
  // first lines of its body, where scanners look for their suppressions (trivy:ignore above
  // a resource, checkov:skip inside it). Text is one line of UTF-8 without control
  // characters; the writer refuses anything else.
  std::vector<std::string> comments_above = {};
  std::vector<std::string> comments_inside = {};
};

struct Body::Item {
  std::unique_ptr<Attribute> attribute;  // exactly one of the two is set
  std::unique_ptr<Block> block;
};

// Writes a whole file. `header` lines become "# ..." comments at the top. Throws
// std::invalid_argument on an invalid identifier, traversal or non-UTF-8 string.
std::string write(const Body& file, std::string_view header = {});

// The quoted HCL form of `s`: escapes \ " control characters, and ${ → $${, %{ → %%{.
std::string quote(std::string_view s);

}  // namespace ag::hcl
