#!/bin/sh
# Self-test of the Terraform conformance tools on tools/terraform/testdata:
#   good-*  tfcheck clean and hclfmt-clean; conformance script passes on them
#   bad-*   tfcheck exits 1 and prints exactly the "# expect: " lines at the top of main.tf
#   fmt-*   tfcheck clean, but the conformance script fails on formatting
# usage: tools/terraform/selftest.sh TOOLS_DIR
set -u
[ $# -eq 1 ] || { echo "usage: $0 TOOLS_DIR" >&2; exit 2; }
tools=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
conf="$here/../../tests/conformance/terraform.sh"
schema="$here/aws-provider-schema.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$here/testdata" || exit 2
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

for d in bad-*/; do
  d=${d%/}
  grep '^# expect: ' "$d/main.tf" | sed "s|^# expect: |$d/|" >"$tmp/want"
  "$tools/tfcheck" -schema "$schema" "$d" >"$tmp/got" 2>/dev/null
  rc=$?
  if [ $rc -ne 1 ]; then ko "$d: exit $rc, want 1"; cat "$tmp/got"; continue; fi
  if [ ! -s "$tmp/want" ]; then ko "$d: no '# expect:' lines"; continue; fi
  if ! diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then ko "$d: unexpected diagnostics"; cat "$tmp/diff"; continue; fi
  ok
done

for d in good-*/ fmt-*/; do
  d=${d%/}
  "$tools/tfcheck" -schema "$schema" "$d" >"$tmp/got" 2>&1
  rc=$?
  if [ $rc -ne 0 ] || [ -s "$tmp/got" ]; then ko "$d: tfcheck exit $rc, want 0 and no output"; cat "$tmp/got"; else ok; fi
done

# The conformance script: passes on the good modules, fails on formatting.
mkdir -p "$tmp/golden"
for d in good-*/; do cp -R "$d" "$tmp/golden/"; done
if "$conf" "$tools" "$tmp/golden" >"$tmp/out" 2>&1; then ok; else ko "terraform.sh on good-*"; cat "$tmp/out"; fi
for d in fmt-*/; do
  rm -rf "$tmp/golden" && mkdir -p "$tmp/golden" && cp -R "$d" "$tmp/golden/"
  if "$conf" "$tools" "$tmp/golden" >"$tmp/out" 2>&1; then
    ko "terraform.sh accepted unformatted $d"
  elif grep -q 'not in canonical format' "$tmp/out"; then ok
  else ko "terraform.sh on $d failed for the wrong reason"; cat "$tmp/out"; fi
done
# Usage errors exit 2.
"$tools/tfcheck" >/dev/null 2>&1; [ $? -eq 2 ] && ok || ko "tfcheck without arguments must exit 2"

echo "terraform tools selftest: $pass passed, $fail failed"
[ $fail -eq 0 ]
