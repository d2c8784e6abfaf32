#include "hcl_expr.h"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hcl_text.h"

namespace ag::hcl::detail {
namespace {

// Tuples and calls longer than this are split one item per line. terraform fmt never
// wraps, so this is a choice of taste, not of correctness.
constexpr std::size_t kMaxWidth = 80;

bool spans_lines(const std::string& text) { return text.find('\n') != std::string::npos; }

std::optional<std::string> inline_list(std::span<const Expr> items) {
  std::string out;
  for (const Expr& item : items) {
    auto text = inline_form(item);
    if (!text) return std::nullopt;
    if (!out.empty()) out += ", ";
    out += *text;
  }
  return out;
}

// A template flattened into literal runs and interpolations, adjacent literals merged so
// that escaping sees `$` and `{` that came from different parts together.
struct TemplatePiece {
  bool literal = true;
  std::string text;  // raw literal text, or the expression inside ${...}
};

void flatten_template(const std::vector<Expr>& parts, std::vector<TemplatePiece>& out) {
  for (const Expr& part : parts) {
    std::optional<std::string> literal;
    switch (part.kind) {
      case Expr::Kind::Template:
        flatten_template(part.items, out);
        continue;
      case Expr::Kind::String:
        literal = part.text;
        break;
      // Written as text: "${-1}" is not fmt-stable (fmt inserts a space after the minus).
      case Expr::Kind::Number:
        literal = *inline_form(part);
        break;
      case Expr::Kind::Bool:
        literal = *inline_form(part);
        break;
      case Expr::Kind::Traversal:
      case Expr::Kind::Call:
      case Expr::Kind::Index:
        break;
      default:
        throw std::invalid_argument("HCL template cannot interpolate this expression");
    }
    if (literal && !out.empty() && out.back().literal) {
      out.back().text += *literal;
    } else if (literal) {
      out.push_back({true, std::move(*literal)});
    } else {
      auto text = inline_form(part);
      if (!text) throw std::invalid_argument("HCL template interpolation must fit one line");
      out.push_back({false, std::move(*text)});
    }
  }
}

std::string template_text(const std::vector<Expr>& parts) {
  std::vector<TemplatePiece> pieces;
  flatten_template(parts, pieces);
  std::string out = "\"";
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (!pieces[i].literal) {
      out += "${" + pieces[i].text + "}";
      continue;
    }
    out += escape(pieces[i].text);
    // Literal `$`s right before `${` would read as the escape `$${`; interpolate them.
    const std::size_t kept = out.find_last_not_of('$') + 1;
    if (kept < out.size() && i + 1 < pieces.size()) {
      out.replace(kept, std::string::npos, "${\"" + out.substr(kept) + "\"}");
    }
  }
  return out + "\"";
}

std::string bool_text(const std::string& text) {
  if (text != "true" && text != "false") {
    throw std::invalid_argument("invalid HCL bool: \"" + escape(text, true) + "\"");
  }
  return text;
}

std::string render_object(const Expr& e, std::size_t indent) {
  std::vector<Assignment> run;
  std::vector<std::string_view> keys;  // HCL refuses an object with a key given twice
  for (const ObjectItem& item : e.object) {
    if (std::find(keys.begin(), keys.end(), item.key) != keys.end()) {
      throw std::invalid_argument("duplicate HCL object key: " + quote(item.key));
    }
    keys.push_back(item.key);
    std::string key = object_key(item.key);
    const std::size_t col = indent + 2 + key.size() + 3;
    run.push_back({std::move(key), render(item.value, indent + 2, col)});
  }
  std::string out = "{\n";
  append_assignments(run, indent + 2, out);
  return out.append(indent, ' ').append("}");
}

// One item per line with a trailing comma, as people write long lists in Terraform.
std::string render_lines(const std::vector<Expr>& items, std::size_t indent, const char* open,
                         const char* close) {
  std::string out = open;
  out += "\n";
  for (const Expr& item : items) {
    out.append(indent + 2, ' ').append(render(item, indent + 2, indent + 2)).append(",\n");
  }
  return out.append(indent, ' ').append(close);
}

// `f(a, {` ... `})` when only the last argument spans lines, else one argument per line.
std::string render_call(const Expr& e, std::size_t indent, std::size_t col) {
  if (auto head = inline_list(std::span(e.items).first(e.items.size() - 1))) {
    std::string out = e.text + "(" + *head + (head->empty() ? "" : ", ");
    const std::string last = render(e.items.back(), indent, col + out.size());
    if (spans_lines(last)) return out + last + ")";
  }
  return e.text + render_lines(e.items, indent, "(", ")");
}

}  // namespace

std::optional<std::string> inline_form(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Null:
      return "null";
    case Expr::Kind::Bool:
      return bool_text(e.text);
    case Expr::Kind::Number:
      require_number(e.text);
      return e.text;
    case Expr::Kind::String:
      return quote(e.text);
    case Expr::Kind::Traversal:
      require_traversal(e.text);
      return e.text;
    case Expr::Kind::Template:
      return template_text(e.items);
    case Expr::Kind::Object:
      if (e.object.empty()) return "{}";
      return std::nullopt;
    case Expr::Kind::Tuple: {
      auto items = inline_list(e.items);
      if (!items) return std::nullopt;
      return "[" + *items + "]";
    }
    case Expr::Kind::Call: {
      require_identifier(e.text, "function name");
      auto args = inline_list(e.items);
      if (!args) return std::nullopt;
      return e.text + "(" + *args + ")";
    }
    case Expr::Kind::Index: {
      auto collection = inline_form(e.items.at(0));
      auto key = inline_form(e.items.at(1));
      if (!collection || !key) throw std::invalid_argument("an HCL index must fit one line");
      return *collection + "[" + *key + "]";
    }
  }
  throw std::invalid_argument("unknown HCL expression kind");
}

std::string render(const Expr& e, std::size_t indent, std::size_t col) {
  auto text = inline_form(e);
  if (text && (col + text->size() <= kMaxWidth || e.items.empty())) return std::move(*text);
  switch (e.kind) {
    case Expr::Kind::Object:
      return render_object(e, indent);
    case Expr::Kind::Tuple:
      return render_lines(e.items, indent, "[", "]");
    case Expr::Kind::Call:
      return render_call(e, indent, col);
    default:
      return std::move(*text);  // scalars and templates never span lines
  }
}

void append_assignments(const std::vector<Assignment>& run, std::size_t indent, std::string& out) {
  std::size_t i = 0;
  while (i < run.size()) {
    // [i, end) is a run of one-line values aligned on the widest name; a value spanning
    // lines stands alone with a single space before `=`.
    std::size_t end = i;
    std::size_t width = 0;
    while (end < run.size() && !spans_lines(run[end].value)) {
      width = std::max(width, run[end].name.size());
      ++end;
    }
    if (end == i) end = i + 1;
    for (; i < end; ++i) {
      const std::size_t pad = std::max(width, run[i].name.size()) - run[i].name.size();
      out.append(indent, ' ').append(run[i].name).append(pad, ' ').append(" = ");
      out.append(run[i].value) += '\n';
    }
  }
}

}  // namespace ag::hcl::detail
