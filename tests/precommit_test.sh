#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml under the real pre-commit (Debian's package), in a
# temporary git repository that uses this repository as its hook source: a clean manifest
# passes, a broken one fails with the located message, stale artifacts and a destructive
# edit fail. The hooks are `language: system`: the built aurora-gen is put on PATH.
# usage: precommit_test.sh AURORA_GEN SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: precommit_test.sh AURORA_GEN SOURCE_DIR}
src=${2:?usage: precommit_test.sh AURORA_GEN SOURCE_DIR}
need pre-commit git
git -C "$src" rev-parse HEAD >/dev/null 2>&1 || { echo "FAIL: $src is not a git repository"; exit 1; }
# pre-commit keeps its clones under PRE_COMMIT_HOME; git reads HOME's configuration.
export HOME=$work/home PRE_COMMIT_HOME=$work/cache PATH="$(dirname "$bin"):$PATH"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
mkdir -p "$HOME"

hook() {  # hook WANT_EXIT DESCRIPTION -- COMMAND...: runs in the repository, output in $work/out
  local want=$1 what=$2
  shift 3
  (cd "$repo" && "$@") >"$work/out" 2>&1
  local got=$?
  [ "$got" -eq "$want" ] && pass ||
    { fail "$what: exit $got, expected $want"; sed 's/^/  /' "$work/out" | tail -15; }
}
check() {  # check DESCRIPTION COMMAND...: about the last hook's output
  local what=$1
  shift
  "$@" && pass || { fail "$what"; sed 's/^/  /' "$work/out" | tail -15; }
}

repo=$work/repo
mkdir -p "$repo/db"
git -C "$repo" init -q
cp "$src/examples/serverless-postgres.yaml" "$repo/db/orders.yaml"
git -C "$repo" add db && git -C "$repo" commit -qm "a manifest"

hook 0 "validate: a clean manifest passes" -- pre-commit try-repo "$src" aurora-gen-validate --files db/orders.yaml
check "the hook ran and passed" grep -q "^aurora-gen validate\.*Passed$" "$work/out"

sed 's/engine: aurora-postgresql/engine: aurora-postgres/' "$src/examples/minimal.yaml" >"$repo/db/broken.yaml"
git -C "$repo" add db/broken.yaml
hook 1 "validate: a broken manifest fails" -- pre-commit try-repo "$src" aurora-gen-validate --files db/broken.yaml
check "the failure is located" \
  grep -q "^db/broken.yaml:[0-9]*:[0-9]*: error: .*\[schema.enum\]" "$work/out"
git -C "$repo" rm -qf db/broken.yaml

sed 's/database_name: app/database_name: shop/' "$src/examples/serverless-postgres.yaml" >"$repo/db/orders.yaml"
git -C "$repo" add db/orders.yaml
hook 1 "plan: an edit that replaces the database fails" -- pre-commit try-repo "$src" aurora-gen-plan --files db/orders.yaml
check "the plan says so" grep -q "DESTROYS the data of cluster" "$work/out"
sed 's/count: 1/count: 2/' "$src/examples/serverless-postgres.yaml" >"$repo/db/orders.yaml"
git -C "$repo" add db/orders.yaml
hook 0 "plan: adding a reader passes" -- pre-commit try-repo "$src" aurora-gen-plan --files db/orders.yaml

# The check hooks need their arguments, which only a configuration gives: this repository
# at its current commit, as a user's .pre-commit-config.yaml names it.
configure() {  # configure HOOK ARGS: the configuration runs that one hook
  cat >"$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $src
    rev: $(git -C "$src" rev-parse HEAD)
    hooks:
      - id: $1
        files: ^db/.*\.yaml$
        args: $2
YAML
  git -C "$repo" add .pre-commit-config.yaml
}
configure aurora-gen-check "[--out-dir, infra/generated]"
"$bin" render --target all --out-dir "$repo/infra/generated" "$repo/db/orders.yaml"
git -C "$repo" add -A
hook 0 "check: committed artifacts that match pass" -- pre-commit run --all-files
sed 's/count: 2/count: 3/' "$src/examples/serverless-postgres.yaml" >"$repo/db/orders.yaml"
git -C "$repo" add -A
hook 1 "check: stale artifacts fail" -- pre-commit run --all-files
check "the stale file is named" \
  grep -q "^infra/generated/aurora-db/.*:1: error: .*\[check.changed\]$" "$work/out"
check "the fix is printed" \
  grep -q "hint: render it again: aurora-gen render --target all --out-dir infra/generated db/orders.yaml$" "$work/out"
"$bin" render --target all --out-dir "$repo/infra/generated" "$repo/db/orders.yaml"
cp "$src/examples/minimal.yaml" "$repo/db/other.yaml"
"$bin" render --target all --out-dir "$repo/infra/generated" "$repo/db/other.yaml" 2>/dev/null
git -C "$repo" add -A && git -C "$repo" commit -qm "two manifests and their artifacts"
hook 0 "check: another manifest's artifacts are not orphans of a changed file" -- \
  pre-commit run --files db/orders.yaml

# aurora-gen-check-all runs on every commit with every manifest: a hand edit of a generated
# file fails although no manifest changed, and so does a deleted manifest's folder.
configure aurora-gen-check-all "[--out-dir, infra/generated, db]"
git -C "$repo" commit -qm "check every manifest"
hook 0 "check-all: clean artifacts pass" -- pre-commit run
echo "# a hand edit" >>"$repo/infra/generated/aurora-db/terraform/main.tf"
git -C "$repo" add -A
hook 1 "check-all: a hand edit fails with no manifest staged" -- pre-commit run
check "the edited file is named" \
  grep -q "^infra/generated/aurora-db/terraform/main.tf:1: error: .*\[check.changed\]$" "$work/out"
git -C "$repo" checkout -q -- infra/generated && git -C "$repo" reset -q
git -C "$repo" rm -q db/other.yaml
hook 1 "check-all: a deleted manifest's artifacts fail" -- pre-commit run
check "the orphaned folder is named" \
  grep -q "error: infra/generated/paas-postgres holds 8 files aurora-gen generated .*\[check.orphaned\]$" "$work/out"
check "the command that removes them is printed" \
  grep -q "hint: if the manifest is gone, delete them: rm infra/generated/paas-postgres/cloudformation/template.yaml " "$work/out"
check "--check deleted nothing" test -s "$repo/infra/generated/paas-postgres/terraform/main.tf"

finish
