#include "loader.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "scalar_resolution.h"
#include "syntax_hints.h"
#include "utf8.h"

namespace ag {
namespace {

// Thrown from inside yaml-cpp's callbacks to stop parsing at the first refusal: nothing
// after a refused construct is worth reading, and stopping early bounds the work.
struct Refusal {
  std::string rule;
  std::string message;
  YAML::Mark mark;
};

// yaml-cpp's marks are 0-based, byte-counted and exclude a leading BOM; ours are 1-based.
Location to_location(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// Line and column (1-based, in bytes, as yaml-cpp counts them) of byte `offset`.
Location location_of_offset(const std::string& file, std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const std::size_t last_newline = before.rfind('\n');
  int line = 1;
  for (char c : before) line += c == '\n' ? 1 : 0;
  const std::size_t col =
      last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return {file, line, static_cast<int>(col)};
}

bool is_plain_terminator(std::string_view rest) {
  if (rest.empty()) return true;
  const char c = rest[0];
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}';
}

// The offset just past the quoted scalar opening at `text[open]` ('"' or '\''), or npos
// when the file ends first. yaml-cpp accepts a quote left open at the end of the file as a
// string running to the end, silently swallowing every line after it.
std::size_t end_of_quoted(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: the next character never ends the string
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside a single-quoted string
      } else {
        return i + 1;
      }
    }
  }
  return std::string_view::npos;
}

// Whether the flow collection opening at `text[open]` ('[' or '{') is closed before the end
// of the file. Inside flow context brackets cannot appear in plain scalars, so counting
// them, skipping quoted scalars and comments, finds the match.
bool flow_is_closed(std::string_view text, std::size_t open) {
  int depth = 0;
  char previous = ' ';  // the last character that was not white space
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    const bool after_space =
        i > 0 && std::string_view(" \t\r\n").find(text[i - 1]) != std::string_view::npos;
    if (c == '#' && after_space) {
      i = text.find('\n', i);
      if (i == std::string_view::npos) return false;
      continue;
    }
    if ((c == '"' || c == '\'') &&
        std::string_view("[{,:?").find(previous) != std::string_view::npos) {
      const std::size_t end = end_of_quoted(text, i);
      if (end == std::string_view::npos) return false;
      i = end - 1;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return true;
    }
    previous = c;
  }
  return false;
}

// Builds the JSON tree and source map from parser events, refusing (by throwing Refusal)
// every construct a manifest never needs.
class DocumentBuilder final : public YAML::EventHandler {
 public:
  DocumentBuilder(std::string_view text, const LoadLimits& limits, SourceMap& map)
      : text_(text), limits_(limits), map_(map) {}

