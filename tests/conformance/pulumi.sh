#!/bin/sh
# Conformance: every golden Pulumi YAML program must validate against the @pulumi/aws (and
# @pulumi/std) schemas.
#   tests/conformance/pulumi.sh GOLDEN_DIR       (e.g. golden/)
# Checks GOLDEN_DIR/*/pulumi (each holding Pulumi.yaml) with tools/pulumi/check.mjs.
# Exit 0: all clean; 1: a program has errors (or none were found); 2: setup problem.
set -u
[ $# -eq 1 ] || { echo "usage: $0 GOLDEN_DIR" >&2; exit 2; }
golden=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tools="$root/tools/pulumi"
command -v node >/dev/null 2>&1 || { echo "pulumi.sh: node not found" >&2; exit 2; }
[ -d "$tools/node_modules/yaml" ] || { echo "pulumi.sh: run 'npm ci' in $tools first" >&2; exit 2; }
[ -d "$golden" ] || { echo "pulumi.sh: no such directory: $golden" >&2; exit 2; }

total=0 failed=0
for dir in "$golden"/*/pulumi; do
  [ -d "$dir" ] || continue
  total=$((total + 1))
  if node "$tools/check.mjs" --quiet --schema "$tools/pulumi-aws-schema.json" --schema "$tools/pulumi-std-schema.json" "$dir"; then
    echo "ok   $dir"
  else
    rc=$?
    [ $rc -eq 2 ] && { echo "pulumi.sh: setup problem checking $dir" >&2; exit 2; }
    failed=$((failed + 1))
    echo "FAIL $dir"
  fi
done
echo "pulumi conformance: $total program(s), $((total - failed)) passed, $failed failed"
if [ $total -eq 0 ]; then echo "pulumi.sh: no $golden/*/pulumi directories found" >&2; exit 1; fi
[ $failed -eq 0 ]
