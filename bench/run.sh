#!/usr/bin/env bash
# Measures aurora-gen as users run it: per-stage times in process (pipeline_bench), then
# the report table of bench/README.md (report.py: start-up, throughput beside a Python +
# Jinja2 script, --check, peak memory). Arguments go to report.py (--baseline BIN, --quick).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake --build "$build" --target bench >/dev/null
cd "$root"
echo "== per stage, median of 200 runs (microseconds)"
"$build/bench/pipeline_bench" examples/*.yaml | column -t
echo
python3 "$root/bench/report.py" --bin "$build/aurora-gen" --empty "$build/bench/empty_program" \
  --peak-rss "$build/bench/peak_rss" "$@"
