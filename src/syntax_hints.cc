#include "syntax_hints.h"

#include <algorithm>
#include <vector>

namespace ag {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string spaces(int n) { return std::to_string(n) + (n == 1 ? " space" : " spaces"); }

// What carries from one line to the next: an open quoted scalar or flow collection, whose
// following lines are not block structure.
struct Carry {
  char quote = 0;
  int flow = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Walks `line`, updating `carry`; returns where its content ends (a comment or trailing
// white space cut off).
std::size_t content_end(std::string_view line, Carry& carry) {
  char previous = 0;  // the last character outside white space, 0 at the start
  std::size_t end = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (carry.quote != 0) {
      end = i + 1;
      if (carry.quote == '"' && c == '\\') {
        ++i;
      } else if (c == carry.quote) {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;
        } else {
          carry.quote = 0;
        }
      }
      continue;
    }
    if (is_space(c)) continue;
    if (c == '#' && (i == 0 || is_space(line[i - 1]))) break;
    if ((c == '"' || c == '\'') &&
        (previous == 0 || std::string_view(":-[{,?").find(previous) != std::string_view::npos)) {
      carry.quote = c;
    } else if (c == '[' || c == '{') {
      ++carry.flow;
    } else if ((c == ']' || c == '}') && carry.flow > 0) {
      --carry.flow;
    }
    previous = c;
    end = i + 1;
  }
  return end;
}

int indent_of(std::string_view line) {
  int n = 0;
  while (static_cast<std::size_t>(n) < line.size() && line[static_cast<std::size_t>(n)] == ' ') ++n;
  return n;
}

// One line of block structure: where it starts, the key it names (if any), whether it is a
// list item, and whether it leaves its value to the lines below ("key:", "- key:", "-").
struct Line {
  int number = 0;
  int indent = 0;
  int key_col = 0;  // where the key (or the item's content) starts: indent, or past "- "
  bool item = false;
  std::string key;
  bool opens = false;
  bool block_scalar = false;  // "key: |", "- >": the lines below are text
};

Line parse_line(int number, std::string_view content) {
  Line l;
  l.number = number;
  l.indent = indent_of(content);
  std::string_view rest = content.substr(static_cast<std::size_t>(l.indent));
  l.key_col = l.indent;
  if (rest == "-" || rest.starts_with("- ")) {
    l.item = true;
    std::size_t skip = 1;
    while (skip < rest.size() && rest[skip] == ' ') ++skip;
    l.key_col += static_cast<int>(skip);
    rest = rest.substr(skip);
  }
  const std::size_t colon = rest.find(": ");
  if (colon != std::string_view::npos) {
    l.key = std::string(rest.substr(0, colon));
    const std::size_t value_start = rest.find_first_not_of(' ', colon + 1);
    const std::string_view value =
        value_start == std::string_view::npos ? std::string_view{} : rest.substr(value_start);
    l.block_scalar = value.starts_with('|') || value.starts_with('>');
  } else if (rest.ends_with(':')) {
    l.key = std::string(rest.substr(0, rest.size() - 1));
    l.opens = true;
  } else {
    l.opens = rest.empty();  // a bare "-": the item is below
    l.block_scalar = rest.starts_with('|') || rest.starts_with('>');
  }
  return l;
}

// A list's own level is named by its dash ("-"), not by the key of its last item.
constexpr const char* kListItems = "-";

std::string named(const std::string& key) {
  if (key == kListItems) return "the list's items";
  return key.empty() ? "this line" : "'" + key + "'";
}

// An open mapping or list: the column its entries start at, and the last key seen there.
struct Level {
  int indent;
  std::string key;
};

// How a level is named with a verb: "'name' is", "the list's items are".
std::string named_is(const std::string& key) {
  return named(key) + (key == kListItems ? " are" : " is");
}

// A line deeper than the one above it, which already has its value. When that line is a bare
// value (neither "key: value" nor a list item) in a mapping, that line is the mistake: YAML
// reads it as a key whose ':' is missing, and fails only on the line after.
SyntaxHint deeper(const Line& l, const Line& above) {
  if (above.key.empty() && !above.item) {
    return {above.number, above.indent + 1,
            "line " + std::to_string(above.number) +
                " is neither 'key: value' nor a list item, where its mapping needs one",
            "if it continues the value above it, join the two lines (or quote that value); "
            "otherwise write it as 'key: value'"};
  }
  const std::string what = above.key.empty() ? "the list item" : named(above.key);
  return {l.number, l.indent + 1,
          named(l.key) + " is indented " + spaces(l.indent) + ", more than " + what + " on line " +
              std::to_string(above.number) + " (" + spaces(above.key_col) +
              "), which already has its value",
          "keys of one mapping start in the same column: indent " + named(l.key) + " " +
              spaces(above.key_col) + " like " + what};
}

SyntaxHint between(const Line& l, const Level& inner, const Level& outer) {
  return {l.number, l.indent + 1,
          named(l.key) + " is indented " + spaces(l.indent) +
              ", which lines up with no mapping above it: " + named_is(inner.key) + " at " +
              spaces(inner.indent) + ", " + named_is(outer.key) + " at " + spaces(outer.indent),
          "indent it " + spaces(inner.indent) + " to put it beside " + named(inner.key) +
              (outer.key == kListItems
                   ? ""
                   : ", or " + spaces(outer.indent) + " to put it beside " + named(outer.key))};
}

// "key: value: more": YAML reads the second ": " as a key inside a plain value.
std::optional<SyntaxHint> colon_in_value(std::string_view line, int number, int error_col) {
  const std::size_t first = line.find(": ");
  const std::size_t second = first == std::string_view::npos ? first : line.find(": ", first + 2);
  if (second == std::string_view::npos || static_cast<int>(second) + 1 != error_col) {
    return std::nullopt;
  }
  std::string_view key = line.substr(0, first);
  key.remove_prefix(std::min(key.size(), key.find_first_not_of(" -")));
  return SyntaxHint{
      number, error_col,
      "a plain value cannot hold ': ' (YAML reads it as the start of another key)",
      "quote the value: " + std::string(key) + ": \"" + std::string(line.substr(first + 2)) + "\""};
}

std::optional<SyntaxHint> tab_in_indentation(std::string_view line, int number) {
  for (std::size_t i = 0; i < line.size() && is_space(line[i]); ++i) {
    if (line[i] == '\t') {
      return SyntaxHint{number, static_cast<int>(i) + 1,
                        "a tab in the indentation: YAML indents with spaces only",
                        "replace the tab with spaces (two per level, as in the lines around "
                        "it)"};
    }
  }
  return std::nullopt;
}

// Follows the block structure of lines 1..error_line and judges the indentation of the last.
std::optional<SyntaxHint> indentation_slip(const std::vector<std::string_view>& lines,
                                           int error_line) {
  std::vector<Level> levels;
  Carry carry;
  std::optional<Line> above;  // the previous line of block structure
  int text_below = -1;        // inside a block scalar: lines indented deeper than this
  for (int n = 1; n <= error_line && static_cast<std::size_t>(n) <= lines.size(); ++n) {
    const std::string_view raw = lines[static_cast<std::size_t>(n - 1)];
    const bool continued = carry.quote != 0 || carry.flow > 0;
    const std::string_view content = raw.substr(0, content_end(raw, carry));
    if (continued || content.find_first_not_of(' ') == std::string_view::npos) continue;
    if (text_below >= 0 && indent_of(raw) > text_below) continue;
    text_below = -1;
    if (content.starts_with("---") || content.starts_with('%')) continue;
    Line l = parse_line(n, content);
    if (above && above->opens &&
        (l.indent > above->key_col || (l.indent == above->key_col && l.item))) {
      levels.push_back({l.indent, {}});
    } else {
      std::optional<Level> popped;
      while (!levels.empty() && levels.back().indent > l.indent) {
        popped = levels.back();
        levels.pop_back();
      }
      if (!levels.empty() && levels.back().indent != l.indent) {
        if (n != error_line) return std::nullopt;  // not block structure after all
        if (popped) return between(l, *popped, levels.back());
        if (above) return deeper(l, *above);
        return std::nullopt;
      }
      if (levels.empty()) levels.push_back({l.indent, {}});
    }
    levels.back().key = l.item ? kListItems : l.key;
    if (l.item) levels.push_back({l.key_col, l.key});
    if (l.block_scalar) text_below = l.indent;
    above = l;
  }
  return std::nullopt;
}

}  // namespace

std::string_view source_line(std::string_view text, int line) {
  const std::vector<std::string_view> lines = split_lines(text);
  if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return {};
  return lines[static_cast<std::size_t>(line - 1)];
}

std::optional<SyntaxHint> explain_syntax_error(std::string_view text, int error_line,
                                               int error_col) {
  const std::vector<std::string_view> lines = split_lines(text);
  if (error_line < 1 || static_cast<std::size_t>(error_line) > lines.size()) return std::nullopt;
  const std::string_view line = lines[static_cast<std::size_t>(error_line - 1)];
  if (auto tab = tab_in_indentation(line, error_line)) return tab;
  if (auto slip = indentation_slip(lines, error_line)) return slip;
  return colon_in_value(line, error_line, error_col);
}

}  // namespace ag
