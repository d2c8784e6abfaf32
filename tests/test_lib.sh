# What the shell tests of installing and of the new commands share (source it): a scratch
# directory $work removed on exit, pass/fail counters and the closing line that CTest's log
# and CI read, the refusal to run without a tool the test needs, and the day date-dependent
# checks take as today (as in tests/CMakeLists.txt: 2026-11-27), when run by hand.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795737600}
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
failures=0
passes=0
fail() { failures=$((failures + 1)); echo "FAIL: $*"; }
pass() { passes=$((passes + 1)); }
# The closing line and the exit status: 0 only when nothing failed.
finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
# need TOOL...: fail at once when one is not on PATH.
need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null ||
      { echo "FAIL: $tool is not installed (scripts/setup.sh --with-test-tools)"; exit 1; }
  done
}
# need_checkers SOURCE_DIR: tools/checkers' Node packages are installed.
need_checkers() {
  [ -d "$1/tools/checkers/node_modules" ] ||
    { echo "FAIL: tools/checkers: run npm ci there (scripts/setup.sh --with-test-tools)"; exit 1; }
}
