// spec.policy.exceptions: each names a policy rule that exists, once, with a reason the
// artifacts can carry (one line: it becomes a comment in main.tf).
#include <set>

#include "edit_distance.h"
#include "policy/policy_rules.h"
#include "semantic_checks_internal.h"
#include "utf8.h"

namespace ag::semantic {

void check_policy_exceptions(Context& c) {
  const std::vector<std::string> ids = policy::table().rule_ids();
  std::set<std::string> seen;
  for (const policy::ExceptionEntry& e : policy::exception_entries(c.manifest().doc)) {
    const std::string at_rule = e.pointer + "/rule";
    if (e.rule && policy::table().rule(*e.rule) == nullptr) {
      const std::string near = nearest(*e.rule, ids);
      c.error_at(at_rule, "policy.unknown-rule",
                 dotted(at_rule) + " '" + *e.rule + "' is not a policy rule",
                 near.empty() ? "the policy rules are listed in docs/rules.md"
                              : "did you mean " + near + "?");
    } else if (e.rule && !seen.insert(*e.rule).second) {
      c.error_at(at_rule, "policy.duplicate-exception",
                 dotted(at_rule) + " '" + *e.rule + "' has an exception already",
                 "keep one entry per rule");
    }
    if (e.reason && (find_control_character(*e.reason) != std::string::npos ||
                     e.reason->find_first_of("\r\n") != std::string::npos)) {
      c.error_at(e.pointer + "/reason", "policy.exception-reason",
                 dotted(e.pointer + "/reason") + " must be one line without control characters",
                 "the reason is written beside each scanner's suppression in the artifacts");
    }
  }
}

}  // namespace ag::semantic
