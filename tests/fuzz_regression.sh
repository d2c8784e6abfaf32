#!/usr/bin/env bash
# One fuzzer finding, kept as a regression: validate and render must end with a verdict
# (exit 0 or 1), never an internal error (2), a crash or a hang (CTest's timeout).
set -uo pipefail
bin=${1:?usage: fuzz_regression.sh AURORA_GEN MANIFEST}
manifest=${2:?usage: fuzz_regression.sh AURORA_GEN MANIFEST}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for cmd in "validate" "render --target all --out-dir $out"; do
  # shellcheck disable=SC2086
  "$bin" $cmd "$manifest" >/dev/null 2>"$out.err"
  code=$?
  if [ $code -gt 1 ]; then
    echo "FAIL: aurora-gen $cmd exited $code"; head -5 "$out.err"; rm -f "$out.err"; exit 1
  fi
done
rm -f "$out.err"
echo "ok: $(basename "$manifest")"
