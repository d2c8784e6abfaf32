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
check "a suppressed warning is not printed as text" test ! -s "$work/stderr"
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
