#!/usr/bin/env bash
# Measures aurora-gen as users run it: per-stage times in process, then whole-process
# wall time and peak memory for a pre-commit style call over every example.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake --build "$build" --target bench >/dev/null
cd "$root"
echo "== per stage, median of 200 runs (microseconds)"
"$build/bench/pipeline_bench" examples/*.yaml | column -t
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== whole process, 20 calls each"
for args in "validate examples/minimal.yaml" "validate examples/*.yaml" \
            "render --target all --out-dir $out examples/*.yaml"; do
  start=$(date +%s%N)
  for _ in $(seq 20); do eval "$build/aurora-gen $args" >/dev/null; done
  end=$(date +%s%N)
  printf '%-60s %6.2f ms per call\n' "aurora-gen ${args/$out/OUT}" "$(echo "($end - $start) / 20000000" | bc -l)"
done
echo "== peak memory (max RSS) of one render of every example"
/usr/bin/time -f "%M KiB" "$build/aurora-gen" render --target all --out-dir "$out" examples/*.yaml
