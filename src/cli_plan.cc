// `aurora-gen plan`: both sides of an edit compiled (the old one from a file or a git
// revision), planned, and printed; exit 1 when a change destroys data.
#include "cli_plan.h"

#include <iostream>

#include "cli_common.h"
#include "plan/git_revision.h"
#include "plan/plan_report.h"

namespace ag {
namespace {

// A manifest's two versions: `old_label` names the old one in diagnostics ("OLD.yaml" or
// "HEAD:db/orders.yaml"); no old text means the manifest is new.
struct Edit {
  std::string old_label;
  std::optional<std::string> old_text;
  std::string new_path;
};

std::optional<Edit> from_files(const PlanOptions& o, Diagnostics& diags) {
  auto old_text = read_manifest(o.manifests[0], diags);
  if (!old_text) return std::nullopt;
  return Edit{o.manifests[0], std::move(old_text), o.manifests[1]};
}

std::optional<Edit> from_git(const PlanOptions& o, const std::string& path, Diagnostics& diags) {
  try {
    return Edit{o.base + ":" + path, plan::read_at_revision(o.base, path), path};
  } catch (const plan::GitError& e) {
    diags.error("plan.base", e.what(), {path, 0, 0});
    return std::nullopt;
  }
}

struct Outcome {
  std::optional<plan::Plan> plan;
  int status = kClean;  // kFindings: the new side is invalid; kUsage: the old side or I/O
};

Outcome plan_one(const Edit& e, bool since_0_2, Diagnostics& diags) {
  auto new_text = read_manifest(e.new_path, diags);
  if (!new_text) return {std::nullopt, kUsage};
  std::optional<Compiled> before;
  if (e.old_text) {
    Diagnostics old_diags;
    before = compile(e.old_label, *e.old_text, old_diags, true, LowerOptions{since_0_2});
    if (!before) {
      diags.error("plan.old-invalid",
                  "the old manifest (" + e.old_label +
                      ") is invalid, so there is nothing to "
                      "compare with; its diagnostics follow",
                  {e.old_label, 0, 0});
      diags.append(old_diags);
      return {std::nullopt, kUsage};
    }
    if (!since_0_2) diags.append(old_diags);  // its warnings (the same manifest's, --since)
  }
  auto after = compile(e.new_path, *new_text, diags);
  if (!after) return {std::nullopt, kFindings};
  return {plan::make_plan(before ? &*before : nullptr, *after, plan::UpdateTable::builtin(),
                          since_0_2 ? "0.2" : ""),
          kClean};
}

void print(const std::vector<plan::Plan>& plans, const PlanOptions& o) {
  if (o.format == "json") {
    std::cout << plan::format_json(plans);
  } else if (o.format == "markdown") {
    std::cout << plan::format_markdown(plans, o.allow_replace);
  } else if (o.format == "sarif") {
    std::cout << plan::format_sarif(plans, o.allow_replace);
  } else {
    std::cout << plan::format_text(plans, o.allow_replace);
  }
}

}  // namespace

int run_plan(const PlanOptions& o) {
  Diagnostics diags;
  std::vector<Edit> edits;
  if (!o.since.empty()) {
    // The deployment of each manifest as 0.2 rendered it, against today's rendering.
    for (const std::string& path : o.manifests) {
      if (auto text = read_manifest(path, diags)) edits.push_back({path + " (0.2)", text, path});
    }
  } else if (o.base.empty()) {
    if (o.manifests.size() != 2) {
      diags.error("cli.plan-arguments",
                  "plan takes OLD.yaml NEW.yaml, or --base REF and the manifests to compare", {});
    } else if (auto e = from_files(o, diags)) {
      edits.push_back(std::move(*e));
    }
  } else {
    for (const std::string& path : o.manifests) {
      if (auto e = from_git(o, path, diags)) edits.push_back(std::move(*e));
    }
  }
  const std::string diag_format = o.format == "markdown" ? "text" : o.format;
  if (diags.has_errors()) {
    report(diags, diag_format);
    return kUsage;
  }
  std::vector<plan::Plan> plans;
  int status = kClean;
  for (const Edit& e : edits) {
    Outcome r = plan_one(e, !o.since.empty(), diags);
    status = std::max(status, r.status);
    if (r.plan) plans.push_back(std::move(*r.plan));
  }
  report(diags, diag_format);
  if (status != kClean) return status;
  print(plans, o);
  const bool destructive =
      std::any_of(plans.begin(), plans.end(), [](const plan::Plan& p) { return p.destructive(); });
  return destructive && !o.allow_replace ? kFindings : kClean;
}

}  // namespace ag
