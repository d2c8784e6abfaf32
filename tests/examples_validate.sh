#!/usr/bin/env bash
# Every example validates: no errors, and exactly the warnings listed in
# tests/examples-warnings.txt (a contract manifest may deliberately show one), each with the
# scanner rule ids it names (SARIF tags), in order.
# usage: examples_validate.sh AURORA_GEN REPO_ROOT
set -uo pipefail
bin=${1:?usage: examples_validate.sh AURORA_GEN REPO_ROOT}
root=${2:?usage: examples_validate.sh AURORA_GEN REPO_ROOT}
cd "$root" || exit 2
out=$("$bin" validate --format json examples/*.yaml 2>&1)
code=$?
[ $code -eq 0 ] || { echo "$out"; echo "FAIL: validate exited $code" >&2; exit 1; }
got=$(python3 -c '
import json, os, sys
for d in json.load(sys.stdin)["diagnostics"]:
    tags = [t for t in d.get("tags", []) if t not in ("security", "policy")]
    print(" ".join([os.path.basename(d["file"]), d["severity"], d["rule"]] + tags))
' <<<"$out" | sort)
echo "$got"
want=$(grep -v '^#' tests/examples-warnings.txt | sed '/^$/d' | sed -E 's/^([^ ]+) /\1 warning /' | sort)
if [ "$got" != "$want" ]; then
  echo "FAIL: warnings differ from tests/examples-warnings.txt" >&2
  diff <(echo "$want") <(echo "$got") >&2
  exit 1
fi
echo "ok: $(ls examples/*.yaml | wc -l) examples, $(grep -c . <<<"$got") expected warning(s)"
