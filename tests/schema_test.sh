#!/usr/bin/env bash
# aurora-gen schema: what it prints is the schema the validator embeds
# (schemas/manifest.schema.json; tests/cli_test.sh shows that an override reaches both), and
# a second validator, Ajv with ajv-formats (tools/checkers/schema-check.mjs), reading the
# YAML with the `yaml` package rather than aurora-gen, accepts every example against it and
# refuses manifests the schema refuses.
# usage: schema_test.sh AURORA_GEN SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: schema_test.sh AURORA_GEN SOURCE_DIR}
src=${2:?usage: schema_test.sh AURORA_GEN SOURCE_DIR}
need_checkers "$src"
check=$src/tools/checkers/schema-check.mjs

"$bin" schema >"$work/schema.json" || fail "aurora-gen schema exited $?"
cmp -s "$work/schema.json" "$src/schemas/manifest.schema.json" && pass ||
  fail "the printed schema differs from schemas/manifest.schema.json"

if node "$check" "$work/schema.json" "$src"/examples/*.yaml >"$work/out" 2>&1; then pass; else
  fail "Ajv refuses an example:"; sed 's/^/  /' "$work/out" | head -20
fi
grep -q "^$(ls "$src"/examples/*.yaml | wc -l) valid, 0 invalid$" "$work/out" && pass ||
  fail "Ajv did not read every example"

# What the schema refuses, Ajv refuses too: each of these fails aurora-gen's schema stage.
good=$src/examples/minimal.yaml
sed 's/engine: aurora-postgresql/engine: aurora-postgres/' "$good" >"$work/enum.yaml"
sed 's/  name: paas-postgres/  name: Paas_Postgres/' "$good" >"$work/pattern.yaml"
sed 's/^spec:/spec:\n  unknown_field: 1/' "$good" >"$work/additional.yaml"
sed 's/      count: 1/      count: 16/' "$good" >"$work/maximum.yaml"
for bad in enum pattern additional maximum; do
  "$bin" validate "$work/$bad.yaml" 2>"$work/ours"
  grep -q "\[schema\." "$work/ours" || { fail "$bad: aurora-gen's schema stage accepts it"; continue; }
  node "$check" "$work/schema.json" "$work/$bad.yaml" >"$work/out" 2>&1
  [ $? -eq 1 ] && grep -q "$bad.yaml: error: /" "$work/out" && pass || fail "$bad: Ajv accepts it"
done

finish
