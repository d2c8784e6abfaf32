#!/usr/bin/env bash
# The Debian package end to end: cpack builds aurora-gen_<version>_amd64.deb; its Depends are
# what dpkg-shlibdeps computes for the binary (however it is linked) and cover every shared
# library the binary needs; lintian finds no error or warning; dpkg installs it into a
# scratch root; and the installed binary renders every example byte for byte as golden/.
# usage: package_test.sh AURORA_GEN BUILD_DIR SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: package_test.sh AURORA_GEN BUILD_DIR SOURCE_DIR}
build=${2:?usage: package_test.sh AURORA_GEN BUILD_DIR SOURCE_DIR}
src=${3:?usage: package_test.sh AURORA_GEN BUILD_DIR SOURCE_DIR}
need cpack dpkg-deb dpkg-shlibdeps lintian

version=$("$bin" --version | sed 's/^aurora-gen //')
cpack --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 ||
  { echo "FAIL: cpack"; cat "$work/cpack.log"; exit 1; }
deb=$work/pkg/aurora-gen_${version}_amd64.deb
[ -f "$deb" ] || { echo "FAIL: no $(basename "$deb"):"; ls "$work/pkg"; exit 1; }
pass
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] && pass || fail "Version is not $version"

# Depends: exactly dpkg-shlibdeps's verdict on the packaged binary...
dpkg-deb -x "$deb" "$work/x"
mkdir -p "$work/shlibs/debian"
printf 'Source: aurora-gen\n\nPackage: aurora-gen\nArchitecture: any\n' >"$work/shlibs/debian/control"
computed=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$work/x/usr/bin/aurora-gen" 2>/dev/null |
           sed -n 's/^shlibs:Depends=//p')
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$computed" ] && [ "$depends" = "$computed" ] && pass ||
  fail "Depends '$depends' is not dpkg-shlibdeps's '$computed'"
# ...and every library the binary loads belongs to a package it depends on.
packages=$(tr ',' '\n' <<<"$depends" | sed -E 's/^ *//; s/ .*//')
while read -r lib path; do
  owner=$(dpkg -S "$path" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null)
  owner=${owner%%:*}
  grep -qx "$owner" <<<"$packages" && pass || fail "$lib ($path, package '$owner') is not in Depends"
done < <(ldd "$work/x/usr/bin/aurora-gen" | sed -nE 's/^\s*(\S+) => (\/\S+) .*/\1 \2/p' |
         grep -v -e '^linux-vdso' -e '^ld-linux')
# This machine satisfies them, so the installed binary below runs against what it names.
while read -r dep; do
  name=${dep%% *}
  have=$(dpkg-query -W -f '${Version}' "$name" 2>/dev/null)
  if [[ $dep =~ \((.+)\ (.+)\) ]]; then
    [ -n "$have" ] && dpkg --compare-versions "$have" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" &&
      pass || fail "this machine has $name '$have', the package needs $dep"
  fi
done < <(tr ',' '\n' <<<"$depends" | sed 's/^ *//')

lintian --fail-on error,warning "$deb" >"$work/lintian.out" 2>&1
[ $? -eq 0 ] && pass || { fail "lintian:"; grep -v "root privileges" "$work/lintian.out" | sed 's/^/  /'; }

# dpkg installs it into an empty root (its dependencies are this machine's: --force-depends).
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
force=(--force-depends)
[ "$(id -u)" -eq 0 ] || force+=(--force-not-root)
dpkg --root="$root" "${force[@]}" -i "$deb" >"$work/dpkg.log" 2>&1 ||
  { echo "FAIL: dpkg -i"; cat "$work/dpkg.log"; exit 1; }
dpkg --root="$root" -s aurora-gen 2>/dev/null | grep -q "^Status: install ok installed$" && pass ||
  fail "dpkg does not list aurora-gen as installed"
for f in /usr/bin/aurora-gen /usr/share/man/man1/aurora-gen.1.gz \
         /usr/share/bash-completion/completions/aurora-gen \
         /usr/share/zsh/vendor-completions/_aurora-gen /usr/share/aurora-gen/manifest.schema.json \
         /usr/share/doc/aurora-gen/copyright /usr/share/doc/aurora-gen/changelog.gz; do
  dpkg --root="$root" -L aurora-gen | grep -qx "$f" && [ -s "$root$f" ] && pass || fail "not installed: $f"
done

installed=$root/usr/bin/aurora-gen
[ "$("$installed" --version)" = "aurora-gen $version" ] && pass || fail "the installed binary's version"
"$installed" render --target all --out-dir "$work/out" "$src"/examples/*.yaml 2>"$work/render.err" &&
  pass || { fail "the installed binary failed to render the examples"; head "$work/render.err"; }
diff -r "$work/out" "$src/golden" >"$work/diff" && pass ||
  { fail "the installed binary's artifacts differ from golden/:"; head -20 "$work/diff"; }

finish
