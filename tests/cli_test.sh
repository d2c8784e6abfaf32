#!/usr/bin/env bash
# The command line end to end: exit codes (0 clean, 1 findings or drift, 2 usage or I/O),
# printing to stdout, --check, unchanged files kept, all-or-nothing writes, unsafe paths.
set -uo pipefail
# The day engine.end-of-support compares with, as in tests/CMakeLists.txt (2026-11-27).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795737600}
bin=${1:?usage: cli_test.sh AURORA_GEN SOURCE_DIR}
src=${2:?usage: cli_test.sh AURORA_GEN SOURCE_DIR}
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
failures=0
passes=0

expect() {  # expect CODE DESCRIPTION -- COMMAND...
  local want=$1 what=$2
  shift 3
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    passes=$((passes + 1))
  else
    failures=$((failures + 1))
    echo "FAIL: $what: exit $got, expected $want"
    sed 's/^/  stderr: /' "$work/stderr" | head -5
  fi
}
check() {  # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then passes=$((passes + 1)); else failures=$((failures + 1)); echo "FAIL: $what"; fi
}

good=$src/examples/minimal.yaml
other=$src/examples/serverless-postgres.yaml
bad=$work/bad.yaml
sed 's/engine: aurora-postgresql/engine: aurora-postgres/' "$good" >"$bad"

expect 0 "--version" -- "$bin" --version
check "--version prints the version" grep -q "aurora-gen " "$work/stdout"
expect 0 "--help" -- "$bin" --help
expect 2 "no subcommand" -- "$bin"
expect 2 "unknown option" -- "$bin" render --bogus "$good"
expect 2 "unknown target" -- "$bin" render --target cdk "$good"
expect 2 "missing manifest file" -- "$bin" validate "$work/nope.yaml"

expect 0 "validate a good manifest" -- "$bin" validate "$good"
expect 1 "validate a bad manifest" -- "$bin" validate "$bad"
check "diagnostic is located" grep -q "bad.yaml:[0-9]*:[0-9]*: error: .*\[schema.enum\]" "$work/stderr"
expect 1 "json diagnostics" -- "$bin" validate --format json "$bad"
check "json diagnostics carry the rule" grep -q '"rule": "schema.enum"' "$work/stderr"
expect 1 "sarif diagnostics" -- "$bin" validate --format sarif "$bad"
check "sarif has a ruleId" grep -q '"ruleId": "schema.enum"' "$work/stderr"

# Policy warnings and --strict: warnings alone exit 0, with --strict 1; an exception the
# manifest records is no warning for --strict, and SARIF carries ids and suppressions.
optout=$work/optout.yaml
excepted=$work/excepted.yaml
clean=$src/examples/provisioned-postgres-ha.yaml
{ cat "$src/examples/custom-endpoints.yaml"; printf '  deletion_protection: false\n'; } >"$optout"
{ cat "$optout"; printf '  policy:\n    exceptions:\n      - rule: policy.deletion-protection\n        reason: "Demo data, rebuilt daily"\n'; } >"$excepted"
expect 0 "an opt-out is a warning" -- "$bin" validate "$optout"
check "it names its policy rule and the scanner ids" \
  grep -q "optout.yaml:[0-9]*:[0-9]*: warning: deletion protection is off; scanners will report checkov CKV_AWS_139, trivy AVD-AWS-0343, cfn-guard rds_cluster_deletion_protection_enabled_check \[policy.deletion-protection\]" "$work/stderr"
expect 1 "--strict fails on a warning" -- "$bin" validate --strict "$optout"
expect 1 "--strict fails render on a warning" -- "$bin" render --strict --target all --out-dir "$work/strict" "$optout"
check "--strict still writes what it renders" test -f "$work/strict/analytics/terraform/main.tf"
expect 0 "--strict passes a manifest without warnings" -- "$bin" validate --strict "$clean"
expect 0 "--strict passes an opt-out recorded as an exception" -- "$bin" validate --strict "$excepted"
check "a suppressed warning is not printed as text, nor counted in the summary" \
  test "$(cat "$work/stderr")" = "aurora-gen validate: 1 manifest is valid"
