#!/usr/bin/env bash
# What a newcomer meets on the command line, end to end (issue 16): another tool's field names
# pointed at the manifest's, YAML slips named at their line with a caret, schema and check
# stage findings in one run, drift as diagnostics in every format with the command that
# fixes it, orphaned artifacts, --target lists, render without --out-dir, validate's summary,
# `help`, explain's annotations, documents and JSON, and the rule ids docs/rules.md lists.
# usage: newcomer_cli_test.sh AURORA_GEN SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: newcomer_cli_test.sh AURORA_GEN SOURCE_DIR}
src=${2:?usage: newcomer_cli_test.sh AURORA_GEN SOURCE_DIR}
need jq python3

run() {  # run WANT_EXIT DESCRIPTION -- COMMAND...: stdout and stderr in $work/stdout, $work/stderr
  local want=$1 what=$2
  shift 3
  (cd "$work" && "$@") >"$work/stdout" 2>"$work/stderr"
  local got=$?
  [ "$got" -eq "$want" ] && pass ||
    { fail "$what: exit $got, expected $want"; sed 's/^/  stderr: /' "$work/stderr" | head -8; }
}
has() {  # has DESCRIPTION FILE [-x] FIXED-TEXT: the file holds the text (-x: as a whole line)
  local what=$1 file=$2 flags=-qF
  shift 2
  if [ "$1" = -x ]; then flags=-qxF; shift; fi
  grep $flags -- "$1" "$work/$file" && pass || { fail "$what"; sed 's/^/  /' "$work/$file" | head -12; }
}
json() {  # json DESCRIPTION FILE JQ-FILTER: the filter holds on the file
  jq -e "$3" "$work/$2" >/dev/null 2>&1 && pass || { fail "$1"; head -c 1500 "$work/$2"; echo; }
}

cd "$work" || exit 2
cp "$src/examples/minimal.yaml" "$src/examples/serverless-postgres.yaml" "$work/"

# 1. Terraform's names at spec level: each error says which manifest field it means, and the
#    check stage's own finding (the windows overlap) comes in the same run.
sed -e 's/^  engine_version: "15.15"$/&\n  backup_retention_period: 7\n  skip_final_snapshot: true\n  db_name: app/' \
    -e 's/^      instance_class: db.r6g.large$/      instance_type: db.r6g.large/' minimal.yaml >tf-names.yaml
cat >>tf-names.yaml <<'YAML'
  backup:
    preferred_window: "03:00-04:00"
  maintenance:
    preferred_window: "sun:03:30-sun:04:30"
YAML
run 1 "Terraform names are refused" -- "$bin" validate tf-names.yaml
has "backup_retention_period points at spec.backup.retention_period" stderr -x \
  "  hint: did you mean spec.backup.retention_period? ('backup_retention_period' is the Terraform name)"
has "db_name points at spec.database_name" stderr -x \
  "  hint: did you mean spec.database_name? ('db_name' is the Terraform name)"
has "instance_type points at the writer's instance_class" stderr -x \
  "  hint: did you mean spec.instances.writer.instance_class?"
has "the overlap is reported in the same run" stderr "[windows.overlap]"
has "the unknown fields are located" stderr "tf-names.yaml:12:3: error: unknown field 'backup_retention_period' in spec [schema.additional-property]"

# 2. YAML slips: what went wrong, at the line, shown with a caret.
printf 'apiVersion: aurora-gen/v1\nkind: AuroraCluster\nmetadata:\n\tname: orders\n' >tab.yaml
run 1 "a tab in the indentation" -- "$bin" validate tab.yaml
has "the tab is named" stderr -x "tab.yaml:4:1: error: a tab in the indentation: YAML indents with spaces only [load.syntax]"
has "the line is shown" stderr -x "$(printf '    4 | \tname: orders')"
has "the caret is under the tab" stderr -x "      | ^"
printf 'apiVersion: aurora-gen/v1\nkind: AuroraCluster\nmetadata:\n  name: orders\n   region: eu-west-1\n' >slip.yaml
run 1 "a key indented off its siblings" -- "$bin" validate --format sarif slip.yaml
json "SARIF locates the slip and carries the line" stderr \
  '.runs[0].results[0] | .ruleId == "load.syntax" and (.message.text | startswith("'"'"'region'"'"' is indented 3 spaces"))
   and .locations[0].physicalLocation.region == {"startLine": 5, "startColumn": 4, "snippet": {"text": "   region: eu-west-1"}}'

