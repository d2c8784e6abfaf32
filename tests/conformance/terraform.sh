#!/bin/sh
# Terraform conformance of golden modules: every directory under GOLDEN_DIR holding *.tf is a
# root module. Each file must be left byte-identical by HashiCorp's hclfmt, and the module
# must pass tfcheck against tools/terraform/aws-provider-schema.json.
# usage: tests/conformance/terraform.sh TOOLS_DIR GOLDEN_DIR   (TOOLS_DIR from tools/terraform/build.sh)
set -u
[ $# -eq 2 ] || { echo "usage: $0 TOOLS_DIR GOLDEN_DIR" >&2; exit 2; }
tools=$1 golden=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
schema="$root/tools/terraform/aws-provider-schema.json"
for t in hclfmt tfcheck; do
  [ -x "$tools/$t" ] || { echo "missing $tools/$t (run tools/terraform/build.sh $tools)" >&2; exit 2; }
done
[ -d "$golden" ] || { echo "no such directory: $golden" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find "$golden" -type f -name '*.tf' | sed 's|/[^/]*$||' | LC_ALL=C sort -u >"$tmp/dirs"
modules=0 files=0 failed=0
while IFS= read -r dir; do
  modules=$((modules + 1))
  bad=0
  for f in "$dir"/*.tf; do
    files=$((files + 1))
    if ! "$tools/hclfmt" "$f" >"$tmp/fmt" 2>"$tmp/err"; then
      echo "$f: error: hclfmt failed:"; cat "$tmp/err"; bad=1
    elif ! cmp -s "$f" "$tmp/fmt"; then
      echo "$f: error: not in canonical format (hclfmt would change it):"
      diff -u "$f" "$tmp/fmt" | sed '1,2d'
      bad=1
    fi
  done
  "$tools/tfcheck" -schema "$schema" "$dir" || bad=1
  if [ $bad -ne 0 ]; then failed=$((failed + 1)); echo "FAIL $dir"; else echo "ok   $dir"; fi
done <"$tmp/dirs"
echo "terraform conformance: $modules module(s), $files file(s), $failed failed"
[ $modules -gt 0 ] || { echo "no *.tf found under $golden" >&2; exit 1; }
[ $failed -eq 0 ]