expect 1 "--strict with sarif" -- "$bin" validate --strict --format sarif "$optout"
check "sarif tags the warning with the scanner ids" python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1]))["runs"][0]["results"] if r["ruleId"] == "policy.deletion-protection"][0]
assert {"CKV_AWS_139", "AVD-AWS-0343"} <= set(r["properties"]["tags"]) and "suppressions" not in r
' "$work/stderr"
expect 0 "an exception in sarif" -- "$bin" validate --format sarif "$excepted"
check "sarif reports the exception as suppressed in source, with the reason" python3 -c '
import json, sys
r = [r for r in json.load(open(sys.argv[1]))["runs"][0]["results"] if r["ruleId"] == "policy.deletion-protection"][0]
assert r["suppressions"] == [{"kind": "inSource", "justification": "Demo data, rebuilt daily"}]
' "$work/stderr"
expect 0 "render an exception" -- "$bin" render --target all --out-dir "$work/excepted" "$excepted"
check "terraform carries checkov's suppression with the reason" \
  grep -q "#checkov:skip=CKV_AWS_139:Demo data, rebuilt daily" "$work/excepted/analytics/terraform/main.tf"
check "cloudformation carries cfn-guard's suppression" \
  grep -q '"rds_cluster_deletion_protection_enabled_check"' "$work/excepted/analytics/cloudformation/template.yaml"

# Upgrading aurora-gen: plan --since 0.2 compares a manifest as 0.2 rendered it with today's
# rendering. The master user name's default changed, which replaces a cluster in Terraform
# and Pulumi: the plan says so and how to keep the old name; written down, nothing is lost.
expect 1 "plan --since 0.2 finds the changed user name default" -- "$bin" plan --since 0.2 "$good"
check "it says how to keep the old name" grep -q "to keep postgres, write spec.credentials.username: postgres in the manifest" "$work/stdout"
pinned=$work/pinned.yaml
{ cat "$good"; printf '  credentials:\n    username: postgres\n'; } >"$pinned"
expect 0 "plan --since 0.2 of a manifest that keeps the name" -- "$bin" plan --since 0.2 "$pinned"
check "the upgrade still shows the new defaults" grep -q "rds_cluster.iam_database_authentication_enabled as false, this release as true" "$work/stdout"
expect 2 "plan --since an unknown release" -- "$bin" plan --since 0.1 "$good"

expect 0 "render cfn to stdout" -- "$bin" render --target cfn "$good"
check "stdout is a template" grep -q "AWSTemplateFormatVersion" "$work/stdout"
expect 0 "render pulumi to stdout" -- "$bin" render --target pulumi "$good"
check "stdout is a Pulumi program" grep -q "runtime: yaml" "$work/stdout"
expect 0 "a setting CloudFormation cannot express is a warning" -- "$bin" render --target cfn "$other"
check "the warning names the field and the target" \
  grep -q "serverless-postgres.yaml:[0-9]*:[0-9]*: warning: cloudformation cannot express spec.backup.final_snapshot_identifier: .*\[render.dropped\]" "$work/stderr"
expect 0 "Terraform expresses it" -- "$bin" render --target pulumi "$other"
check "no warning where the target expresses it" test ! -s "$work/stderr"
expect 2 "terraform needs --out-dir" -- "$bin" render --target terraform "$good"
expect 2 "two manifests need --out-dir" -- "$bin" render --target cfn "$good" "$other"
expect 2 "--check needs --out-dir" -- "$bin" render --check "$good"

