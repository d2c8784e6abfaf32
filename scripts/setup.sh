#!/usr/bin/env bash
# Installs what building and testing aurora-gen needs, only what is missing: Debian
# packages (apt-get), the Node packages of the conformance checkers (npm ci), and the Go
# tools built offline from Debian's HashiCorp HCL sources. Safe to run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(g++ cmake ninja-build pkg-config libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
          catch2 libvalijson-dev golang-go golang-github-hashicorp-hcl-v2-dev)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--with-test-tools" ]; then
  if [ ! -d "$root/tools/pulumi/node_modules" ] ||
     [ "$root/tools/pulumi/package-lock.json" -nt "$root/tools/pulumi/node_modules" ]; then
    (cd "$root/tools/pulumi" && npm ci --silent --no-audit --no-fund)
  fi
  # cfn-guard and AWS Control Tower's rules (tools/cfn-guard/README.md).
  if [ ! -d "$root/tools/cfn-guard/node_modules" ] ||
     [ "$root/tools/cfn-guard/package-lock.json" -nt "$root/tools/cfn-guard/node_modules" ]; then
    (cd "$root/tools/cfn-guard" && npm ci --silent --no-audit --no-fund)
  fi
  command -v cfn-lint >/dev/null 2>&1 ||
    echo "setup: warning: cfn-lint is not on PATH; the CloudFormation conformance test will fail" >&2
fi
