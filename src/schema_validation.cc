// GCC 12 at -O2 reports a "potential null pointer dereference" deep inside nlohmann::json's
// inlined iterator code as used by the array bounding below; the pointer cannot be null
// there (the iterators come from non-empty containers), so the warning is silenced here only.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "schema_validation.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Woverloaded-virtual"
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#pragma GCC diagnostic pop

#include "calendar.h"
#include "embedded_assets.h"
#include "pattern_match.h"
#include "schema_errors.h"
#include "tree_parse.h"

namespace ag {
namespace {

using nlohmann::json;

void parse_into(const json& raw, valijson::Schema& schema) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(raw);
  parser.populateSchema(adapter, schema);
}

// The schema node `s` stands for, following local "$ref"s ("#/definitions/x").
const json& resolved(const json& root, const json& s) {
  const json* node = &s;
  for (int hops = 0; hops < 16 && node->is_object(); ++hops) {
    const auto ref = node->find("$ref");
    if (ref == node->end() || !ref->is_string()) break;
    const std::string& text = ref->get_ref<const std::string&>();
    if (!text.starts_with('#')) break;
    const json::json_pointer pointer(text.substr(1));
    if (!root.contains(pointer)) break;
    node = &root.at(pointer);
  }
  return *node;
}

// Where valijson can reach each schema node from: `walked` through properties,
// additionalProperties, items and $ref only (the edges walk() follows, where a node's
// schema does not depend on data), `hidden` from inside anything else (allOf, anyOf, oneOf,
// not, if/then/else, propertyNames...). A check of a node only walk() reaches can be moved
// out of valijson; one valijson also reaches inside a combinator must stay.
struct Reach {
  std::set<const json*> walked, hidden;
};

void reach(const json& root, const json& node, bool hidden, Reach& out) {
  if (!node.is_structured() || !(hidden ? out.hidden : out.walked).insert(&node).second) return;
  if (node.is_array()) {
    for (const json& item : node) reach(root, item, hidden, out);
    return;
  }
  for (const auto& [key, child] : node.items()) {
    if (key == "definitions") continue;  // reached through $ref, from where they are used
    if (key == "$ref") {
      const json& target = resolved(root, node);
      if (&target != &node) reach(root, target, hidden, out);
    } else if (key == "properties" && child.is_object()) {
      for (const auto& [name, sub] : child.items()) reach(root, sub, hidden, out);
    } else {
      const bool walk_edge = (key == "additionalProperties" || key == "items") && child.is_object();
      reach(root, child, hidden || !walk_edge, out);
    }
  }
}

// The manifest schema, parsed once. valijson reports no detail when a `propertyNames`
// subschema fails, so each of those is also compiled on its own to check keys one by one,
// the first time a manifest has a key to check.
class CompiledSchema {
 public:
  CompiledSchema() : raw_(tree::to_json(asset_tree(kPath))) {
    // valijson gets the schema without the checks validate_schema makes itself, messages the
    // whole schema (no copy: start-up).
    std::vector<Moved> moved = move_checks();
    parse_into(raw_, schema_);
    for (Moved& m : moved) (*m.node)[m.keyword] = std::move(m.value);
  }

  // Whether validate_schema, not valijson, checks the date-time format or the pattern of
  // this schema node.
  bool checked_here(const json& node) const { return moved_.count(&node) > 0; }

  const json& raw() const { return raw_; }
  const valijson::Schema& schema() const { return schema_; }
  const valijson::Schema* property_names(const json* node) const {
    std::call_once(property_names_once_, [this] { collect_property_names(raw_); });
    auto it = property_names_.find(node);
    return it == property_names_.end() ? nullptr : it->second.get();
  }

 private:
  static constexpr const char* kPath = "schemas/manifest.schema.json";

  struct Moved {
    json* node;
    const char* keyword;
    json value;
  };

  // The checks validate_schema makes itself, at the schema nodes only walk() reaches (see
  // Reach): `format: date-time` (valijson compiles a std::regex for it at every string it
  // checks, 0.4 ms each) and `pattern` (valijson's std::regex asks the locale about every
  // character of every bracket expression, 2.1 M of the 11 M instructions of rendering a
  // small manifest; pattern_match.cc does without). Removes those keywords from raw_ and
  // returns them, with their nodes, to be put back once valijson has the schema.
  std::vector<Moved> move_checks() {
    Reach r;
    reach(raw_, raw_, false, r);
    std::vector<Moved> moved;
    for (const json* node : r.walked) {
      if (r.hidden.count(node) || !node->is_object()) continue;
      json& writable = const_cast<json&>(*node);  // a node of raw_, which this owns
      for (const char* keyword : {"format", "pattern"}) {
        const auto k = writable.find(keyword);
        if (k == writable.end() || !k->is_string()) continue;
        if (std::string_view(keyword) == "format" && *k != "date-time") continue;
        moved.push_back({&writable, keyword, std::move(*k)});
        writable.erase(k);
        moved_.insert(node);
      }
    }
    return moved;
  }

