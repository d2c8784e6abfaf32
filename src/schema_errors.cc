#include "schema_errors.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include "edit_distance.h"
#include "field_aliases.h"

namespace ag {
namespace {

using nlohmann::json;

// valijson's wording of each keyword's failure. Order matters where one text is a prefix
// of another ("greater than or equal to" before "greater than").
struct Wording {
  std::string_view prefix;
  std::string_view keyword;
};
constexpr Wording kWordings[] = {
    {"Missing required property", "required"},
    {"Object contains a property that could not be validated", "additional-property"},
    {"Value type not permitted", "type"},
    {"Failed to match against any enum values", "enum"},
    {"Failed to match regex", "pattern"},
    {"Failed to match expected value set by 'const'", "const"},
    {"Target should not validate", "not"},
    {"Expected number greater than or equal to", "minimum"},
    {"Expected number greater than", "exclusive-minimum"},
    {"Expected number less than or equal to", "maximum"},
    {"Expected number less than", "exclusive-maximum"},
    {"Value should be a multiple of", "multiple-of"},
    {"Array should contain no fewer than", "min-items"},
    {"Array should contain no more than", "max-items"},
    {"String should be no fewer than", "min-length"},
    {"String should be no more than", "max-length"},
    {"Object should have no fewer than", "min-properties"},
    {"Object should have no more than", "max-properties"},
    {"Elements at indexes #", "unique-items"},
    {"String should be a valid", "format"},
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The text between the first pair of single quotes ("Missing required property 'x'.").
std::string quoted(const std::string& text) {
  const std::size_t open = text.find('\'');
  const std::size_t close = text.rfind('\'');
  if (open == std::string::npos || close <= open) return {};
  return text.substr(open + 1, close - open - 1);
}

// "Elements at indexes #1 and #3 violate ..." -> "1 3".
std::string index_pair(const std::string& text) {
  std::string out;
  for (std::size_t i = text.find('#'); i != std::string::npos; i = text.find('#', i + 1)) {
    std::size_t end = i + 1;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (!out.empty()) out += ' ';
    out += text.substr(i + 1, end - i - 1);
  }
  return out;
}

const json* follow_refs(const json& root, const json* node) {
  // Only local references ("#/definitions/x") exist in our schema; bound the chain anyway.
  for (int hops = 0; node && node->is_object() && node->contains("$ref") && hops < 16; ++hops) {
    const std::string ref = (*node)["$ref"].get<std::string>();
    if (!starts_with(ref, "#")) return nullptr;
    const json::json_pointer target(ref.substr(1));
    node = root.contains(target) ? &root.at(target) : nullptr;
  }
  return node;
}

// A keyword's value on `node`, looking through a $ref (siblings of $ref carry only a
// description in our schema).
const json* keyword_of(const json& root, const json* node, const char* keyword) {
  for (const json* n : {node, follow_refs(root, node)}) {
    if (n && n->is_object() && n->contains(keyword)) return &(*n)[keyword];
  }
  return nullptr;
}

std::string text_of(const json* value) {
  if (!value) return {};
  return value->is_string() ? value->get<std::string>() : value->dump();
}

// A value as quoted in a message: strings in single quotes, long ones shortened.
std::string shown(const json* value) {
  if (!value) return "nothing";
  std::string text = text_of(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return value->is_string() ? "'" + text + "'" : text;
}

std::string type_phrase(std::string_view type) {
  if (type == "object") return "a mapping";
  if (type == "array") return "a list";
  if (type == "integer") return "an integer";
  if (type == "number") return "a number";
  if (type == "boolean") return "true or false";
  if (type == "string") return "a string";
  return std::string(type);
}

std::string type_of(const json& v) {
  if (v.is_object()) return "a mapping";
  if (v.is_array()) return "a list";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  return "null";
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_plain_name(const std::string& token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

// "spec.network.subnet_ids[0]"; array indexes in brackets, odd keys quoted.
std::string display(const json& doc, const std::vector<std::string>& tokens) {
  std::string out;
  const json* node = &doc;
  for (const std::string& t : tokens) {
    if (node && node->is_array()) {
      out += "[" + t + "]";
    } else {
      out += is_plain_name(t) ? (out.empty() ? t : "." + t) : "[\"" + t + "\"]";
    }
    node = node ? instance_at(*node, {t}) : nullptr;
  }
  return out.empty() ? "the manifest" : out;
}

std::string pointer_of(const std::vector<std::string>& tokens) {
  std::string pointer;
  for (const std::string& t : tokens) pointer = pointer_append(pointer, t);
  return pointer;
}

std::vector<std::string> property_names(const json& root, const json* node) {
  std::vector<std::string> names;
  if (const json* props = keyword_of(root, node, "properties")) {
    for (const auto& [name, sub] : props->items()) names.push_back(name);
  }
  return names;
}

std::string joined(const json& values) {
  std::string out;
  for (const json& v : values) out += (out.empty() ? "" : ", ") + text_of(&v);
  return out;
}

// What a failing node is: its name in messages, value, subschema and position.
struct Subject {
  std::string name;
  const json* value = nullptr;
  const json* schema = nullptr;
  Location loc;
  std::string pointer;
};

struct Wordings {
  std::string message;
  std::string hint;
};

Wordings bound_message(const json& root, const Subject& s, const std::string& keyword) {
  const bool is_min = keyword.find("min") != std::string::npos;
  const bool exclusive = starts_with(keyword, "exclusive");
  const char* schema_keyword = exclusive ? (is_min ? "exclusiveMinimum" : "exclusiveMaximum")
                                         : (is_min ? "minimum" : "maximum");
  const std::string bound = text_of(keyword_of(root, s.schema, schema_keyword));
  const std::string relation =
      exclusive ? (is_min ? "greater than " : "less than ") : (is_min ? "at least " : "at most ");
  return {s.name + " must be " + relation + bound + " (got " + shown(s.value) + ")", {}};
}

Wordings size_message(const json& root, const Subject& s, const std::string& keyword) {
  const bool is_min = starts_with(keyword, "min");
  const std::string kind = keyword.substr(keyword.find('-') + 1);  // items, length, properties
  const char* schema_keyword = kind == "items"    ? (is_min ? "minItems" : "maxItems")
                               : kind == "length" ? (is_min ? "minLength" : "maxLength")
                                                  : (is_min ? "minProperties" : "maxProperties");
  const std::string bound = text_of(keyword_of(root, s.schema, schema_keyword));
  std::string unit = kind == "items" ? "item" : kind == "length" ? "character" : "entry";
  if (bound != "1") unit = unit == "entry" ? "entries" : unit + "s";
  std::size_t got = 0;
  if (s.value && s.value->is_string()) {
    got = code_points(s.value->get<std::string>());
  } else if (s.value) {
    got = s.value->size();
  }
  return {s.name + " must have " + (is_min ? "at least " : "at most ") + bound + " " + unit +
              " (got " + std::to_string(got) + ")",
          {}};
}

Wordings type_message(const json& root, const Subject& s) {
  const json* type = keyword_of(root, s.schema, "type");
  std::string expected;
  if (type && type->is_array()) {
    for (const json& t : *type)
      expected += (expected.empty() ? "" : " or ") + type_phrase(text_of(&t));
  } else {
    expected = type_phrase(text_of(type));
  }
  Wordings w{
      s.name + " must be " + expected + " (got " + (s.value ? type_of(*s.value) : "nothing") + ")",
      {}};
  if (expected == "a string" && s.value && (s.value->is_number() || s.value->is_boolean())) {
    w.hint = "quote the value so that YAML reads it as text";
  }
  return w;
}

Wordings enum_message(const json& root, const Subject& s) {
  const json* values = keyword_of(root, s.schema, "enum");
  Wordings w{s.name + " must be one of: " + (values ? joined(*values) : "") + " (got " +
                 shown(s.value) + ")",
             {}};
  if (values && s.value && s.value->is_string()) {
    std::vector<std::string> names;
    for (const json& v : *values) names.push_back(text_of(&v));
    const std::string best = nearest(s.value->get<std::string>(), names);
    if (!best.empty()) w.hint = "did you mean '" + best + "'?";
  }
  return w;
}

// The description worth showing for a node: a definition's own when the node is a $ref
// (the property's says what it is for, the definition's what it must look like).
std::string format_description(const json& root, const json* node) {
  const json* resolved = follow_refs(root, node);
  for (const json* n : {resolved, node}) {
    if (n && n->is_object() && n->contains("description")) return text_of(&(*n)["description"]);
  }
  return {};
}

// Descriptions open with what a value must look like; the rest is background. A ". " inside
// parentheses lists characters ("_ . : /"), it does not end the sentence.
std::string first_sentence(const std::string& text) {
  int depth = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && depth > 0) --depth;
    if (depth == 0 && text[i] == '.' && text[i + 1] == ' ') return text.substr(0, i + 1);
  }
  return text;
}

Wordings value_message(const json& root, const Subject& s, const SchemaFailure& f) {
  const std::string& k = f.keyword;
  if (k == "type") return type_message(root, s);
  if (k == "enum") return enum_message(root, s);
  if (k == "const") {
    return {s.name + " must be " + shown(keyword_of(root, s.schema, "const")) + " (got " +
                shown(s.value) + ")",
            {}};
  }
  if (k == "pattern") {
    const std::string what = first_sentence(format_description(root, s.schema));
    return {s.name + " " + shown(s.value) + " is not valid" + (what.empty() ? "" : ": " + what),
            "expected pattern " + text_of(keyword_of(root, s.schema, "pattern"))};
  }
  if (k == "not") {
    const json* negated = keyword_of(root, s.schema, "not");
    std::string why = negated ? text_of(keyword_of(root, negated, "description")) : "";
    return {s.name + " " + shown(s.value) + " " + (why.empty() ? "is not allowed" : why),
            format_description(root, s.schema)};
  }
  if (k == "multiple-of") {
    return {s.name + " must be a multiple of " + text_of(keyword_of(root, s.schema, "multipleOf")) +
                " (got " + shown(s.value) + ")",
            {}};
  }
  if (k == "format") {
    return {s.name + " must be a valid " + text_of(keyword_of(root, s.schema, "format")) +
                " (got " + shown(s.value) + ")",
            format_description(root, s.schema)};
  }
  if (k.find("imum") != std::string::npos) return bound_message(root, s, k);
  if (starts_with(k, "min-") || starts_with(k, "max-")) return size_message(root, s, k);
  return {s.name + ": " + f.detail, {}};
}

SchemaIssue issue(const std::string& key, const std::string& rule_keyword, const Location& loc,
                  const Wordings& w) {
  Diagnostic d;
  d.rule = "schema." + rule_keyword;
  d.message = w.message;
  d.hint = w.hint;
  d.loc = loc;
  return {key, std::move(d)};
}

// A mapping or list is reported at its key: its own position is where its first entry
// starts (in block style), which would blame that entry for the whole collection.
Subject subject_at(const SchemaErrorContext& ctx, const std::vector<std::string>& tokens) {
  const std::string pointer = pointer_of(tokens);
  const json* value = instance_at(ctx.manifest.doc, tokens);
  const SourceMap& map = ctx.manifest.map;
  return {display(ctx.manifest.doc, tokens), value, schema_at(ctx.schema, tokens),
          value && value->is_structured() ? map.key_at(pointer) : map.at(pointer), pointer};
}

SchemaIssue required_issue(const SchemaErrorContext& ctx, const SchemaFailure& f) {
  const Subject s = subject_at(ctx, f.tokens);
  const std::string where = f.tokens.empty() ? "at the top level" : "in " + s.name;
  const json* props = keyword_of(ctx.schema, s.schema, "properties");
  const json* field = props && props->contains(f.detail) ? &(*props)[f.detail] : nullptr;
  const std::string what = field ? text_of(keyword_of(ctx.schema, field, "description")) : "";
  return issue(s.pointer + "\n" + f.detail, "required", ctx.manifest.map.key_at(s.pointer),
               {"missing required field '" + f.detail + "' " + where,
                what.empty() ? "" : f.detail + ": " + what});
}

// Where a name from another tool is worth mapping from: a field of the manifest's top
// levels (Terraform's arguments are the cluster's), or one whose manifest field is a
// sibling. Deeper, a misspelling of a local field is likelier: `kms_key_id` under
// credentials means master_user_secret_kms_key_id, not spec.storage.kms_key_id.
bool alias_applies(const std::vector<std::string>& tokens) {
  return tokens.empty() || (tokens.size() == 1 && (tokens[0] == "spec" || tokens[0] == "metadata"));
}

// The hint for the unknown field `key` of the mapping at `tokens`: a field of that mapping
// spelt another way (CloudFormation's DeletionProtection), the manifest field another tool's
// name stands for (data/aliases.json), or the nearest allowed name.
std::string unknown_field_hint(const SchemaErrorContext& ctx,
                               const std::vector<std::string>& tokens, const std::string& key,
                               const std::vector<std::string>& allowed) {
  const std::string normalized = normalized_field_name(key);
  for (const std::string& a : allowed) {
    if (normalized_field_name(a) == normalized) return "did you mean '" + a + "'?";
  }
  const json& doc = ctx.manifest.doc;
  const json* kind = instance_at(doc, {"kind"});
  const std::string kind_name = kind && kind->is_string() ? kind->get<std::string>() : "";
  if (const std::optional<FieldAlias> alias = find_field_alias(key, kind_name)) {
    const std::string leaf = alias->path.substr(alias->path.rfind('.') + 1);
    const bool sibling =
        !alias->path.empty() && std::find(allowed.begin(), allowed.end(), leaf) != allowed.end();
    if (sibling || alias_applies(tokens)) {
      const std::string whose =
          alias->owner.empty() ? "" : "'" + key + "' is the " + alias->owner + " name";
      if (alias->path.empty()) {
        return (whose.empty() ? "" : whose + " of a setting the manifest does not have: ") +
               alias->note;
      }
      const std::string path = sibling ? display(doc, tokens) + "." + leaf : alias->path;
      std::string why = whose;
      if (!alias->note.empty()) why += (why.empty() ? "" : "; ") + alias->note;
      return "did you mean " + path + "?" + (why.empty() ? "" : " (" + why + ")");
    }
  }
  const std::string best = nearest(key, allowed);
  return best.empty() ? "" : "did you mean '" + best + "'?";
}

// valijson names only the first unknown field of an object; every one is reported here.
std::vector<SchemaIssue> unknown_field_issues(const SchemaErrorContext& ctx,
                                              const SchemaFailure& f) {
  const Subject s = subject_at(ctx, f.tokens);
  const std::vector<std::string> allowed = property_names(ctx.schema, s.schema);
  std::vector<SchemaIssue> out;
  if (!s.value || !s.value->is_object()) return out;
  for (const auto& [key, value] : s.value->items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::string where = f.tokens.empty() ? "at the top level" : "in " + s.name;
    const std::string pointer = pointer_append(s.pointer, key);
    if (is_plaintext_password_key(key)) {  // not a typo to suggest a fix for
      std::vector<std::string> tokens = f.tokens;
      tokens.push_back(key);
      Diagnostic d;
      d.rule = "credentials.plaintext-password";
      d.message = display(ctx.manifest.doc, tokens) + ": " + std::string(kPlaintextPasswordMessage);
      d.hint = kPlaintextPasswordHint;
      d.loc = ctx.manifest.map.key_at(pointer);
      out.push_back({pointer, std::move(d)});
      continue;
    }
    out.push_back(issue(
        pointer, "additional-property", ctx.manifest.map.key_at(pointer),
        {"unknown field '" + key + "' " + where, unknown_field_hint(ctx, f.tokens, key, allowed)}));
  }
  return out;
}

SchemaIssue duplicate_issue(const SchemaErrorContext& ctx, const SchemaFailure& f) {
  const Subject s = subject_at(ctx, f.tokens);
  std::istringstream indexes(f.detail);
  std::string first, second;
  indexes >> first >> second;
  std::vector<std::string> item = f.tokens;
  item.push_back(second);
  const std::string pointer = pointer_of(item);
  return issue(pointer, "unique-items", ctx.manifest.map.at(pointer),
               {s.name + " lists " + shown(instance_at(ctx.manifest.doc, item)) +
                    " more than once (items " + first + " and " + second + ")",
                {}});
}

}  // namespace

bool is_plaintext_password_key(std::string_view key) {
  constexpr std::string_view kSuffix = "_password";
  if (key == "manage_master_user_password") return false;
  return key == "password" ||
         (key.size() > kSuffix.size() && key.substr(key.size() - kSuffix.size()) == kSuffix);
}

SchemaFailure to_failure(const std::vector<std::string>& context, const std::string& description) {
  SchemaFailure f;
  for (const std::string& c : context) {
    if (c.size() >= 2 && c.front() == '[' && c.back() == ']') {
      f.tokens.push_back(c.substr(1, c.size() - 2));
    }
  }
  for (const Wording& w : kWordings) {
    if (starts_with(description, w.prefix)) {
      f.keyword = w.keyword;
      break;
    }
  }
  if (f.keyword == "required" || f.keyword == "additional-property") f.detail = quoted(description);
  if (f.keyword == "unique-items") f.detail = index_pair(description);
  constexpr std::string_view kPropertyWrapper =
      "Failed to validate against schema associated "
      "with property name";
  if (starts_with(description, kPropertyWrapper)) f.property_wrapper = quoted(description);
  const bool wrapper = starts_with(description, "Failed to validate") ||
                       starts_with(description, "Failed to any") ||
                       starts_with(description, "Cannot validate");
  if (f.keyword.empty() && !wrapper) {
    f.keyword = "invalid";
    f.detail = description;
  }
  return f;
}

const json* instance_at(const json& doc, const std::vector<std::string>& tokens) {
  const json* node = &doc;
  for (const std::string& t : tokens) {
    if (node->is_object()) {
      auto it = node->find(t);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array() && !t.empty() &&
               std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const std::size_t i = std::stoul(t);
      if (i >= node->size()) return nullptr;
      node = &(*node)[i];
    } else {
      return nullptr;
    }
  }
  return node;
}

const json* schema_at(const json& schema, const std::vector<std::string>& tokens) {
  const json* node = &schema;
  for (const std::string& t : tokens) {
    const json* resolved = follow_refs(schema, node);
    if (!resolved || !resolved->is_object()) return nullptr;
    const json* props = keyword_of(schema, resolved, "properties");
    if (props && props->is_object() && props->contains(t)) {
      node = &props->at(t);
    } else if (resolved->contains("additionalProperties") &&
               (*resolved)["additionalProperties"].is_object()) {
      node = &(*resolved)["additionalProperties"];
    } else if (resolved->contains("items") && (*resolved)["items"].is_object()) {
      node = &(*resolved)["items"];
    } else {
      return nullptr;
    }
  }
  return node;
}

std::vector<SchemaIssue> describe_failure(const SchemaErrorContext& ctx, const SchemaFailure& f) {
  if (f.keyword == "required") return {required_issue(ctx, f)};
  if (f.keyword == "additional-property") return unknown_field_issues(ctx, f);
  if (f.keyword == "unique-items") return {duplicate_issue(ctx, f)};
  const Subject s = subject_at(ctx, f.tokens);
  return {issue(s.pointer, f.keyword, s.loc, value_message(ctx.schema, s, f))};
}

SchemaIssue describe_key_failure(const SchemaErrorContext& ctx,
                                 const std::vector<std::string>& tokens, const std::string& key,
                                 const json& names, const SchemaFailure& f) {
  const json key_value = key;
  Subject s;
  s.name = display(ctx.manifest.doc, tokens) + " key";
  s.value = &key_value;
  s.schema = &names;
  s.pointer = pointer_append(pointer_of(tokens), key);
  s.loc = ctx.manifest.map.key_at(s.pointer);
  return issue(s.pointer + "\nkey", f.keyword, s.loc, value_message(ctx.schema, s, f));
}

std::vector<Diagnostic> deduplicate_and_sort(std::vector<SchemaIssue> issues) {
  std::set<std::string> seen;
  std::vector<Diagnostic> out;
  for (SchemaIssue& i : issues) {
    if (seen.insert(i.key + "\n" + i.diag.rule).second) out.push_back(std::move(i.diag));
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.loc.line, a.loc.col) < std::pair(b.loc.line, b.loc.col);
  });
  return out;
}

}  // namespace ag
