#!/usr/bin/env bash
# docs/ci/: the GitHub Actions workflow and the GitLab CI job parse as YAML (the `yaml`
# package, tools/checkers/ci-scripts.mjs) and hold what docs/ci.md promises; their commands
# (all but installing aurora-gen) run on a copy of the examples as CI would: clean manifests
# pass and publish artifacts, SARIF and a Code Quality report; a broken one fails and is
# reported, located, in both. docs/ci.md shows the files as they are.
# usage: ci_docs_test.sh AURORA_GEN SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: ci_docs_test.sh AURORA_GEN SOURCE_DIR}
src=${2:?usage: ci_docs_test.sh AURORA_GEN SOURCE_DIR}
need jq node
need_checkers "$src"
export PATH="$(dirname "$bin"):$PATH"

# Each file's commands as a script, and docs/ci.md quoting the file verbatim.
for ci in github gitlab; do
  file=$src/docs/ci/$([ $ci = github ] && echo github-workflow.yml || echo gitlab-ci.yml)
  node "$src/tools/checkers/ci-scripts.mjs" $ci "$file" >"$work/$ci.sh" 2>&1 && pass ||
    { fail "$ci: $(cat "$work/$ci.sh")"; continue; }
  [ "$(grep -c '^aurora-gen ' "$work/$ci.sh")" -ge 2 ] && pass || fail "$ci: fewer than two aurora-gen commands"
  grep -qF "$(cat "$file")" "$src/docs/ci.md" && pass || fail "docs/ci.md does not show $file as it is"
done

# A repository as the jobs expect it: manifests in db/, their artifacts committed.
fresh_repo() {
  rm -rf "$work/repo" && mkdir -p "$work/repo/db"
  cp "$src/examples/minimal.yaml" "$src/examples/rds-multi-az-postgres.yaml" "$work/repo/db/"
  aurora-gen render --target all --out-dir "$work/repo/infra/generated" "$work/repo"/db/*.yaml 2>/dev/null
}
run_ci() { (cd "$work/repo" && bash -e "$work/$1.sh") >"$work/out" 2>&1; }

fresh_repo
run_ci github && pass || { fail "github: the steps fail on clean manifests"; tail "$work/out"; }
[ -s "$work/repo/artifacts/postgres-ha/terraform/main.tf" ] && pass || fail "github: no artifacts"
[ "$(jq -r '.version' "$work/repo/aurora-gen.sarif")" = 2.1.0 ] && pass || fail "github: no SARIF 2.1.0 log"
fresh_repo
run_ci gitlab && pass || { fail "gitlab: the job fails on clean manifests"; tail "$work/out"; }
[ -s "$work/repo/artifacts/paas-postgres/cloudformation/template.yaml" ] && pass || fail "gitlab: no artifacts"
# minimal.yaml warns network.no-ingress: a minor Code Quality finding.
[ "$(jq -r '.[0].check_name + " " + .[0].severity' "$work/repo/gl-code-quality.json")" = "network.no-ingress minor" ] &&
  pass || fail "gitlab: the warning is not in the Code Quality report"

# A broken manifest fails both, located in the Code Quality report and in SARIF.
broken() {
  fresh_repo
  sed 's/engine: aurora-postgresql/engine: aurora-postgres/' "$src/examples/minimal.yaml" >"$work/repo/db/broken.yaml"
}
broken
run_ci gitlab && fail "gitlab: passes with a broken manifest" || pass
jq -e '.[] | select(.check_name == "schema.enum" and .location.path == "db/broken.yaml"
       and .location.lines.begin > 0)' "$work/repo/gl-code-quality.json" >/dev/null &&
  pass || fail "gitlab: the broken manifest is not in the Code Quality report"
broken
run_ci github && fail "github: passes with a broken manifest" || pass
jq -e '.runs[0].results[] | select(.ruleId == "schema.enum") | .locations[0].physicalLocation
       | select((.artifactLocation.uri | endswith("db/broken.yaml")) and .region.startLine > 0)' \
  "$work/repo/aurora-gen.sarif" >/dev/null && pass || fail "github: the broken manifest is not in the SARIF log"

# Stale committed artifacts, and those a deleted manifest left, fail the --check step and are
# in SARIF and in the Code Quality report, at the file.
stale() {
  fresh_repo
  echo "# edited" >>"$work/repo/infra/generated/paas-postgres/terraform/main.tf"
  rm "$work/repo/db/rds-multi-az-postgres.yaml"
}
stale
run_ci github && fail "github: passes with stale artifacts" || pass
for rule in check.changed check.orphaned; do
  jq -e --arg rule $rule '.runs[0].results[] | select(.ruleId == $rule) | .locations[0].physicalLocation
         | select((.artifactLocation.uri | startswith("infra/generated/")) and .region.startLine == 1)' \
    "$work/repo/aurora-gen.sarif" >/dev/null && pass || fail "github: no $rule result in the SARIF log"
done
stale
run_ci gitlab && fail "gitlab: passes with stale artifacts" || pass
jq -e '.[] | select(.check_name == "check.changed"
       and .location.path == "infra/generated/paas-postgres/terraform/main.tf"
       and .location.lines.begin == 1)' "$work/repo/gl-code-quality.json" >/dev/null &&
  pass || fail "gitlab: the stale file is not in the Code Quality report"
jq -e '.[] | select(.check_name == "check.orphaned"
       and (.location.path | startswith("infra/generated/postgres-ha/")))' \
  "$work/repo/gl-code-quality.json" >/dev/null &&
  pass || fail "gitlab: the deleted manifest's artifacts are not in the Code Quality report"

finish
