#!/bin/sh
# Build hclfmt (HashiCorp's formatter, from Debian's golang-github-hashicorp-hcl-v2-dev),
# tfcheck (tools/terraform/tfcheck) and hclvalues (tools/terraform/hclvalues) into OUTDIR,
# offline, with Debian's Go in GOPATH mode.
# usage: tools/terraform/build.sh OUTDIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
gopath="$out/gopath"
# tfcheck is linked into a private GOPATH entry as package aurora-gen/tfcheck.
mkdir -p "$gopath/src/aurora-gen"
ln -sfn "$here/tfcheck" "$gopath/src/aurora-gen/tfcheck"
export GO111MODULE=off GOFLAGS= GOPATH="$gopath:/usr/share/gocode" GOCACHE="$out/gocache" CGO_ENABLED=0
# go build is incremental through GOCACHE; skip the link step too when nothing changed.
newer() { # $1 binary, rest: sources
  bin=$1; shift
  [ -x "$bin" ] || return 0
  [ -n "$(find "$@" -newer "$bin" -name '*.go' 2>/dev/null | head -n 1)" ]
}
if newer "$out/hclfmt" /usr/share/gocode/src/github.com/hashicorp/hcl; then
  go build -trimpath -o "$out/hclfmt" github.com/hashicorp/hcl/v2/cmd/hclfmt
fi
if newer "$out/tfcheck" "$here/tfcheck/" /usr/share/gocode/src/github.com/hashicorp/hcl; then
  go build -trimpath -o "$out/tfcheck" aurora-gen/tfcheck
fi
# hclvalues (tools/terraform/hclvalues): the literal values of a .tf file as JSON, for the
# hostile-strings and parity read-back tests.
ln -sfn "$here/hclvalues" "$gopath/src/aurora-gen/hclvalues"
if newer "$out/hclvalues" "$here/hclvalues/" /usr/share/gocode/src/github.com/hashicorp/hcl; then
  go build -trimpath -o "$out/hclvalues" aurora-gen/hclvalues
fi
