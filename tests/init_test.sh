#!/usr/bin/env bash
# aurora-gen init: every combination of kind, engine, --serverless and --create-vpc writes a
# manifest that validates and renders to every target with no error and no warning; with
# every commented-out option uncommented it still does, with only the warnings listed below.
# usage: init_test.sh AURORA_GEN
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: init_test.sh AURORA_GEN}

# "# key: value" lines are options (src/starter_manifest.h): remove the "# ".
option='^( *)# ( *[a-z_]+:( .*)?)$'
uncomment() { sed -E "s/$option/\\1\\2/" "$1"; }

# Renders a manifest to every target; no diagnostics at all unless $3 lists the rule ids
# allowed (each must then appear).
renders_clean() {  # renders_clean WHAT MANIFEST [RULE...]
  local what=$1 manifest=$2
  shift 2
  if ! "$bin" render --target all --out-dir "$work/out" "$manifest" 2>"$work/stderr"; then
    fail "$what: render failed"; sed 's/^/  /' "$work/stderr" | head -5; return
  fi
  local got want
  got=$(sed -nE 's/.*: (warning|error): .*\[([a-z0-9.-]+)\]$/\2/p' "$work/stderr" | sort -u)
  want=$(printf '%s\n' "$@" | sed '/^$/d' | sort -u)
  if [ "$got" != "$want" ]; then
    fail "$what: diagnostics [$got], expected [$want]"; sed 's/^/  /' "$work/stderr" | head -5
  else
    passes=$((passes + 1))
  fi
}

# What enabling every option at once may warn about: nothing (an option CloudFormation
# cannot express, such as maintenance.allow_major_version_upgrade, would warn
# render.dropped, so the starter leaves it to the prose).
uncommented_warnings=()

combos=()
for engine in aurora-postgresql aurora-mysql; do
  for serverless in "" --serverless; do
    for vpc in "" --create-vpc; do combos+=("--engine $engine $serverless $vpc"); done
  done
done
for engine in postgres mysql mariadb; do
  for vpc in "" --create-vpc; do combos+=("--engine $engine $vpc"); done
done

n=0
for combo in "${combos[@]}"; do
  n=$((n + 1))
  file=$work/starter-$n.yaml
  # shellcheck disable=SC2086 # combo is a list of options
  if ! "$bin" init $combo --name "starter-$n" -o "$file" 2>"$work/stderr"; then
    fail "init $combo"; sed 's/^/  /' "$work/stderr"; continue
  fi
  grep -q "wrote $file" "$work/stderr" || fail "init $combo: no 'wrote' line"
  renders_clean "init $combo" "$file"
  uncomment "$file" >"$work/all-$n.yaml"
  options=$(grep -cE "$option" "$file")
  [ "$options" -ge 25 ] || fail "init $combo: only $options commented-out options"
  grep -qE "$option" "$work/all-$n.yaml" && fail "init $combo: an option stayed commented"
  renders_clean "init $combo, every option uncommented" "$work/all-$n.yaml" "${uncommented_warnings[@]}"
done
[ "$n" -eq 14 ] || fail "expected 14 combinations, ran $n"

# The kind follows from the engine, the engine from the kind; what does not fit is refused.
"$bin" init --kind RdsInstance -o - >"$work/rds.yaml" 2>/dev/null
grep -q "^  engine: postgres$" "$work/rds.yaml" || fail "RdsInstance defaults to postgres"
"$bin" init --engine mariadb -o - >"$work/maria.yaml" 2>/dev/null
grep -q "^kind: RdsInstance$" "$work/maria.yaml" || fail "mariadb makes an RdsInstance"
"$bin" init --region eu-west-1 --create-vpc -o - >"$work/euw1.yaml" 2>/dev/null
grep -q "availability_zones: \[eu-west-1a, eu-west-1b, eu-west-1c\]" "$work/euw1.yaml" ||
  fail "--region sets the zones"
grep -q "^  region: eu-west-1$" "$work/euw1.yaml" || fail "--region pins metadata.region"

finish
