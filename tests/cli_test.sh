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
check "drift names the changed file" grep -q "would change: .*paas-postgres/pulumi/Pulumi.yaml" "$work/stdout"
check "drift names the missing file" grep -q "missing: .*aurora-db/cloudformation/template.yaml" "$work/stdout"
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

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
