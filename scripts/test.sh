#!/usr/bin/env bash
# Everything the tests need, then every test: install what is missing, build with warnings
# as errors, and run the whole CTest suite (unit, golden, conformance, bad-input, CLI, plan).
# Extra arguments go to CMake's configure step; CTEST_ARGS (e.g. "-LE slow") to ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --with-test-tools
"$root/scripts/build.sh" -DAG_WERROR=ON "$@"
# shellcheck disable=SC2086 # CTEST_ARGS is a list of options
ctest --test-dir "${BUILD_DIR:-$root/build}" --output-on-failure -j "$(nproc)" ${CTEST_ARGS:-}