# 3 and 4. --check: drift, missing files and a deleted manifest's folder, as diagnostics in
#    every format, each with the command that fixes it; user files beside them left alone.
run 0 "render two manifests" -- "$bin" render --out-dir out minimal.yaml serverless-postgres.yaml
echo "# a hand edit" >>out/paas-postgres/terraform/main.tf
rm out/aurora-db/cloudformation/template.yaml
echo 'terraform { backend "local" {} }' >out/aurora-db/terraform/backend.tf
mkdir -p out/old-db/terraform && cp out/paas-postgres/terraform/versions.tf out/old-db/terraform/
echo 'region = "eu-west-1"' >out/old-db/terraform/terraform.tfvars
# Links are never aurora-gen's: a linked folder or target directory holding artifacts is not
# looked into.
mkdir -p elsewhere/terraform && cp out/paas-postgres/terraform/versions.tf elsewhere/terraform/
ln -s ../elsewhere out/linked-db && mkdir out/real-db && ln -s ../../elsewhere/terraform out/real-db/terraform
run 1 "--check finds the drift" -- "$bin" render --check --out-dir out minimal.yaml serverless-postgres.yaml
has "the edited file" stderr -x "out/paas-postgres/terraform/main.tf:1: error: this file is not what minimal.yaml renders (edited by hand, or rendered from an older manifest or aurora-gen) [check.changed]"
has "the command that fixes it" stderr -x "  hint: render it again: aurora-gen render --target all --out-dir out minimal.yaml"
has "the missing file, at the manifest" stderr -x "serverless-postgres.yaml:6:9: error: 1 file this manifest renders is missing: out/aurora-db/cloudformation/template.yaml [check.missing]"
has "the deleted manifest's folder" stderr -x "out/old-db/terraform/versions.tf:1: error: out/old-db holds 1 file aurora-gen generated that no manifest of this call renders (terraform/versions.tf): its manifest was deleted or renamed, or no longer renders them [check.orphaned]"
has "the command that removes what is aurora-gen's only" stderr -x "  hint: if the manifest is gone, delete them: rm out/old-db/terraform/versions.tf; if it is elsewhere, name it in the call"
grep -q "backend.tf\|terraform.tfvars" "$work/stderr" && fail "a user's file is reported" || pass
grep -q "linked-db\|real-db" "$work/stderr" && fail "a symbolic link is followed" || pass
[ -s out/old-db/terraform/versions.tf ] && [ ! -e out/aurora-db/cloudformation/template.yaml ] && pass ||
  fail "--check wrote or deleted something"
check_format() {  # check_format FORMAT: the same drift as one document on stderr, nothing on stdout
  run 1 "--check --format $1" -- "$bin" render --check --out-dir out --format "$1" minimal.yaml serverless-postgres.yaml
  [ ! -s "$work/stdout" ] && pass || fail "--check --format $1 printed on stdout"
}
check_format json
json "JSON: every drift rule" stderr '[.diagnostics[].rule] | contains(["check.changed", "check.missing", "check.orphaned"])'
json "JSON: the changed file at line 1, with the fix" stderr \
  '.diagnostics[] | select(.rule == "check.changed") | .file == "out/paas-postgres/terraform/main.tf" and .line == 1
   and (.hint | startswith("render it again: aurora-gen render"))'
check_format sarif
json "SARIF: the orphan at its file" stderr \
  '.runs[0].results[] | select(.ruleId == "check.orphaned") | .locations[0].physicalLocation
   | .artifactLocation.uri == "out/old-db/terraform/versions.tf" and .region.startLine == 1'
run 1 "--partial leaves other folders alone" -- "$bin" render --check --partial --out-dir out minimal.yaml
grep -q "check.orphaned\|check.missing" "$work/stderr" && fail "--partial reported another manifest's folder" || pass
has "--partial still checks its manifests' files" stderr "[check.changed]"
run 2 "a missing manifest, as JSON" -- "$bin" render --check --out-dir out --format json nope.yaml
json "the missing file is a JSON diagnostic" stderr '.diagnostics == [{"file": "nope.yaml", "line": 0, "column": 0,
  "severity": "error", "rule": "io.read", "message": "cannot read manifest: No such file or directory"}]'
run 2 "a refused option, as SARIF" -- "$bin" render --target cdk --format sarif minimal.yaml
json "the refusal is a SARIF result" stderr '.runs[0].results[0].ruleId == "cli.usage"'
mkdir -p db && cp minimal.yaml db/ && cp serverless-postgres.yaml db/second.yml && touch db/notes.txt
run 0 "a directory stands for its manifests" -- "$bin" validate db
has "both manifests of the directory" stderr -x "aurora-gen validate: 2 manifests are valid (1 warning)"
mkdir -p empty
run 2 "a directory without manifests" -- "$bin" validate empty
has "the empty directory is named" stderr "no manifest (*.yaml, *.yml) in the directory empty [io.read]"

# 5. Targets, stdout, validate's summary, help.
run 0 "--target terraform,pulumi" -- "$bin" render --target terraform,pulumi --out-dir two minimal.yaml
[ -s two/paas-postgres/terraform/main.tf ] && [ -s two/paas-postgres/pulumi/Pulumi.yaml ] &&
  [ ! -e two/paas-postgres/cloudformation ] && pass || fail "--target terraform,pulumi wrote other targets"