out=$work/out
expect 0 "render all" -- "$bin" render --target all --out-dir "$out" "$good" "$other"
for f in paas-postgres/cloudformation/template.yaml paas-postgres/terraform/main.tf \
         paas-postgres/terraform/variables.tf paas-postgres/terraform/outputs.tf \
         paas-postgres/terraform/versions.tf paas-postgres/pulumi/Pulumi.yaml \
         aurora-db/cloudformation/template.yaml; do
  check "wrote $f" test -s "$out/$f"
done
check "no temporary files left" test -z "$(find "$out" -name '*.tmp.*')"
expect 0 "check is clean after render" -- "$bin" render --check --target all --out-dir "$out" "$good" "$other"

touch -d '2001-01-01' "$out/paas-postgres/terraform/main.tf"
expect 0 "render again" -- "$bin" render --target all --out-dir "$out" "$good" "$other"
check "unchanged file keeps its mtime" test "$(stat -c %Y "$out/paas-postgres/terraform/main.tf")" -lt 1000000000

echo "# edited" >>"$out/paas-postgres/pulumi/Pulumi.yaml"
rm "$out/aurora-db/cloudformation/template.yaml"
expect 1 "check finds drift" -- "$bin" render --check --target all --out-dir "$out" "$good" "$other"
check "drift names the changed file" \
  grep -q "^$out/paas-postgres/pulumi/Pulumi.yaml:1: error: .*\[check.changed\]$" "$work/stderr"
check "drift names the missing file" \
  grep -q "serverless-postgres.yaml:[0-9]*:[0-9]*: error: 1 file .* missing: $out/aurora-db/cloudformation/template.yaml \[check.missing\]$" "$work/stderr"
check "drift is a diagnostic: nothing on stdout" test ! -s "$work/stdout"
check "check did not write" test ! -e "$out/aurora-db/cloudformation/template.yaml"

fresh=$work/fresh
expect 1 "one invalid manifest among good ones" -- "$bin" render --target all --out-dir "$fresh" "$good" "$bad"
check "nothing written when any manifest is invalid" test ! -e "$fresh"

expect 1 "duplicate metadata.name" -- "$bin" render --target cfn --out-dir "$fresh" "$good" "$good"
check "nothing written for duplicate names" test ! -e "$fresh"

mkdir -p "$work/outside" "$work/linked"
ln -s "$work/outside" "$work/linked/paas-postgres"
expect 2 "symlink inside the output directory" -- "$bin" render --target cfn --out-dir "$work/linked" "$good"
check "nothing written through the symlink" test -z "$(ls -A "$work/outside")"

if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$work/ro" && chmod a-w "$work/ro"
  expect 2 "read-only output directory" -- "$bin" render --target cfn --out-dir "$work/ro" "$good"
fi

