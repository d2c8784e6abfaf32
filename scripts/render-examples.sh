#!/usr/bin/env bash
# The main job in one command: install what is missing, build, and render every example
# manifest to CloudFormation, Terraform and Pulumi under out/ (or the directory given).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/out}
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
"${BUILD_DIR:-$root/build}/aurora-gen" render --target all --out-dir "$out" "$root"/examples/*.yaml
echo "rendered $(ls "$root"/examples/*.yaml | wc -l) examples into $out"
