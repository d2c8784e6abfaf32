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
    if (expecting_key()) return add_key(value, plain, mark);
    add_value(plain ? resolve_plain_scalar(value) : nlohmann::json(value), mark, true);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_collection(mark, tag, anchor, nlohmann::json::array());
  }
  void OnSequenceEnd() override { close_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_collection(mark, tag, anchor, nlohmann::json::object());
  }
  void OnMapEnd() override { close_collection(); }

 private:
  struct Frame {
    nlohmann::json value;  // the object or array under construction
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

  std::string_view source_at(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return {};
    const auto pos = static_cast<std::size_t>(mark.pos);
    return pos < text_.size() ? text_.substr(pos) : std::string_view{};
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
                       nlohmann::json empty) {
    check_node(mark, tag, anchor);
    if (expecting_key()) {
      throw Refusal{"load.complex-key", "mapping keys must be scalars, not collections", mark};
    }
    if (stack_.size() >= static_cast<std::size_t>(limits_.max_depth)) {
      throw Refusal{"load.too-deep",
                    "nesting deeper than " + std::to_string(limits_.max_depth) + " levels", mark};
    }
    std::string pointer = next_pointer();
    map_.set_value(pointer, mark.line + 1, mark.column + 1);
    stack_.push_back({std::move(empty), std::move(pointer), std::nullopt, {}});
  }

  void close_collection() {
    nlohmann::json value = std::move(stack_.back().value);
    stack_.pop_back();
    attach(std::move(value));
  }

  std::string_view text_;
  const LoadLimits& limits_;
  SourceMap& map_;
  std::vector<Frame> stack_;
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
    diags.error(r.rule, r.message, to_location(path, r.mark));
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    diags.error("load.too-deep", "nesting too deep for the YAML parser", to_location(path, e.mark));
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    const bool alias = e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR;
    diags.error(alias ? "load.alias" : "load.syntax",
                alias ? "aliases (*name) are not supported" : "YAML syntax error: " + e.msg,
                to_location(path, e.mark));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diags.error("load.syntax", "YAML error: " + e.msg, to_location(path, e.mark));
    return std::nullopt;
  }
  nlohmann::json root = builder.take_root();
  if (!builder.has_root() || root.is_null()) {
    diags.error("load.empty", "the manifest is empty (no YAML content)", {path, 0, 0});
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