run 2 "an unknown target in a list" -- "$bin" render --target terraform,cdk --out-dir two minimal.yaml
has "the unknown item is named" stderr "'cdk' is not a target"
run 2 "render without --out-dir" -- "$bin" render minimal.yaml
has "why stdout cannot take it, and what to run" stderr -x "aurora-gen: error: --target all (the default) renders a directory per target: give --out-dir DIR to write DIR/<metadata.name>/<target>/ [cli.out-dir-required]"
has "the command with --out-dir" stderr "hint: for example 'aurora-gen render --target all --out-dir out minimal.yaml'"
run 2 "terraform to stdout" -- "$bin" render --target terraform minimal.yaml
has "Terraform's files are named" stderr "Terraform's root module is six files"
run 0 "validate" -- "$bin" validate minimal.yaml serverless-postgres.yaml
[ "$(tail -n 1 "$work/stderr")" = "aurora-gen validate: 2 manifests are valid (1 warning)" ] && pass ||
  fail "validate's last line is not the summary: $(tail -n 1 "$work/stderr")"
[ ! -s "$work/stdout" ] && pass || fail "validate printed on stdout"
run 1 "validate an invalid manifest" -- "$bin" validate minimal.yaml tf-names.yaml
has "the summary counts the invalid one" stderr -x "aurora-gen validate: 1 of 2 manifests is invalid (5 errors, 2 warnings)"
run 0 "validate --format json" -- "$bin" validate --format json minimal.yaml
json "JSON holds no summary" stderr '.diagnostics | length == 1'
run 0 "help" -- "$bin" help
"$bin" --help >"$work/help.txt" 2>&1
cmp -s "$work/stdout" "$work/help.txt" && pass || fail "'aurora-gen help' is not --help"
for cmd in render validate explain plan graph init schema; do
  run 0 "help $cmd" -- "$bin" help "$cmd"
  "$bin" "$cmd" --help >"$work/help.txt" 2>&1
  cmp -s "$work/stdout" "$work/help.txt" && pass || fail "'aurora-gen help $cmd' is not '$cmd --help'"
done
run 2 "help for a misspelt command" -- "$bin" help rendr
has "the nearest command" stderr -x "  hint: did you mean 'render'?"

# 6. explain: annotations, documents, JSON.
run 0 "explain two manifests" -- "$bin" explain minimal.yaml serverless-postgres.yaml
has "a default and its field" stdout -x "      backup_retention_period: 7  # default: spec.backup.retention_period"
has "a property and its field" stdout -x "      engine_version: \"15.15\"  # spec.engine_version"
python3 -c '
import sys, yaml
class Loader(yaml.SafeLoader): pass
Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
docs = list(yaml.load_all(open(sys.argv[1]), Loader=Loader))
assert [d["name"] for d in docs] == ["paas-postgres", "aurora-db"], docs
' "$work/stdout" && pass || fail "explain of two manifests is not two YAML documents"
run 0 "explain --format json" -- "$bin" explain --format json minimal.yaml serverless-postgres.yaml
json "explain JSON: one document per manifest, with sources and defaults" stdout \
  '[.manifests[].name] == ["paas-postgres", "aurora-db"] and
   (.manifests[0].resources[] | select(.name == "cluster") | .defaults.port == "spec.port")'
json "explain JSON: diagnostics stay on stderr as JSON" stderr '.diagnostics | length >= 1'

# 8. Small things: the tag character named, 'an aurora-postgresql', a description's first
#    sentence kept whole.
sed 's/^  name: paas-postgres$/&\n  tags:\n    team: "data;platform"/' minimal.yaml >tag.yaml
run 1 "a tag value with ';'" -- "$bin" validate tag.yaml
has "the character is named" stderr "error: the value of metadata.tags 'team' has the character ';', outside AWS's tag character set [tags.charset]"
sed 's/"15.15"/"15.x"/' minimal.yaml >version.yaml
run 1 "a version that does not parse" -- "$bin" validate version.yaml
has "an aurora-postgresql" stderr "is not an aurora-postgresql version"
mkdir -p override/schemas
python3 - "$src/schemas/manifest.schema.json" override/schemas/manifest.schema.json <<'PY'
import json, sys
schema = json.load(open(sys.argv[1]))
env = schema["properties"]["metadata"]["properties"]["environment"]
env["description"] = "Lower-case letters (a. b. c) and digits. More background."
json.dump(schema, open(sys.argv[2], "w"))
PY
sed 's/^  name: paas-postgres$/&\n  environment: Prod/' minimal.yaml >environment.yaml
run 1 "a pattern error" -- "$bin" validate --templates-dir override environment.yaml
has "the first sentence is whole" stderr "is not valid: Lower-case letters (a. b. c) and digits. [schema.pattern]"

# docs/rules.md lists every command-line, output and drift rule id the code reports.
for rule in $(grep -rhoE '"(cli|io|check)\.[a-z-]+"' "$src/src" | tr -d '"' | grep -v '^cli\.h$' | sort -u); do
  grep -qF "| \`$rule\` |" "$src/docs/rules.md" && pass || fail "docs/rules.md does not list $rule"
done

finish
