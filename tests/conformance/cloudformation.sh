#!/usr/bin/env bash
# Runs cfn-lint (AWS's CloudFormation linter) over every golden template and fails on any
# error or warning (deprecated engine versions, W3690/W3691, included). Resource types newer
# than cfn-lint's bundled schemas are known through tools/cloudformation/registry, and their
# properties, which cfn-lint then skips, are checked by tools/cloudformation/check-registry-types.
set -euo pipefail
golden=${1:?usage: cloudformation.sh GOLDEN_DIR}
command -v cfn-lint >/dev/null || { echo "cfn-lint is not installed" >&2; exit 2; }
tools=$(cd "$(dirname "$0")/../../tools/cloudformation" && pwd)
mapfile -t templates < <(find "$golden" -path '*/cloudformation/*.yaml' | sort)
[ ${#templates[@]} -gt 0 ] || { echo "no templates under $golden" >&2; exit 1; }
cfn-lint --format parseable --registry-schemas "$tools/registry" -- "${templates[@]}"
"$tools/check-registry-types" "${templates[@]}"
echo "cfn-lint: ${#templates[@]} templates clean"
