#!/bin/sh
# Regenerates tools/pulumi/pulumi-aws-schema.json and pulumi-std-schema.json from the published
# @pulumi/aws and @pulumi/std npm packages.
#   tools/pulumi/refresh-schema.sh [AWS_VERSION [STD_VERSION]]   (default: the pins below)
# Needs network access to the npm registry and `npm ci` done in tools/pulumi.
set -eu
PULUMI_AWS_VERSION="${1:-7.48.0}"
PULUMI_STD_VERSION="${2:-2.3.2}"
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/node_modules/typescript" ] || { echo "refresh-schema: run 'npm ci' in $here first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# extract PACKAGE VERSION: npm pack @pulumi/PACKAGE@VERSION, then the schema of its tokens.
extract() {
  mkdir "$tmp/$1"
  (cd "$tmp/$1" && npm pack --silent "@pulumi/$1@$2" >/dev/null)
  tar -xzf "$tmp/$1"/pulumi-"$1"-*.tgz -C "$tmp/$1"
  node "$here/extract-schema.mjs" "$tmp/$1/package" "$here/types.txt" > "$tmp/$1/schema.json"
  mv "$tmp/$1/schema.json" "$here/pulumi-$1-schema.json"
  echo "refresh-schema: wrote $here/pulumi-$1-schema.json (@pulumi/$1 $2)"
}
extract aws "$PULUMI_AWS_VERSION"
extract std "$PULUMI_STD_VERSION"