  void collect_property_names(const json& node) const {
    if (!node.is_structured()) return;
    if (node.is_object() && node.contains("propertyNames")) {
      auto sub = std::make_unique<valijson::Schema>();
      parse_into(node["propertyNames"], *sub);
      property_names_[&node["propertyNames"]] = std::move(sub);
    }
    for (const json& child : node) collect_property_names(child);
  }

  json raw_;
  std::set<const json*> moved_;
  valijson::Schema schema_;
  mutable std::once_flag property_names_once_;
  mutable std::map<const json*, std::unique_ptr<valijson::Schema>> property_names_;
};

// Built on first use and never destroyed: tearing it down at exit would only cost time.
const CompiledSchema& compiled() {
  static const CompiledSchema* schema = new CompiledSchema();
  return *schema;
}

std::vector<SchemaFailure> run(const valijson::Schema& schema, const json& value) {
  // The validator caches compiled regexes; keeping one per thread compiles each once.
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(schema, valijson::adapters::NlohmannJsonAdapter(value), &results);
  std::vector<SchemaFailure> failures;
  for (const auto& error : results)
    failures.push_back(to_failure(error.context, error.description));
  return failures;
}

// Tag checks the check stage owns: the schema's `not: ^aws:` on tag keys catches only the
// lower-case prefix, while tags.reserved-prefix refuses it in any case with its own words;
// the schema's character pattern on keys and values cannot say which character is wrong,
// while tags.charset names it (and checks letters beyond ASCII, which the pattern cannot).
// Reporting both would give one mistake two rule ids depending on its spelling. `tokens` is
// the tag mapping's path for a key, the tag's for a value.
bool left_to_check_stage(const std::vector<std::string>& tokens, const SchemaFailure& f) {
  const bool tag_key = tokens == std::vector<std::string>{"metadata", "tags"};
  const bool tag_value = tokens.size() == 3 && tokens[0] == "metadata" && tokens[1] == "tags";
  return (tag_key && (f.keyword == "not" || f.keyword == "pattern")) ||
         (tag_value && f.keyword == "pattern");
}

// Checks each key of the object at `tokens` against the `propertyNames` subschema there.
void check_keys(const SchemaErrorContext& ctx, const std::vector<std::string>& tokens,
                std::vector<SchemaIssue>& out) {
  const json* node = schema_at(ctx.schema, tokens);
  if (!node || !node->contains("propertyNames")) return;
  const json* names = &(*node)["propertyNames"];
  const valijson::Schema* schema = compiled().property_names(names);
  const json* object = instance_at(ctx.manifest.doc, tokens);
  if (!schema || !object || !object->is_object()) return;
  for (const auto& [key, value] : object->items()) {
    const json key_value = key;
    for (const SchemaFailure& f : run(*schema, key_value)) {
      if (f.keyword.empty() || left_to_check_stage(tokens, f)) continue;
      out.push_back(describe_key_failure(ctx, tokens, key, *names, f));
    }
  }
}

// Calls visit(s, v) for `v` and every node below it, with `s` the schema node for it,
// following properties, additionalProperties, items and $ref (the schema uses nothing else
// that makes a node's schema depend on data; see Reach for the rest). reach() follows the
// same edges to decide which checks move here: a change to one is a change to both.
template <class Visit>
void walk(const json& root, const json& schema, const json& v, const Visit& visit) {
  const json& s = resolved(root, schema);
  if (!s.is_object()) return;
  visit(s, v);
  if (v.is_array()) {
    if (auto items = s.find("items"); items != s.end()) {
      for (const json& item : v) walk(root, *items, item, visit);
    }
  } else if (v.is_object()) {
    const auto properties = s.find("properties");
    const auto additional = s.find("additionalProperties");
    const bool has_properties = properties != s.end() && properties->is_object();
    for (const auto& [key, child] : v.items()) {
      if (has_properties) {
        if (auto p = properties->find(key); p != properties->end()) {
          walk(root, *p, child, visit);
          continue;
        }
      }
      if (additional != s.end() && additional->is_object()) walk(root, *additional, child, visit);
    }
  }
}

// The path from `doc` to `target`, a node inside it, as SchemaFailure tokens.
bool path_to(const json& doc, const json* target, std::vector<std::string>& path) {
  if (&doc == target) return true;
  if (doc.is_object()) {
    for (const auto& [key, child] : doc.items()) {
      path.push_back(key);
      if (path_to(child, target, path)) return true;
      path.pop_back();
    }
  } else if (doc.is_array()) {
    for (std::size_t i = 0; i < doc.size(); ++i) {
      path.push_back(std::to_string(i));
      if (path_to(doc[i], target, path)) return true;
      path.pop_back();
    }
  }
  return false;
}

std::vector<std::string> tokens_of(const json& doc, const json* target) {
  std::vector<std::string> path;
  path_to(doc, target, path);
  return path;
}

// How many items of `array` are validated: at most `limit` (kSchemaValidatedItems) and, in a
// uniqueItems list, none after its tenth repeated item: valijson reports every equal pair, 300
// equal items are 45 000 errors, and the list is refused for its repeats anyway.
std::size_t kept_items(const json& array, std::size_t limit, bool unique) {
  const std::size_t n = std::min(array.size(), limit);
  if (!unique) return n;
  constexpr int kMaxRepeats = 10;
  std::set<std::string> seen;  // strict equality, as uniqueItems: 1 and 1.0 differ
  int repeats = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!seen.insert(array[i].dump()).second && ++repeats == kMaxRepeats) return i + 1;
  }
  return n;
}

