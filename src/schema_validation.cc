#include "schema_validation.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
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

#include "embedded_assets.h"
#include "schema_errors.h"

namespace ag {
namespace {

using nlohmann::json;

void parse_into(const json& raw, valijson::Schema& schema) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(raw);
  parser.populateSchema(adapter, schema);
}

// The manifest schema, parsed once. valijson reports no detail when a `propertyNames`
// subschema fails, so each of those is also compiled on its own to check keys one by one.
class CompiledSchema {
 public:
  CompiledSchema() : raw_(json::parse(asset("schemas/manifest.schema.json"))) {
    parse_into(raw_, schema_);
    collect_property_names(raw_);
  }

  const json& raw() const { return raw_; }
  const valijson::Schema& schema() const { return schema_; }
  const valijson::Schema* property_names(const json* node) const {
    auto it = property_names_.find(node);
    return it == property_names_.end() ? nullptr : it->second.get();
  }

 private:
  void collect_property_names(const json& node) {
    if (!node.is_structured()) return;
    if (node.is_object() && node.contains("propertyNames")) {
      auto sub = std::make_unique<valijson::Schema>();
      parse_into(node["propertyNames"], *sub);
      property_names_[&node["propertyNames"]] = std::move(sub);
    }
    for (const json& child : node) collect_property_names(child);
  }

  json raw_;
  valijson::Schema schema_;
  std::map<const json*, std::unique_ptr<valijson::Schema>> property_names_;
};

const CompiledSchema& compiled() {
  static const CompiledSchema schema;
  return schema;
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

// Key checks the check stage owns: the schema's `not: ^aws:` on tag keys catches only the
// lower-case prefix, while tags.reserved-prefix refuses it in any case with its own words.
// Reporting both would give one mistake two rule ids depending on its spelling.
bool left_to_check_stage(const std::vector<std::string>& tokens, const SchemaFailure& f) {
  return f.keyword == "not" && tokens == std::vector<std::string>{"metadata", "tags"};
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

// The largest `maxItems` anywhere in `schema`, 0 if there is none.
std::size_t largest_max_items(const json& schema) {
  std::size_t largest = 0;
  if (schema.is_object() && schema.contains("maxItems") && schema["maxItems"].is_number_unsigned()) {
    largest = schema["maxItems"].get<std::size_t>();
  }
  if (schema.is_structured()) {
    for (const json& child : schema) largest = std::max(largest, largest_max_items(child));
  }
  return largest;
}

bool has_array_longer_than(const json& v, std::size_t limit) {
  if (v.is_array() && v.size() > limit) return true;
  if (!v.is_structured()) return false;
  return std::any_of(v.begin(), v.end(),
                     [limit](const json& child) { return has_array_longer_than(child, limit); });
}

void truncate_arrays(json& v, std::size_t limit) {
  if (v.is_array() && v.size() > limit) {
    v.erase(v.begin() + static_cast<json::difference_type>(limit), v.end());
  }
  if (v.is_structured()) {
    for (json& child : v) truncate_arrays(child, limit);
  }
}

}  // namespace

void validate_schema(const Manifest& m, Diagnostics& diags) {
  const CompiledSchema& schema = compiled();
  const SchemaErrorContext ctx{m, schema.raw()};
  // valijson's uniqueItems compares every pair of items and reports every equal pair: a
  // list of 8 000 equal items took minutes, and 1 MiB allows 50 000. Every list in the
  // schema has a maxItems, so arrays are validated only up to one item past the largest:
  // the maxItems failure still comes out (its count is taken from m.doc, untruncated).
  static const std::size_t bound = largest_max_items(schema.raw());
  json truncated;
  const json* doc = &m.doc;
  if (bound > 0 && has_array_longer_than(m.doc, bound + 1)) {
    truncated = m.doc;
    truncate_arrays(truncated, bound + 1);
    doc = &truncated;
  }
  std::vector<SchemaIssue> issues;
  for (const SchemaFailure& f : run(schema.schema(), *doc)) {
    if (!f.property_wrapper.empty()) {
      std::vector<std::string> child = f.tokens;
      child.push_back(f.property_wrapper);
      check_keys(ctx, child, issues);
    }
    if (f.keyword.empty()) continue;  // a wrapper: the specific error comes with it
    for (SchemaIssue& issue : describe_failure(ctx, f)) issues.push_back(std::move(issue));
  }
  for (Diagnostic& d : deduplicate_and_sort(std::move(issues))) diags.add(std::move(d));
}

}  // namespace ag
