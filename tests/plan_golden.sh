#!/usr/bin/env bash
# Golden plans: for each tests/plan/NAME.yaml (its first line names the old manifest,
# "# plan-old: PATH"), `aurora-gen plan OLD NEW` in every format must print exactly
# tests/plan/golden/NAME.{txt,json,md,sarif} and exit as tests/plan/golden/NAME.exit says.
# With --update, writes them instead (scripts/update-golden.sh does).
# usage: plan_golden.sh AURORA_GEN SOURCE_DIR [--update]
set -uo pipefail
bin=${1:?usage: plan_golden.sh AURORA_GEN SOURCE_DIR [--update]}
src=${2:?usage: plan_golden.sh AURORA_GEN SOURCE_DIR [--update]}
update=${3:-}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795737600}
cd "$src" || exit 2
failures=0
for new in tests/plan/*.yaml; do
  name=$(basename "$new" .yaml)
  old=$(sed -n '1s/^# plan-old: //p' "$new")
  [ -n "$old" ] || { echo "FAIL: $new has no '# plan-old: PATH' first line"; failures=$((failures + 1)); continue; }
  for format in text json markdown sarif; do
    ext=${format/text/txt}; ext=${ext/markdown/md}
    golden=tests/plan/golden/$name.$ext
    got=$("$bin" plan --format "$format" "$old" "$new" 2>/dev/null)
    code=$?
    if [ "$update" = --update ]; then
      printf '%s\n' "$got" >"$golden"
      echo "$code" >"tests/plan/golden/$name.exit"
    elif [ "$got" != "$(cat "$golden")" ] || [ "$code" != "$(cat "tests/plan/golden/$name.exit")" ]; then
      echo "FAIL: $name ($format): output or exit code $code differs from $golden"
      diff <(printf '%s\n' "$got") "$golden" | head -20
      failures=$((failures + 1))
    fi
  done
done
[ "$update" = --update ] && { echo "plan goldens written"; exit 0; }
# The README shows the storage-key plan: it must be what the planner prints today.
if ! python3 -c 'import sys; sys.exit(open(sys.argv[2]).read().rstrip("\n") not in open(sys.argv[1]).read())' \
    README.md tests/plan/golden/storage-key.txt; then
  echo "FAIL: README.md does not show tests/plan/golden/storage-key.txt as it is"
  failures=$((failures + 1))
fi
echo "plan goldens: $failures failure(s)"
[ "$failures" -eq 0 ]
