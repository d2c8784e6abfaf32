// Rules that apply to every node of the document, whatever the schema says about it.
#include "schema_errors.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

constexpr std::string_view kDynamicReference = "{{resolve:";

void check_string(Context& c, const std::string& pointer, const std::string& s, bool is_key) {
  if (s.find(kDynamicReference) == std::string::npos) return;
  const std::string msg = dotted(pointer) + (is_key ? " has a key" : "") +
                          " containing '{{resolve:', a CloudFormation dynamic reference";
  const std::string hint =
      "CloudFormation would resolve it at deploy time; reference secrets through the "
      "fields made for them (master_password_secret_arn)";
  if (is_key) {
    c.error_at_key(pointer, "cfn.dynamic-reference", msg, hint);
  } else {
    c.error_at(pointer, "cfn.dynamic-reference", msg, hint);
  }
}

void walk(Context& c, const Json& node, const std::string& pointer, int depth) {
  if (depth > 64) return;  // the loader bounds depth; this only guards direct callers
  if (node.is_string()) {
    check_string(c, pointer, node.get_ref<const std::string&>(), false);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      walk(c, node[i], pointer + "/" + std::to_string(i), depth + 1);
    }
  } else if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string child = pointer_append(pointer, it.key());
      if (is_plaintext_password_key(it.key())) {
        c.error_at_key(child, "credentials.plaintext-password",
                       dotted(child) + ": " + std::string(kPlaintextPasswordMessage),
                       std::string(kPlaintextPasswordHint));
      }
      check_string(c, child, it.key(), true);
      walk(c, it.value(), child, depth + 1);
    }
  }
}

}  // namespace

void check_document_strings(Context& c) { walk(c, c.manifest().doc, "", 0); }

}  // namespace ag::semantic
