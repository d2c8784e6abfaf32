// spec.policy.exceptions: each names a policy rule that exists, once, with a reason the
// artifacts can carry (one line: it becomes a comment in main.tf).
#include <set>

#include "edit_distance.h"
#include "policy/policy_rules.h"
#include "semantic_checks_internal.h"
#include "utf8.h"

namespace ag::semantic {

void check_policy_exceptions(Context& c) {
  const Json* list = c.find("/spec/policy/exceptions");
  if (list == nullptr || !list->is_array()) return;
  const std::vector<std::string> ids = policy::table().rule_ids();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = "/spec/policy/exceptions/" + std::to_string(i);
    const auto rule = c.str(p + "/rule");
    if (rule && policy::table().rule(*rule) == nullptr) {
      const std::string near = nearest(*rule, ids);
      c.error_at(p + "/rule", "policy.unknown-rule",
                 dotted(p + "/rule") + " '" + *rule + "' is not a policy rule",
                 near.empty() ? "the policy rules are listed in docs/rules.md"
                              : "did you mean " + near + "?");
    } else if (rule && !seen.insert(*rule).second) {
      c.error_at(p + "/rule", "policy.duplicate-exception",
                 dotted(p + "/rule") + " '" + *rule + "' has an exception already",
                 "keep one entry per rule");
    }
    const auto reason = c.str(p + "/reason");
    if (reason && (find_control_character(*reason) != std::string::npos ||
                   reason->find_first_of("\r\n") != std::string::npos)) {
      c.error_at(p + "/reason", "policy.exception-reason",
                 dotted(p + "/reason") + " must be one line without control characters",
                 "the reason is written beside each scanner's suppression in the artifacts");
    }
  }
}

}  // namespace ag::semantic
