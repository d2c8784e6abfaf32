#!/bin/sh
# Regenerates tools/pulumi/pulumi-aws-schema.json from the published @pulumi/aws npm package.
#   tools/pulumi/refresh-schema.sh [VERSION]     (default: the pinned version below)
# Needs network access to the npm registry and `npm ci` done in tools/pulumi.
set -eu
PULUMI_AWS_VERSION="${1:-7.48.0}"
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/node_modules/typescript" ] || { echo "refresh-schema: run 'npm ci' in $here first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@pulumi/aws@$PULUMI_AWS_VERSION" >/dev/null)
tar -xzf "$tmp"/pulumi-aws-*.tgz -C "$tmp"
node "$here/extract-schema.mjs" "$tmp/package" "$here/types.txt" > "$tmp/schema.json"
mv "$tmp/schema.json" "$here/pulumi-aws-schema.json"
echo "refresh-schema: wrote $here/pulumi-aws-schema.json (@pulumi/aws $PULUMI_AWS_VERSION)"
