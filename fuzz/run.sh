#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for SECONDS (default 600): the front end and
# the YAML emitter side by side, then the HCL writer (at most two fuzzers at a time).
#   fuzz/run.sh [SECONDS] [TARGET...]     TARGET: frontend yaml_emitter hcl_writer
# Environment: BUILD_DIR (default build-fuzz), CXX (default clang++-14), FUZZ_JOBS (fuzzers
# run at once, default 2), FUZZ_STOP_AT_FIRST=1 to stop at the first finding instead of
# keeping on fuzzing (fork mode, which records every finding and carries on).
# Findings (crash-*, leak-*, timeout-*, oom-*) go to fuzz/findings/<target>/; logs and the
# growing corpora go to fuzz/findings/ and fuzz/corpus/ (both git-ignored).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/fuzz"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(frontend yaml_emitter hcl_writer)
build=${BUILD_DIR:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-2}

if [ ! -f "$build/build.ninja" ]; then
  CC=${CC:-clang-14} CXX=${CXX:-clang++-14} \
    cmake -S "$root" -B "$build" -G Ninja -DAG_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" --target fuzz_frontend fuzz_yaml_emitter fuzz_hcl_writer aurora-gen

# Seeds, copied at run time so that git holds each input once. A corpus directory keeps what
# earlier runs found.
mkdir -p "$fuzz/corpus/frontend" "$fuzz/corpus/yaml_emitter" "$fuzz/corpus/hcl_writer"
cp "$root"/examples/*.yaml "$root"/tests/bad/*.yaml "$fuzz/corpus/frontend/"
if compgen -G "$root/tests/fuzz_regressions/*.yaml" >/dev/null; then
  cp "$root"/tests/fuzz_regressions/*.yaml "$fuzz/corpus/frontend/"
fi
for target in yaml_emitter hcl_writer; do
  # The tree builders read bytes through FuzzedDataProvider: any bytes are a tree.
  printf 'seed' >"$fuzz/corpus/$target/seed-text"
  printf '\x07\x01\x04\x02\x05\x03\x08\x00\x09\x06\x01\x02\x03' >"$fuzz/corpus/$target/seed-kinds"
  head -c 256 "$root/examples/minimal.yaml" >"$fuzz/corpus/$target/seed-yaml"
done

run_one() {  # target
  local target=$1 out="$fuzz/findings/$1"
  mkdir -p "$out"
  local args=(-max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$out/")
  case $target in
    frontend) args+=(-max_len=65536 -dict="$fuzz/manifest.dict") ;;
    *) args+=(-max_len=4096) ;;
  esac
  [ "${FUZZ_STOP_AT_FIRST:-0}" = 1 ] ||
    args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  (cd "$out" && "$build/fuzz/fuzz_$target" "${args[@]}" "$fuzz/corpus/$target") \
    >"$fuzz/findings/$target.log" 2>&1 || true
}

summary() {  # target
  local target=$1 log="$fuzz/findings/$1.log"
  local last execs rate findings
  last=$(grep -E '^#[0-9]+' "$log" | grep -E 'cov: ' | tail -n 1 || true)
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || true)
  findings=$(find "$fuzz/findings/$target" -type f \( -name 'crash-*' -o -name 'leak-*' \
              -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
  printf '%-13s %ss  last: %s\n' "$target" "$seconds" "${last:-?}"
  [ -z "$execs" ] || printf '%-13s executions %s, %s/s\n' "" "$execs" "$rate"
  printf '%-13s findings: %s (in fuzz/findings/%s/, log fuzz/findings/%s.log)\n' "" \
    "$findings" "$target" "$target"
}

# At most $jobs fuzzers at a time, in the order given.
pending=("${targets[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  batch=("${pending[@]:0:$jobs}")
  pending=("${pending[@]:$jobs}")
  for t in "${batch[@]}"; do
    echo "fuzzing $t for ${seconds}s ..."
    run_one "$t" &
  done
  wait
done

echo
echo "== summary =="
total=0
for t in "${targets[@]}"; do
  summary "$t"
  total=$((total + $(find "$fuzz/findings/$t" -type f \( -name 'crash-*' -o -name 'leak-*' \
            -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)))
done
[ "$total" -eq 0 ] || { echo "$total finding(s): see fuzz/README.md, 'Findings'"; exit 1; }
