#!/usr/bin/env bash
# One case of the bad-input corpus. The manifest's first line says what must happen:
#   # expect: RULE-ID LINE:COL
# `aurora-gen validate` must exit 1 and report that rule at that position, and
# `aurora-gen render` must write nothing. A warning rule says so after the position:
#   # expect: RULE-ID LINE:COL warning
# and then validate reports it and exits 0, and render succeeds.
set -uo pipefail
# The day engine.end-of-support compares with, as in tests/CMakeLists.txt (2026-11-27).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795737600}
bin=${1:?usage: bad_input.sh AURORA_GEN MANIFEST}
manifest=${2:?usage: bad_input.sh AURORA_GEN MANIFEST}
read -r _ _ rule position severity < <(head -n 1 "$manifest")
[ -n "${rule:-}" ] && [ -n "${position:-}" ] || { echo "no '# expect: RULE LINE:COL' line" >&2; exit 2; }
severity=${severity:-error}
[ "$severity" = error ] && want=1 || want=0

out=$("$bin" validate "$manifest" 2>&1)
code=$?
echo "$out"
[ $code -eq $want ] || { echo "FAIL: exit code $code, expected $want" >&2; exit 1; }
grep -F "$manifest:$position: $severity: " <<<"$out" | grep -qF "[$rule]" ||
  { echo "FAIL: expected $severity $rule at $manifest:$position" >&2; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" render --target all --out-dir "$dir/out" "$manifest" >/dev/null 2>&1
code=$?
[ $code -eq $want ] || { echo "FAIL: render exit code $code, expected $want" >&2; exit 1; }
if [ "$severity" = error ]; then
  [ ! -e "$dir/out" ] || { echo "FAIL: render wrote $dir/out for an invalid manifest" >&2; exit 1; }
fi
echo "ok: $severity $rule at $position"
