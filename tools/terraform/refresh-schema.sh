#!/bin/sh
# Regenerate aws-provider-schema.json from the pinned @cdktn/provider-aws npm package.
# usage: tools/terraform/refresh-schema.sh [PACKAGE_VERSION]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-25.7.0}   # @cdktn/provider-aws 25.7.0 = hashicorp/aws 6.66.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@cdktn/provider-aws@$version" >/dev/null)
tar -xzf "$tmp"/cdktn-provider-aws-"$version".tgz -C "$tmp"
node "$here/extract-schema.mjs" "$tmp/package" "$here/types.txt" >"$tmp/schema.json"
mv "$tmp/schema.json" "$here/aws-provider-schema.json"
echo "wrote $here/aws-provider-schema.json ($(grep -m1 provider_version "$here/aws-provider-schema.json" | tr -d ' ,'))"
