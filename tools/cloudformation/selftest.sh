#!/bin/sh
# Self-test of check-registry-types: testdata/good.yaml is clean, testdata/bad.yaml reports
# exactly the lines of testdata/bad.expect.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/testdata" || exit 2
"$here/check-registry-types" good.yaml || { echo "FAIL: good.yaml"; exit 1; }
got=$("$here/check-registry-types" bad.yaml | sort)
rc=$?
[ "$got" = "$(sort bad.expect)" ] || { echo "FAIL: bad.yaml"; echo "$got"; exit 1; }
echo "check-registry-types selftest: ok"
