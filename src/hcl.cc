// Builders of the HCL tree and the body layout: blocks, blank lines, header comments.
// Expression layout is in hcl_expr.cc, escaping and validation in hcl_text.cc.
#include "hcl.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "hcl_expr.h"
#include "hcl_text.h"
#include "utf8.h"

namespace ag::hcl {

Expr Expr::null() { return Expr{}; }

Expr Expr::boolean(bool b) { return Expr{Kind::Bool, b ? "true" : "false", {}, {}}; }

Expr Expr::number(std::string literal) { return Expr{Kind::Number, std::move(literal), {}, {}}; }

Expr Expr::string(std::string s) { return Expr{Kind::String, std::move(s), {}, {}}; }

Expr Expr::traversal(std::string ref) { return Expr{Kind::Traversal, std::move(ref), {}, {}}; }

Expr Expr::templ(std::vector<Expr> parts) { return Expr{Kind::Template, {}, std::move(parts), {}}; }

Expr Expr::tuple(std::vector<Expr> items) { return Expr{Kind::Tuple, {}, std::move(items), {}}; }

Expr Expr::object_of(std::vector<ObjectItem> items) {
  return Expr{Kind::Object, {}, {}, std::move(items)};
}

Expr Expr::call(std::string fn, std::vector<Expr> args) {
  return Expr{Kind::Call, std::move(fn), std::move(args), {}};
}

Expr Expr::index(Expr collection, Expr key) {
  return Expr{Kind::Index, {}, {std::move(collection), std::move(key)}, {}};
}

Body& Body::attr(std::string name, Expr value) {
  Item item;
  item.attribute = std::make_unique<Attribute>(Attribute{std::move(name), std::move(value)});
  items.push_back(std::move(item));
  return *this;
}

Block& Body::block(std::string type, std::vector<std::string> labels) {
  Item item;
  item.block = std::make_unique<Block>(Block{std::move(type), std::move(labels), {}, {}, {}});
  items.push_back(std::move(item));
  return *items.back().block;
}

namespace {

void append_body(const Body& body, std::size_t indent, std::string& out);

// "#text": a comment ends at a newline, so a line break or any other control character in
// the text is refused rather than let the rest of the text become HCL.
void append_comment(std::string_view text, std::size_t indent, std::string& out) {
  if (find_invalid_utf8(text) != std::string_view::npos ||
      find_control_character(text) != std::string_view::npos ||
      text.find_first_of("\r\n") != std::string_view::npos) {
    throw std::invalid_argument("HCL comment must be one line of UTF-8 text");
  }
  out.append(indent, ' ').append("#").append(text) += '\n';
}

void append_block(const Block& block, std::size_t indent, std::string& out) {
  detail::require_identifier(block.type, "block type");
  for (const std::string& c : block.comments_above) append_comment(c, indent, out);
  out.append(indent, ' ').append(block.type);
  for (const std::string& label : block.labels) out.append(" ").append(quote(label));
  if (block.body.items.empty() && block.comments_inside.empty()) {
    out += " {}\n";
    return;
  }
  out += " {\n";
  for (const std::string& c : block.comments_inside) append_comment(c, indent + 2, out);
  append_body(block.body, indent + 2, out);
  out.append(indent, ' ').append("}\n");
}

// Attributes in runs (aligned together), blocks set apart from anything by a blank line.
void append_body(const Body& body, std::size_t indent, std::string& out) {
  std::vector<detail::Assignment> run;
  std::vector<std::string_view> names;  // HCL refuses an attribute defined twice in one body
  bool previous_was_block = false;
  for (const Body::Item& item : body.items) {
    if (item.attribute) {
      const Attribute& a = *item.attribute;
      detail::require_identifier(a.name, "attribute name");
      if (std::find(names.begin(), names.end(), a.name) != names.end()) {
        throw std::invalid_argument("duplicate HCL attribute: " + a.name);
      }
      names.push_back(a.name);
      if (previous_was_block) out += "\n";
      run.push_back({a.name, detail::render(a.value, indent, indent + a.name.size() + 3)});
      previous_was_block = false;
      continue;
    }
    if (!item.block) throw std::invalid_argument("HCL body item holds neither kind");
    detail::append_assignments(run, indent, out);
    if (&item != &body.items.front()) out += "\n";
    run.clear();
    append_block(*item.block, indent, out);
    previous_was_block = true;
  }
  detail::append_assignments(run, indent, out);
}

// Header text as `# ` comment lines. Comments end at a newline, so any other control
// character (a lone CR in particular) is refused rather than risk ending one early.
void append_header(std::string_view header, std::string& out) {
  if (find_invalid_utf8(header) != std::string_view::npos ||
      find_control_character(header) != std::string_view::npos ||
      header.find('\r') != std::string_view::npos) {
    throw std::invalid_argument("HCL header must be UTF-8 text without control characters");
  }
  if (header.ends_with('\n')) header.remove_suffix(1);
  while (true) {
    const std::size_t end = header.find('\n');
    std::string_view line = header.substr(0, end);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    out += line.empty() ? "#\n" : "# " + std::string(line) + "\n";
    if (end == std::string_view::npos) return;
    header.remove_prefix(end + 1);
  }
}

}  // namespace

std::string write(const Body& file, std::string_view header) {
  std::string out;
  if (!header.empty()) {
    append_header(header, out);
    if (!file.items.empty()) out += "\n";
  }
  append_body(file, 0, out);
  return out;
}

}  // namespace ag::hcl