// Whether any array of `v` has items kept_items() would leave out.
bool needs_bounding(const json& v, const std::set<const json*>& unique) {
  if (v.is_array()) {
    if (kept_items(v, kSchemaValidatedItems, unique.count(&v) > 0) < v.size()) return true;
    for (const json& item : v) {
      if (needs_bounding(item, unique)) return true;
    }
  } else if (v.is_object()) {
    for (const auto& [key, child] : v.items()) {
      if (needs_bounding(child, unique)) return true;
    }
  }
  return false;
}

// Cuts every array of `copy` (a copy of `original`) to kept_items().
void bound_arrays(const json& original, json& copy, const std::set<const json*>& unique) {
  if (original.is_array()) {
    const std::size_t kept =
        kept_items(original, kSchemaValidatedItems, unique.count(&original) > 0);
    if (kept < original.size()) {
      copy.erase(copy.begin() + static_cast<json::difference_type>(kept), copy.end());
    }
    for (std::size_t i = 0; i < copy.size(); ++i) bound_arrays(original[i], copy[i], unique);
  } else if (original.is_object()) {
    for (auto& [key, child] : copy.items()) bound_arrays(original[key], child, unique);
  }
}

}  // namespace

void validate_schema(const Manifest& m, Diagnostics& diags, std::vector<std::string>* refused) {
  const CompiledSchema& schema = compiled();
  const SchemaErrorContext ctx{m, schema.raw()};
  // valijson's uniqueItems compares every pair of items and reports every equal pair: 8 000
  // equal items took minutes, 160 lists of 300 equal items 9 GB; so arrays are validated
  // only in part (see kept_items). Counts in messages come from m.doc, untouched.
  // The manifest's uniqueItems arrays, and its strings that are not the date-time their
  // schema says (valijson compiles a std::regex for each).
  std::set<const json*> unique;
  std::vector<const json*> bad_date_times;
  walk(schema.raw(), schema.raw(), m.doc, [&](const json& s, const json& v) {
    if (v.is_array() && s.value("uniqueItems", false)) unique.insert(&v);
    if (!v.is_string() || !schema.checked_here(s)) return;
    if (auto f = s.find("format"); f != s.end() && *f == "date-time" &&
                                   !is_rfc3339_date_time(v.get_ref<const std::string&>(), true)) {
      bad_date_times.push_back(&v);
    }
  });
  json bounded;
  const json* doc = &m.doc;
  if (needs_bounding(m.doc, unique)) {
    bounded = m.doc;
    bound_arrays(m.doc, bounded, unique);
    doc = &bounded;
  }
  std::vector<SchemaFailure> failures = run(schema.schema(), *doc);
  for (const json* node : bad_date_times) {
    failures.push_back({tokens_of(m.doc, node), "format", {}, {}});
  }
  // The patterns moved out of valijson, on the items valijson saw.
  walk(schema.raw(), schema.raw(), *doc, [&](const json& s, const json& v) {
    if (!v.is_string() || !schema.checked_here(s) || !s.contains("pattern")) return;
    if (!pattern_matches(s.at("pattern").get_ref<const std::string&>(),
                         v.get_ref<const std::string&>())) {
      failures.push_back({tokens_of(*doc, &v), "pattern", {}, {}});
    }
  });
  std::vector<SchemaIssue> issues;
  for (const SchemaFailure& f : failures) {
    if (!f.property_wrapper.empty()) {
      std::vector<std::string> child = f.tokens;
      child.push_back(f.property_wrapper);
      check_keys(ctx, child, issues);
    }
    if (f.keyword.empty()) continue;  // a wrapper: the specific error comes with it
    if (left_to_check_stage(f.tokens, f)) continue;
    for (SchemaIssue& issue : describe_failure(ctx, f)) issues.push_back(std::move(issue));
  }
  if (refused) {
    // An issue's key is the refused node's pointer, or that pointer, a line break and what
    // else is wrong there (a missing field, a key).
    static const std::set<std::string> kCounts = {"schema.unique-items", "schema.min-items",
                                                  "schema.max-items", "schema.min-properties",
                                                  "schema.max-properties"};
    for (const SchemaIssue& i : issues) {
      if (i.key.find('\n') == std::string::npos && !kCounts.count(i.diag.rule)) {
        refused->push_back(i.key);
      }
    }
  }
  for (Diagnostic& d : deduplicate_and_sort(std::move(issues))) diags.add(std::move(d));
}

}  // namespace ag