  bool has_root() const { return has_root_; }
  nlohmann::json take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) {
      throw Refusal{"load.multiple-documents",
                    "a manifest holds exactly one YAML document; found another here", mark};
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_node(mark, "?", anchor);
    if (expecting_key()) {
      throw Refusal{"load.complex-key", "mapping keys must be non-empty scalars, not null", mark};
    }
    add_value(nullptr, mark, is_explicit_null(mark));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Refusal{"load.alias", "aliases (*name) are not supported; write the value out", mark};
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    throw Refusal{"load.anchor", "anchors (&" + name + ") are not supported; write each value out",
                  mark};
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_node(mark, tag, anchor);
    if (value.size() > limits_.max_scalar_bytes) {
      throw Refusal{"load.scalar-too-long",
                    "scalar of " + std::to_string(value.size()) + " bytes exceeds the limit of " +
                        std::to_string(limits_.max_scalar_bytes),
                    mark};
    }
    const bool plain = tag == "?";
    check_quote_closed(mark);
    if (expecting_key()) return add_key(value, plain, mark);
    add_value(plain ? resolve_plain_scalar(value) : nlohmann::json(value), mark, true);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open_collection(mark, tag, anchor, nlohmann::json::array(), style);
  }
  void OnSequenceEnd() override { close_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open_collection(mark, tag, anchor, nlohmann::json::object(), style);
  }

  // The text from a node's mark to the end of the file.
  std::string_view source_at(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return {};
    const auto pos = static_cast<std::size_t>(mark.pos);
    return pos < text_.size() ? text_.substr(pos) : std::string_view{};
  }

  // After a syntax error: the innermost flow collection still open whose closing bracket
  // is nowhere in the file, which is then the real mistake (yaml-cpp reports it wherever
  // it gave up, or sees the unclosed `[` as a mapping key).
  std::optional<YAML::Mark> unclosed_flow() const {
    for (auto it = open_flows_.rbegin(); it != open_flows_.rend(); ++it) {
      const std::string_view rest = source_at(*it);
      if (!rest.empty() && (rest[0] == '[' || rest[0] == '{') &&
          !flow_is_closed(text_, static_cast<std::size_t>(it->pos))) {
        return *it;
      }
    }
    return std::nullopt;
  }
  void OnMapEnd() override { close_collection(); }

 private:
  struct Frame {
    nlohmann::json value;  // the object or array under construction
    bool flow = false;     // [...] or {...}
    std::string pointer;
    std::optional<std::string> pending_key;     // mappings: key awaiting its value
    std::map<std::string, int> first_key_line;  // mappings: keys seen so far
  };

  bool expecting_key() const {
    return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().pending_key;
  }

  // Checks shared by every node: the node budget, anchors and explicit tags.
  void check_node(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (++nodes_ > limits_.max_nodes) {
      throw Refusal{"load.too-many-nodes",
                    "more than " + std::to_string(limits_.max_nodes) + " YAML nodes", mark};
    }
    if (anchor != YAML::NullAnchor) {
      throw Refusal{"load.anchor", "anchors are not supported; write each value out", mark};
    }
    // yaml-cpp reports plain scalars as "?" and quoted ones as "!", but the non-specific
    // tag `! x` also arrives as "!", and `!!str` on an empty value as a bare null: only the
    // text at the node's start tells them apart (a node's mark is where its properties start).
    const bool tag_in_text = source_at(mark).starts_with('!');
    if ((tag != "?" && tag != "!") || tag_in_text) {
      throw Refusal{"load.tag",
                    "explicit tags (" + (tag_in_text ? describe_tag(mark) : tag) +
                        ") are not supported; manifests use plain YAML values",
                    mark};
    }
  }

  void check_quote_closed(const YAML::Mark& mark) const {
    const std::string_view rest = source_at(mark);
    if (rest.empty() || (rest[0] != '"' && rest[0] != '\'')) return;
    if (end_of_quoted(text_, static_cast<std::size_t>(mark.pos)) != std::string_view::npos) return;
    const bool dq = rest[0] == '"';
    throw Refusal{"load.syntax",
                  std::string("unterminated ") + (dq ? "double" : "single") +
                      "-quoted string: no closing " + (dq ? "\"" : "'") +
                      " before the end of the file",
                  mark};
  }

  std::string describe_tag(const YAML::Mark& mark) const {
    const std::string_view rest = source_at(mark);
    const std::size_t end = rest.find_first_of(" \t\r\n,]}");
    return std::string(rest.substr(0, std::min<std::size_t>(end, 64)));
  }

  // yaml-cpp marks an implicit null (`key:` with nothing after it) at the next token, which
  // may be lines away; such nulls get no position of their own and fall back to their key.
  bool is_explicit_null(const YAML::Mark& mark) const {
    const std::string_view rest = source_at(mark);
    for (std::string_view word : {"~", "null", "Null", "NULL"}) {
      if (rest.starts_with(word) && is_plain_terminator(rest.substr(word.size()))) return true;
    }
    return false;
  }

  void add_key(const std::string& key, bool plain, const YAML::Mark& mark) {
    if (plain && key == "<<") {
      throw Refusal{"load.alias", "merge keys (<<) are not supported; write the keys out", mark};
    }
    Frame& frame = stack_.back();
    const auto [it, inserted] = frame.first_key_line.emplace(key, mark.line + 1);
    if (!inserted) {
      throw Refusal{
          "load.duplicate-key",
          "duplicate key '" + key + "' (first defined at line " + std::to_string(it->second) + ")",
          mark};
    }
    frame.pending_key = key;
    map_.set_key(pointer_append(frame.pointer, key), mark.line + 1, mark.column + 1);
  }

  // The pointer of the node about to be added to the innermost collection (or the root).
  std::string next_pointer() const {
    if (stack_.empty()) return "";
    const Frame& frame = stack_.back();
    if (frame.value.is_object()) return pointer_append(frame.pointer, *frame.pending_key);
    return pointer_append(frame.pointer, std::to_string(frame.value.size()));
  }

  void add_value(nlohmann::json value, const YAML::Mark& mark, bool record_position) {
    if (record_position) map_.set_value(next_pointer(), mark.line + 1, mark.column + 1);
    attach(std::move(value));
  }

  void attach(nlohmann::json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      has_root_ = true;
      return;
    }
    Frame& frame = stack_.back();
    if (frame.value.is_object()) {
      frame.value[*frame.pending_key] = std::move(value);
      frame.pending_key.reset();
    } else {
      frame.value.push_back(std::move(value));
    }
  }

  void open_collection(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       nlohmann::json empty, YAML::EmitterStyle::value style) {
    check_node(mark, tag, anchor);
    const bool flow = style == YAML::EmitterStyle::Flow;
    if (flow) open_flows_.push_back(mark);
    if (expecting_key()) {
      throw Refusal{"load.complex-key", "mapping keys must be scalars, not collections", mark};
    }
    if (stack_.size() >= static_cast<std::size_t>(limits_.max_depth)) {
      throw Refusal{"load.too-deep",
                    "nesting deeper than " + std::to_string(limits_.max_depth) + " levels", mark};
    }
    std::string pointer = next_pointer();
    map_.set_value(pointer, mark.line + 1, mark.column + 1);
    stack_.push_back({std::move(empty), flow, std::move(pointer), std::nullopt, {}});
  }

  void close_collection() {
    if (stack_.back().flow) open_flows_.pop_back();
    nlohmann::json value = std::move(stack_.back().value);
    stack_.pop_back();
    attach(std::move(value));
  }

  std::string_view text_;
  const LoadLimits& limits_;
  SourceMap& map_;
  std::vector<Frame> stack_;
  std::vector<YAML::Mark> open_flows_;  // flow collections opened and not yet closed
  nlohmann::json root_;
  bool has_root_ = false;
  int documents_ = 0;
  std::size_t nodes_ = 0;
};

