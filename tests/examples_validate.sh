#!/usr/bin/env bash
# Every example validates: no errors, and exactly the warnings listed in
# tests/examples-warnings.txt (a contract manifest may deliberately show one).
# usage: examples_validate.sh AURORA_GEN REPO_ROOT
set -uo pipefail
bin=${1:?usage: examples_validate.sh AURORA_GEN REPO_ROOT}
root=${2:?usage: examples_validate.sh AURORA_GEN REPO_ROOT}
cd "$root" || exit 2
out=$("$bin" validate examples/*.yaml 2>&1)
code=$?
echo "$out"
[ $code -eq 0 ] || { echo "FAIL: validate exited $code" >&2; exit 1; }
got=$(grep -E '^[^ ].*: (warning|error): ' <<<"$out" |
      sed -E 's/^examples\/([^:]+):.*\[([a-z0-9.-]+)\]$/\1 \2/' | sort)
want=$(grep -v '^#' tests/examples-warnings.txt | sed '/^$/d' | sort)
if [ "$got" != "$want" ]; then
  echo "FAIL: warnings differ from tests/examples-warnings.txt" >&2
  diff <(echo "$want") <(echo "$got") >&2
  exit 1
fi
echo "ok: $(ls examples/*.yaml | wc -l) examples, $(grep -c . <<<"$got") expected warning(s)"
