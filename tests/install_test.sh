#!/usr/bin/env bash
# `cmake --install` into a scratch prefix lays out what cmake/install.cmake promises; the
# manual page renders without a warning from groff or man (as lintian runs them) and names
# every option `--help` lists; the installed schema is what `aurora-gen schema` prints.
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
build=${1:?usage: install_test.sh BUILD_DIR SOURCE_DIR}
src=${2:?usage: install_test.sh BUILD_DIR SOURCE_DIR}

need cmake groff man col
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
  { echo "FAIL: cmake --install"; cat "$work/install.log"; exit 1; }
for f in bin/aurora-gen share/man/man1/aurora-gen.1.gz \
         share/bash-completion/completions/aurora-gen share/zsh/vendor-completions/_aurora-gen \
         share/aurora-gen/manifest.schema.json share/doc/aurora-gen/README.md \
         share/doc/aurora-gen/copyright share/doc/aurora-gen/changelog.gz \
         share/doc/aurora-gen/docs/manifest-reference.md share/doc/aurora-gen/docs/rules.md \
         share/doc/aurora-gen/docs/graph.md share/doc/aurora-gen/docs/ci.md \
         share/doc/aurora-gen/docs/ci/github-workflow.yml share/doc/aurora-gen/examples/minimal.yaml; do
  [ -s "$prefix/$f" ] && pass || fail "not installed: $f"
done
bin=$prefix/bin/aurora-gen
version=$("$bin" --version | sed 's/^aurora-gen //')
[ -n "$version" ] && pass || fail "the installed binary does not run"
"$bin" schema | cmp -s - "$prefix/share/aurora-gen/manifest.schema.json" && pass ||
  fail "the installed schema is not what 'aurora-gen schema' prints"

# The manual page: groff's strictest warnings and man's own check (lintian's), both silent.
man_page=$prefix/share/man/man1/aurora-gen.1.gz
zcat "$man_page" | groff -man -Tutf8 -ww -z 2>"$work/groff.err"
[ ! -s "$work/groff.err" ] && pass || { fail "groff warns:"; sed 's/^/  /' "$work/groff.err"; }
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$man_page" >/dev/null 2>"$work/man.err"
[ ! -s "$work/man.err" ] && pass || { fail "man warns:"; sed 's/^/  /' "$work/man.err"; }
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$man_page" 2>/dev/null | col -b >"$work/man.txt"
grep -q "^NAME" "$work/man.txt" && pass || fail "man -l renders no NAME section"
zcat "$man_page" | grep -q "^\.TH AURORA-GEN 1 .* \"aurora-gen $version\"" && pass ||
  fail "the manual page's .TH names another version than $version"
for cmd in render validate explain plan graph init schema; do
  grep -qE "^ {7}$cmd( |$)" "$work/man.txt" && pass || fail "the manual page has no entry for $cmd"
  "$bin" "$cmd" --help | sed -n '/^Options:/,/^$/p' | grep -oE -- '(^| |,)--?[a-z][a-z-]*' |
    sed 's/^[ ,]//' | sort -u >"$work/opts"
  while read -r opt; do
    grep -qe "$opt" "$work/man.txt" && pass || fail "the manual page does not name $cmd $opt"
  done <"$work/opts"
done
zcat "$prefix/share/doc/aurora-gen/changelog.gz" | head -1 | grep -q "^aurora-gen ($version) " && pass ||
  fail "packaging/debian/changelog's first entry is not version $version"

finish
