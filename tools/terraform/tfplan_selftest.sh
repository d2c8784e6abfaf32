#!/bin/sh
# Self-test of tools/terraform/tfplan on tools/terraform/testdata:
#   plan-*/before, plan-*/after   `tfplan edit` prints exactly plan-*/expect.txt (text) or
#                                 plan-*/expect.json (--json); both modules validate clean
#   plan-refused                  a data source without an offline stand-in: exit 2, no plan
#   validate-bad                  errors only the provider finds: expect.txt; with
#                                 allow-list.txt, the 6.x-only argument is a note and the
#                                 provider's checks still run: expect-allowed.txt
# Exit 77 (CTest's skip) when terraform or the provider mirror is missing. ~2 min.
# usage: tools/terraform/tfplan_selftest.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
tfplan="$here/tfplan"
command -v terraform >/dev/null 2>&1 || { echo "terraform is not on PATH: skipping"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# tfplan's scratch directories go here, so that the end can check that none is left.
mkdir "$tmp/scratch" && export TMPDIR="$tmp/scratch"
cd "$here/testdata" || exit 2
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# Usage errors exit 2; a missing mirror (or terraform) is a skip, 77.
"$tfplan" >/dev/null 2>&1; [ $? -eq 2 ] && ok || ko "no arguments must exit 2"
"$tfplan" edit plan-update/before >/dev/null 2>&1; [ $? -eq 2 ] && ok || ko "edit with one DIR must exit 2"
AG_TF_MIRROR=$tmp/none "$tfplan" validate plan-update/before >/dev/null 2>&1
[ $? -eq 77 ] && ok || ko "no provider mirror must exit 77"

# Every fixture module is valid, so the edits below start from valid modules.
"$tfplan" validate plan-*/before plan-*/after >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 77 ]; then cat "$tmp/err"; exit 77; fi
if [ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && grep -q ' 6 module(s), 0 invalid' "$tmp/err"; then ok
else ko "validate plan-*/before plan-*/after: exit $rc"; cat "$tmp/out" "$tmp/err"; fi
# The same module read back with and without the allow-list.
for mode in plain allowed; do
  if [ $mode = plain ]; then list=/dev/null want=validate-bad/expect.txt
  else list=validate-bad/allow-list.txt want=validate-bad/expect-allowed.txt; fi
  "$tfplan" validate --allow-list "$list" validate-bad >"$tmp/got" 2>/dev/null
  rc=$?
  if [ $rc -ne 1 ]; then ko "validate-bad ($mode): exit $rc, want 1"; cat "$tmp/got"
  elif ! diff -u "$want" "$tmp/got"; then ko "validate-bad ($mode): unexpected diagnostics"
  else ok; fi
done

for d in plan-*/; do
  d=${d%/}
  [ -d "$d/before" ] || continue
  if [ -f "$d/expect.json" ]; then want=$d/expect.json json=--json; else want=$d/expect.txt json=; fi
  start=$(date +%s)
  # shellcheck disable=SC2086
  "$tfplan" edit $json "$d/before" "$d/after" >"$tmp/got" 2>"$tmp/err"
  rc=$?
  echo "$d: ${json:-text} in $(($(date +%s) - start)) s"
  if [ $rc -ne 0 ]; then ko "$d: exit $rc, want 0"; cat "$tmp/err"
  elif ! diff -u "$want" "$tmp/got"; then ko "$d: unexpected plan"
  else ok; fi
done

"$tfplan" edit plan-refused plan-refused >"$tmp/got" 2>&1
rc=$?
if [ $rc -ne 2 ]; then ko "plan-refused: exit $rc, want 2"; cat "$tmp/got"
elif ! grep -q 'plan-refused/main.tf:2: data "aws_vpc" "this" cannot be read offline' "$tmp/got"
then ko "plan-refused: wrong message"; cat "$tmp/got"
else ok; fi

# Every run removed its scratch directory.
left=$(ls -A "$tmp/scratch")
[ -z "$left" ] && ok || ko "scratch directories left behind: $left"

echo "tfplan selftest: $pass passed, $fail failed"
[ $fail -eq 0 ]
