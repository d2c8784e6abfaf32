#!/usr/bin/env bash
# Runs cfn-lint (AWS's CloudFormation linter) over every golden template. Fails on any
# error or warning; see tests/CMakeLists.txt for the two ignored engine-version warnings.
set -euo pipefail
golden=${1:?usage: cloudformation.sh GOLDEN_DIR}
command -v cfn-lint >/dev/null || { echo "cfn-lint is not installed" >&2; exit 2; }
mapfile -t templates < <(find "$golden" -path '*/cloudformation/*.yaml' | sort)
[ ${#templates[@]} -gt 0 ] || { echo "no templates under $golden" >&2; exit 1; }
cfn-lint --format parseable --ignore-checks W3690 W3691 -- "${templates[@]}"
echo "cfn-lint: ${#templates[@]} templates clean"
