#!/usr/bin/env bash
# One case of the bad-input corpus. The manifest's first line says what must happen:
#   # expect: RULE-ID LINE:COL
# `aurora-gen validate` must exit 1 and report that rule at that position, and
# `aurora-gen render` must write nothing.
set -uo pipefail
bin=${1:?usage: bad_input.sh AURORA_GEN MANIFEST}
manifest=${2:?usage: bad_input.sh AURORA_GEN MANIFEST}
read -r _ _ rule position < <(head -n 1 "$manifest")
[ -n "${rule:-}" ] && [ -n "${position:-}" ] || { echo "no '# expect: RULE LINE:COL' line" >&2; exit 2; }

out=$("$bin" validate "$manifest" 2>&1)
code=$?
echo "$out"
[ $code -eq 1 ] || { echo "FAIL: exit code $code, expected 1" >&2; exit 1; }
grep -qF "$manifest:$position: error: " <<<"$out" && grep -qF "[$rule]" <<<"$out" ||
  { echo "FAIL: expected $rule at $manifest:$position" >&2; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" render --target all --out-dir "$dir/out" "$manifest" >/dev/null 2>&1
code=$?
[ $code -eq 1 ] || { echo "FAIL: render exit code $code, expected 1" >&2; exit 1; }
[ ! -e "$dir/out" ] || { echo "FAIL: render wrote $dir/out for an invalid manifest" >&2; exit 1; }
echo "ok: $rule at $position"
