#!/bin/sh
# Self-test of check.mjs: testdata/good must pass; every testdata/bad-*/Pulumi.yaml must
# fail (exit 1) and print the line in its `expect` file ("LINE:COL: error: message").
#   tools/pulumi/selftest.sh          (needs `npm ci` in tools/pulumi)
set -u
here=$(cd "$(dirname "$0")" && pwd)
check() { node "$here/check.mjs" --quiet --schema "$here/pulumi-aws-schema.json" --schema "$here/pulumi-std-schema.json" "$@"; }
[ -d "$here/node_modules/yaml" ] || { echo "selftest: run 'npm ci' in $here first" >&2; exit 2; }
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

out=$(check "$here/testdata/good" 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -z "$out" ]; then ok; else ko "good: rc=$rc"; printf '%s\n' "$out"; fi

for d in "$here"/testdata/bad-*/; do
  d=${d%/}; name=${d##*/}
  expect=$(cat "$d/expect")
  out=$(check "$d" 2>&1); rc=$?
  if [ $rc -ne 1 ]; then ko "$name: exit $rc, expected 1"; printf '%s\n' "$out"; continue; fi
  if printf '%s\n' "$out" | grep -qF -- "$d/Pulumi.yaml:$expect"; then ok
  else ko "$name: expected '$expect', got:"; printf '%s\n' "$out"; fi
done

# usage errors exit 2
check >/dev/null 2>&1; rc=$?
if [ $rc -eq 2 ]; then ok; else ko "no arguments: exit $rc, expected 2"; fi
check "$here/testdata/no-such-dir" >/dev/null 2>&1; rc=$?
if [ $rc -eq 2 ]; then ok; else ko "missing input: exit $rc, expected 2"; fi

echo "selftest: $pass passed, $fail failed"
[ $fail -eq 0 ]
