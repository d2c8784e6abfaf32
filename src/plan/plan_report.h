// The plan as people and machines read it: text like `terraform plan` (one line per change,
// the reasons under it, the destructive changes last), a stable JSON document, a Markdown
// table for a pull-request comment, and SARIF with one result per destructive change.
#pragma once

#include <string>
#include <vector>

#include "plan/planner.h"

namespace ag::plan {

std::string format_text(const std::vector<Plan>& plans, bool allow_replace);
// {"changes": [{"manifest", "resource", "kind", "stateful", "actions": {"cfn", "terraform",
// "pulumi"}, "addresses": {...}, "reasons": [{"field", "location", "message"}], "loss"}],
// "destructive": bool}; actions are none, create, update, interrupt, replace, delete.
std::string format_json(const std::vector<Plan>& plans);
std::string format_markdown(const std::vector<Plan>& plans, bool allow_replace);
std::string format_sarif(const std::vector<Plan>& plans, bool allow_replace);

}  // namespace ag::plan
