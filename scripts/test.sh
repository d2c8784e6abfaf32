#!/usr/bin/env bash
# Everything the tests need, then every test: install what is missing, build with warnings
# as errors, and run the whole CTest suite (unit, golden, conformance, bad-input, CLI).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --with-test-tools
"$root/scripts/build.sh" -DAG_WERROR=ON "$@"
ctest --test-dir "${BUILD_DIR:-$root/build}" --output-on-failure -j "$(nproc)"
