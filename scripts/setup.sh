#!/usr/bin/env bash
# Installs what building and testing aurora-gen needs, only what is missing: Debian
# packages (apt-get), the Node packages of the conformance checkers (npm ci), and the Go
# tools built offline from Debian's HashiCorp HCL sources. Safe to run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Installs those of the given Debian packages that are missing.
install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "setup: installing ${missing[*]}"
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

packages=(g++ cmake ninja-build pkg-config libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
          catch2 libvalijson-dev golang-go golang-github-hashicorp-hcl-v2-dev)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
install_missing "${packages[@]}"

if [ "${1:-}" = "--with-test-tools" ]; then
  # What the tests of the install layout, the package, the graph and the hooks run:
  # Graphviz, pre-commit, lintian, dpkg-shlibdeps, man and groff, zsh, jq, Python's YAML.
  install_missing graphviz pre-commit lintian dpkg-dev man-db groff-base bsdextrautils zsh jq \
    python3-yaml
  # cfn-guard and AWS Control Tower's rules: tools/cfn-guard/README.md.
  for tools in pulumi checkers cfn-guard; do
    if [ ! -d "$root/tools/$tools/node_modules" ] ||
       [ "$root/tools/$tools/package-lock.json" -nt "$root/tools/$tools/node_modules" ]; then
      (cd "$root/tools/$tools" && npm ci --silent --no-audit --no-fund)
    fi
  done
  command -v cfn-lint >/dev/null 2>&1 ||
    echo "setup: warning: cfn-lint is not on PATH; the CloudFormation conformance test will fail" >&2
fi
