#!/usr/bin/env bash
# One case of the bad-input corpus. The manifest's first line says what must happen:
#   # expect: RULE-ID LINE:COL           an error: `validate` exits 1 and reports it there,
#                                        and `render` exits 1 and writes nothing
#   # expect-warning: RULE-ID LINE:COL   a warning: `validate` exits 0 and reports it
#                                        there (`validate --strict` exits 1), and
#                                        `render` still writes the artifacts
# A comment line `# expect-hint: TEXT` also wants TEXT in the hint of that diagnostic.
set -uo pipefail
# The day engine.end-of-support compares with, as in tests/CMakeLists.txt (2026-11-27).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795737600}
bin=${1:?usage: bad_input.sh AURORA_GEN MANIFEST}
manifest=${2:?usage: bad_input.sh AURORA_GEN MANIFEST}
read -r _ kind rule position < <(head -n 1 "$manifest")
[ -n "${rule:-}" ] && [ -n "${position:-}" ] ||
  { echo "no '# expect: RULE LINE:COL' or '# expect-warning: ...' line" >&2; exit 2; }
case $kind in
  expect:) severity=error want=1 ;;
  expect-warning:) severity=warning want=0 ;;
  *) echo "unknown expectation '$kind'" >&2; exit 2 ;;
esac

out=$("$bin" validate "$manifest" 2>&1)
code=$?
echo "$out"
[ $code -eq $want ] || { echo "FAIL: exit code $code, expected $want" >&2; exit 1; }
grep -F "$manifest:$position: $severity: " <<<"$out" | grep -qF "[$rule]" ||
  { echo "FAIL: expected $severity $rule at $manifest:$position" >&2; exit 1; }

if [ $want -eq 0 ]; then
  "$bin" validate --strict "$manifest" >/dev/null 2>&1
  code=$?
  [ $code -eq 1 ] || { echo "FAIL: validate --strict exit code $code, expected 1" >&2; exit 1; }
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" render --target all --out-dir "$dir/out" "$manifest" >/dev/null 2>&1
code=$?
[ $code -eq $want ] || { echo "FAIL: render exit code $code, expected $want" >&2; exit 1; }
if [ $want -eq 1 ]; then
  [ ! -e "$dir/out" ] || { echo "FAIL: render wrote $dir/out for an invalid manifest" >&2; exit 1; }
else
  [ -n "$(ls -A "$dir/out" 2>/dev/null)" ] || { echo "FAIL: render wrote nothing" >&2; exit 1; }
fi
hint=$(sed -n "s/^# expect-hint: //p" "$manifest" | head -n 1)
if [ -n "$hint" ]; then
  grep -A3 -F "$manifest:$position: $severity: " <<<"$out" | grep -qF "  hint: $hint" ||
    { echo "FAIL: expected the hint '$hint'" >&2; exit 1; }
fi
echo "ok: $severity $rule at $position${hint:+, hint: $hint}"