// Refusals that need only the bytes, before yaml-cpp (which drops what it dislikes).
bool check_encoding(const std::string& path, std::string_view text, Diagnostics& diags) {
  if (const std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    diags.error("load.invalid-utf8", "invalid UTF-8 byte sequence",
                location_of_offset(path, text, bad), "save the file as UTF-8");
    return false;
  }
  if (const std::size_t bad = find_control_character(text); bad != std::string_view::npos) {
    diags.error("load.control-character",
                "control character in the manifest (YAML allows only tab, LF and CR)",
                location_of_offset(path, text, bad),
                "write it as an escape such as \"\\x01\" inside a double-quoted string");
    return false;
  }
  return true;
}

// A load error at `loc`, shown with the line of `body` it points into.
void error_at_line(Diagnostics& diags, std::string_view body, std::string rule, std::string message,
                   Location loc, std::string hint = {}) {
  Diagnostic d{Severity::Error, std::move(rule), std::move(message), std::move(loc),
               std::move(hint)};
  d.excerpt = std::string(source_line(body, d.loc.line));
  diags.add(std::move(d));
}

// yaml-cpp's words for a syntax error, unless the lines say what went wrong: a tab in the
// indentation, or a key indented off its siblings (syntax_hints.h).
void report_syntax_error(const std::string& path, std::string_view body,
                         const YAML::ParserException& e, Diagnostics& diags) {
  const Location at = to_location(path, e.mark);
  if (const std::optional<SyntaxHint> why = explain_syntax_error(body, at.line, at.col)) {
    error_at_line(diags, body, "load.syntax", why->message, {path, why->line, why->col}, why->hint);
    return;
  }
  error_at_line(diags, body, "load.syntax", "YAML syntax error: " + e.msg, at);
}

