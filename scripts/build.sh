#!/usr/bin/env bash
# Configures and builds aurora-gen into build/ (or $BUILD_DIR). Extra arguments go to CMake's
# configure step, e.g. -DAG_WERROR=ON or -DAG_SANITIZE=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
cmake --build "$build"
