#!/usr/bin/env bash
# Regenerates golden/ from examples/ with the current build. Review the result as a diff
# (git diff golden/) and commit it with the change that caused it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
rm -rf "$root/golden"
cd "$root"
bin=${BUILD_DIR:-$root/build}/aurora-gen
"$bin" render --target all --out-dir golden examples/*.yaml
# The plans of tests/plan/*.yaml in every format.
"$root/tests/plan_golden.sh" "$bin" "$root" --update
git -C "$root" status --short golden | head -20
