// The `plan` command: what an edit of a manifest does to each deployed resource.
#pragma once

#include <string>
#include <vector>

namespace ag {

struct PlanOptions {
  std::vector<std::string> manifests;  // OLD NEW, or (with base) the manifests to compare
  std::string base;                    // a git revision: each manifest's old version
  std::string format = "text";         // text, json, markdown, sarif
  bool allow_replace = false;          // a change that destroys data does not fail
  // "0.2": compare each manifest as that release rendered it with what this one renders
  // (an upgrade of aurora-gen, the manifest unchanged).
  std::string since;
};

// Exit codes: 0 nothing destroyed (or --allow-replace), 1 a change destroys data or the new
// manifest is invalid, 2 usage, I/O, git, or an invalid old manifest.
int run_plan(const PlanOptions& o);

}  // namespace ag