# Many manifests on several threads: the bytes written and the diagnostics are the same as
# one thread's, and an invalid manifest anywhere still writes nothing.
batch=$work/batch
mkdir -p "$batch"
for i in 1 2 3; do
  for f in "$src"/examples/*.yaml; do
    sed "0,/^  name: /s/^\(  name: .*\)$/\1-$i/" "$f" >"$batch/$i-$(basename "$f")"
  done
done
expect 0 "render a batch on one thread" -- "$bin" render --jobs 1 --out-dir "$work/serial" "$batch"/*.yaml
cp "$work/stderr" "$work/serial.stderr"
expect 0 "render a batch on four threads" -- "$bin" render --jobs 4 --out-dir "$work/parallel" "$batch"/*.yaml
check "the same files, byte for byte" diff -r "$work/serial" "$work/parallel"
check "the same diagnostics, in the same order" cmp -s "$work/serial.stderr" "$work/stderr"
check "the batch wrote every manifest" \
  test "$(find "$work/parallel" -name template.yaml | wc -l)" -eq "$(ls "$batch" | wc -l)"
expect 0 "validate a batch on four threads" -- "$bin" validate -j 4 --format json "$batch"/*.yaml
cp "$work/stderr" "$work/parallel.json"
expect 0 "validate a batch on one thread" -- "$bin" validate -j 1 --format json "$batch"/*.yaml
check "validate reports the same on any number of threads" cmp -s "$work/parallel.json" "$work/stderr"
cp "$bad" "$batch/zz-bad.yaml"
expect 1 "a batch with one invalid manifest" -- "$bin" render -j 4 --out-dir "$work/batch-out" "$batch"/*.yaml
check "nothing of the batch is written" test ! -e "$work/batch-out"
expect 2 "--jobs 0 is refused" -- "$bin" render --jobs 0 --out-dir "$work/x" "$good"

# Engine facts are data: --templates-dir may bring its own data/engine-facts.json, and a
# feature minimum added there gates manifests at once (the built-in file has no confirmed
# rows for Serverless v2 above 128 ACU, so serverless.capacity-version is silent without it).
wide=$work/wide.yaml
cat >"$wide" <<'YAML'
apiVersion: aurora-gen/v1
kind: AuroraCluster
metadata:
  name: wide-serverless
spec:
  engine: aurora-postgresql
  engine_version: "16.8"
  instances:
    writer: {}
  network:
    vpc_id: vpc-0a1b2c3d4e5f60718
    subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
  serverless_v2_scaling:
    min_capacity: 0.5
    max_capacity: 192
YAML
mkdir -p "$work/facts/data"
sed 's|"serverless_v2_max_capacity_256": \[\]|"serverless_v2_max_capacity_256": [{"engine": "aurora-postgresql", "minimum": "16.9", "source": "https://example.com/test"}]|' \
  "$src/data/engine-facts.json" >"$work/facts/data/engine-facts.json"
check "the test facts file adds a row" grep -q '"minimum": "16.9"' "$work/facts/data/engine-facts.json"
expect 0 "no capacity gate without confirmed facts" -- "$bin" validate "$wide"
expect 1 "a capacity gate from a facts file" -- "$bin" validate --templates-dir "$work/facts" "$wide"
check "the gate names its rule" grep -q "max_capacity.*\[serverless.capacity-version\]" "$work/stderr"

# plan: exit codes, the old side from a file or a git revision.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795737600}
sed 's/preferred_window: "03:00-04:00"/preferred_window: "02:00-03:00"/' "$other" >"$work/retention.yaml"
sed 's/database_name: app/database_name: shop/' "$other" >"$work/rename.yaml"
expect 0 "plan an in-place change" -- "$bin" plan "$other" "$work/retention.yaml"
check "the plan names the field and its line" \
  grep -q "spec.backup.preferred_window changed .*\[$work/retention.yaml:[0-9]*:[0-9]*\]" "$work/stdout"
expect 1 "plan a change that destroys data" -- "$bin" plan "$other" "$work/rename.yaml"
check "the destructive change is loud" grep -q "DESTROYS" "$work/stdout"
expect 0 "--allow-replace accepts it" -- "$bin" plan --allow-replace "$other" "$work/rename.yaml"
expect 0 "plan as JSON" -- "$bin" plan --format json "$other" "$work/rename.yaml" --allow-replace
check "JSON says destructive" grep -q '"destructive": true' "$work/stdout"
expect 1 "plan with an invalid new side" -- "$bin" plan "$other" "$bad"
expect 2 "plan with an invalid old side" -- "$bin" plan "$bad" "$other"
check "the old side is named" grep -q "the old manifest (.*bad.yaml) is invalid" "$work/stderr"
expect 2 "plan takes two files" -- "$bin" plan "$other"

repo=$work/repo
mkdir -p "$repo/db" && cp "$other" "$repo/db/orders.yaml"
git -C "$repo" init -q && git -C "$repo" add db &&
  git -C "$repo" -c user.name=t -c user.email=t@example.com commit -qm base
cp "$work/rename.yaml" "$repo/db/orders.yaml"
cp "$good" "$repo/db/new.yaml"
expect 1 "plan --base HEAD finds the destructive edit" -- \
  "$bin" plan --base HEAD "$repo/db/orders.yaml" "$repo/db/new.yaml"
check "a manifest missing at the revision is created" grep -q "^  + cluster (rds_cluster)" "$work/stdout"
sed 's/count: 1/count: 0/' "$other" >"$repo/db/orders.yaml"
expect 0 "plan --base HEAD: a reader removed" -- "$bin" plan --base HEAD "$repo/db/orders.yaml"
check "what is gone is located in the old version, by revision" \
  grep -q "reader_1 is deleted  \[HEAD:.*orders.yaml:[0-9]*:[0-9]*\]" "$work/stdout"
expect 2 "plan --base with an unknown revision" -- "$bin" plan --base no-such-ref "$repo/db/orders.yaml"
check "the revision is named" grep -q "unknown git revision 'no-such-ref'" "$work/stderr"
cp "$good" "$work/outside.yaml"
expect 2 "plan --base outside a git work tree" -- "$bin" plan --base HEAD "$work/outside.yaml"

# Every command's --help ends with examples of that command; a misspelt command or option
# is named with the nearest real one.
for cmd in render validate explain plan graph init schema; do
  expect 0 "$cmd --help" -- "$bin" "$cmd" --help
  check "$cmd --help shows examples of $cmd" grep -q "^  aurora-gen $cmd" "$work/stdout"
done
expect 0 "--help lists every command" -- "$bin" --help
for cmd in render validate explain plan graph init schema; do
  check "--help lists $cmd" grep -q "^  $cmd " "$work/stdout"
done
expect 2 "a misspelt command" -- "$bin" rendr --target cfn "$good"
check "the command is named, with its rule" \
  grep -q "^aurora-gen: error: unknown command 'rendr' \[cli.unknown-command\]$" "$work/stderr"
check "the nearest command is suggested" grep -q "^  hint: did you mean 'render'?$" "$work/stderr"
expect 2 "a command far from any" -- "$bin" frobnicate
check "the commands are listed" grep -q "hint: the commands are render, validate, " "$work/stderr"
expect 2 "a misspelt option" -- "$bin" render --tagret cfn "$good"
check "the option and its command are named" \
  grep -q "^aurora-gen: error: unknown option '--tagret' for 'aurora-gen render' \[cli.unknown-option\]$" "$work/stderr"
check "the nearest option is suggested" grep -q "hint: did you mean '--target'?" "$work/stderr"
expect 2 "a misspelt option with =" -- "$bin" render --outdir=out "$good"
check "--out-dir is suggested" grep -q "did you mean '--out-dir'?" "$work/stderr"
expect 2 "a misspelt option of init" -- "$bin" init --serverles
check "--serverless is suggested" grep -q "did you mean '--serverless'?" "$work/stderr"
expect 2 "a misspelt top-level option" -- "$bin" --verison
check "--version is suggested" grep -q "did you mean '--version'?" "$work/stderr"
expect 2 "an option of another command" -- "$bin" validate --out-dir out "$good"
check "no wild guess, the way to the options" \
  grep -q "hint: 'aurora-gen validate --help' lists the options" "$work/stderr"

# schema: the JSON Schema the validator uses, the built-in one or an override's.
expect 0 "schema" -- "$bin" schema
check "schema prints schemas/manifest.schema.json" cmp -s "$work/stdout" "$src/schemas/manifest.schema.json"
mkdir -p "$work/strict/schemas"
sed 's/"maxLength": 40,/"maxLength": 5,/' "$src/schemas/manifest.schema.json" \
  >"$work/strict/schemas/manifest.schema.json"
check "the override schema differs" \
  test "$(cksum <"$work/strict/schemas/manifest.schema.json")" != "$(cksum <"$src/schemas/manifest.schema.json")"
expect 0 "schema with an override" -- "$bin" schema --templates-dir "$work/strict"
check "schema prints the override" cmp -s "$work/stdout" "$work/strict/schemas/manifest.schema.json"
expect 1 "validate reads the same override" -- "$bin" validate --templates-dir "$work/strict" "$good"
check "the override's limit applies" \
  grep -q "metadata.name must have at most 5 characters .*\[schema.max-length\]" "$work/stderr"

# graph: DOT by default, Mermaid on request; an invalid manifest is reported, located.
expect 0 "graph" -- "$bin" graph "$good"
check "graph prints DOT" grep -q '^digraph "paas-postgres" {$' "$work/stdout"
check "the cluster reads the subnet group" grep -q '^  "cluster" -> "subnet_group" \[label="name"\];$' "$work/stdout"
expect 0 "graph as Mermaid" -- "$bin" graph --format mermaid "$good"
check "graph prints a flowchart" grep -q '^flowchart LR$' "$work/stdout"
expect 1 "graph of an invalid manifest" -- "$bin" graph "$bad"
check "graph locates the error" grep -q "bad.yaml:[0-9]*:[0-9]*: error: .*\[schema.enum\]" "$work/stderr"
expect 2 "graph in an unknown format" -- "$bin" graph --format svg "$good"
expect 2 "graph takes one manifest" -- "$bin" graph "$good" "$other"

# init: writes a starter, refuses to overwrite without --force, refuses what does not fit.
mkdir -p "$work/init"
expect 0 "init" -- "$bin" init -o "$work/init/db.yaml"
check "init wrote the file" test -s "$work/init/db.yaml"
check "init names the next step" grep -q "next: aurora-gen validate $work/init/db.yaml" "$work/stderr"
expect 0 "the starter validates" -- "$bin" validate "$work/init/db.yaml"
cp "$work/init/db.yaml" "$work/init/before.yaml"
expect 2 "init over an existing file" -- "$bin" init --engine aurora-mysql -o "$work/init/db.yaml"
check "the refusal is located, with its rule" \
  grep -q "^$work/init/db.yaml: error: $work/init/db.yaml already exists; aurora-gen init does not overwrite it \[cli.exists\]$" "$work/stderr"
check "the refusal names --force" grep -q "hint: pass --force" "$work/stderr"
check "the file is untouched" cmp -s "$work/init/db.yaml" "$work/init/before.yaml"
check "no temporary file is left" test "$(ls -A "$work/init" | wc -l)" -eq 2
expect 0 "init --force" -- "$bin" init --engine aurora-mysql --force -o "$work/init/db.yaml"
check "--force replaced the file" grep -q "^  engine: aurora-mysql$" "$work/init/db.yaml"
(cd "$work/init" && "$bin" init --name orders >/dev/null 2>&1)
check "the default file is <name>.yaml" grep -q "^  name: orders$" "$work/init/orders.yaml"
expect 0 "init to stdout" -- "$bin" init --kind RdsInstance -o -
check "stdout is the manifest" grep -q "^kind: RdsInstance$" "$work/stdout"
expect 2 "init with a misspelt kind" -- "$bin" init --kind AuroraClster -o -
check "the kind is suggested" grep -q "hint: did you mean 'AuroraCluster'?" "$work/stderr"
check "the refusal has its rule" grep -q "\[cli.init-option\]" "$work/stderr"
expect 2 "init with a misspelt engine" -- "$bin" init --engine aurora-postgres -o -
check "the engine is suggested" grep -q "did you mean 'aurora-postgresql'?" "$work/stderr"
expect 2 "init with an engine of the other kind" -- "$bin" init --kind AuroraCluster --engine mysql -o -
expect 2 "init --serverless for an RdsInstance" -- "$bin" init --serverless --engine postgres -o -
expect 2 "init with an invalid name" -- "$bin" init --name Bad_Name -o "$work/init/bad.yaml"
check "the invalid name is reported" grep -q "metadata.name" "$work/stderr"
check "nothing written for an invalid name" test ! -e "$work/init/bad.yaml"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