bool report_unclosed_flow(const std::string& path, std::string_view body,
                          const DocumentBuilder& builder, Diagnostics& diags) {
  const std::optional<YAML::Mark> open = builder.unclosed_flow();
  if (!open) return false;
  const bool sequence = builder.source_at(*open).starts_with('[');
  error_at_line(
      diags, body, "load.syntax",
      std::string("unclosed flow ") + (sequence ? "sequence: this '[' has no matching ']'"
                                                : "mapping: this '{' has no matching '}'"),
      to_location(path, *open),
      sequence ? "close the list with ']', or write it as a block list of '- ' items"
               : "close the mapping with '}', or write it as indented 'key: value' lines");
  return true;
}

// Runs the parser; returns the root, or nullopt after reporting why not.
std::optional<nlohmann::json> parse(const std::string& path, std::string_view body,
                                    Diagnostics& diags, const LoadLimits& limits, SourceMap& map) {
  std::istringstream in{std::string(body)};
  DocumentBuilder builder(body, limits, map);
  try {
    YAML::Parser parser(in);
    // The second call only ever refuses: a second document throws on its start.
    if (parser.HandleNextDocument(builder)) parser.HandleNextDocument(builder);
  } catch (const Refusal& r) {
    if (r.rule == "load.complex-key" && report_unclosed_flow(path, body, builder, diags)) {
      return std::nullopt;
    }
    error_at_line(diags, body, r.rule, r.message, to_location(path, r.mark));
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    error_at_line(diags, body, "load.too-deep", "nesting too deep for the YAML parser",
                  to_location(path, e.mark));
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
      error_at_line(diags, body, "load.alias", "aliases (*name) are not supported",
                    to_location(path, e.mark));
    } else if (!report_unclosed_flow(path, body, builder, diags)) {
      report_syntax_error(path, body, e, diags);
    }
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    error_at_line(diags, body, "load.syntax", "YAML error: " + e.msg, to_location(path, e.mark));
    return std::nullopt;
  }
  nlohmann::json root = builder.take_root();
  if (!builder.has_root() || root.is_null()) {
    // Reported at 1:1 so that every load error has a position tools can jump to.
    diags.error("load.empty", "the manifest is empty (no YAML content)", {path, 1, 1});
    return std::nullopt;
  }
  return root;
}

}  // namespace

std::optional<Manifest> load_manifest(const std::string& path, std::string_view text,
                                      Diagnostics& diags, const LoadLimits& limits) {
  if (text.size() > limits.max_bytes) {
    diags.error("load.too-large",
                "manifest is " + std::to_string(text.size()) + " bytes; the limit is " +
                    std::to_string(limits.max_bytes),
                {path, 0, 0});
    return std::nullopt;
  }
  // yaml-cpp skips a BOM but then counts positions from after it; strip it here so that
  // its marks (and ours) index into the same text.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const std::string_view body = text.starts_with(kBom) ? text.substr(kBom.size()) : text;
  if (!check_encoding(path, body, diags)) return std::nullopt;
  Manifest manifest{path, nullptr, SourceMap(path)};
  auto root = parse(path, body, diags, limits, manifest.map);
  if (!root) return std::nullopt;
  manifest.doc = std::move(*root);
  return manifest;
}

}  // namespace ag
