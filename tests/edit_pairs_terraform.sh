#!/usr/bin/env bash
# Terraform's own verdict on the day-two edit pairs (tests/edits/README.md): for each edit,
# the Terraform modules rendered from the manifest before and after it are planned with the
# real AWS provider, offline (tools/terraform/tfplan edit), and the plan must do what the
# edit's expectations say and nothing else:
#   - no replacement of any resource, and no deletion of a stateful one (a cluster, a DB
#     instance, a global cluster, a KMS key, a log group, the writer), unless
#     expect.terraform.replace lists its address (and then it must happen);
#   - resources are created and deleted exactly for the IR resources of expect.added and
#     expect.removed (each of those at least once): a deletion and a creation of the same
#     type elsewhere is a resource that moved to a new address without a `moved` block;
#   - updates only of resources of expect.changed; no resource moves;
#   - `aurora-gen plan` of the same edit says replace in its Terraform column for exactly the
#     resources Terraform replaces (the planner's table against the provider's ForceNew).
# The pairs come from the unit test (edit_pairs_test with AG_EDIT_PAIRS_OUT): both manifests
# as JSON, the expectations and each Terraform address's IR resource. One line per edit.
# Exit 77 (CTest's skip) without terraform or its provider mirror. About 30 s per edit, two
# at a time (AG_EDIT_PAIRS_JOBS).
# usage: tests/edit_pairs_terraform.sh AURORA_GEN SOURCE_DIR EDIT_PAIRS_TEST [EDIT_NAME...]
set -u
if [ $# -lt 3 ]; then
  echo "usage: $0 AURORA_GEN SOURCE_DIR EDIT_PAIRS_TEST [EDIT_NAME...]" >&2
  exit 2
fi
ag=$1 src=$2 pairs_test=$3
shift 3
tfplan=$src/tools/terraform/tfplan
command -v terraform >/dev/null 2>&1 || { echo "terraform is not on PATH: skipping"; exit 77; }
jobs=${AG_EDIT_PAIRS_JOBS:-2}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795737600}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'kill $(jobs -p) 2>/dev/null; exit 143' TERM INT
# tfplan's scratch directories go here too, so that they go when the run does.
mkdir "$tmp/scratch" && export TMPDIR="$tmp/scratch"

if ! AG_EDIT_PAIRS_OUT=$tmp/pairs "$pairs_test" \
    "every edit keeps the names and declarations of what it does not touch" >"$tmp/unit.log" 2>&1
then
  cat "$tmp/unit.log"
  echo "FAIL: $pairs_test: the edit pairs themselves fail; fix those first"
  exit 1
fi
if [ $# -gt 0 ]; then names=("$@"); else names=(); for d in "$tmp"/pairs/*/; do
  d=${d%/}; names+=("${d##*/}"); done; fi
[ ${#names[@]} -gt 0 ] || { echo "FAIL: no edit pairs in $tmp/pairs"; exit 1; }

# The verdict on one plan, on stdout: "PROBLEM ..." lines (none when the plan is what the edit
# asks), "PLAN ..." (the plan, one change a line) and "SUMMARY <counts>".
check() {
  python3 - "$1" "$2" "$3" <<'PY'
import collections, json, sys
pair, plan, planner = (json.load(open(p)) for p in sys.argv[1:4])
expect = pair['expect'] or {}
names = lambda key: set(expect.get(key) or [])
added, removed, changed = names('added'), names('removed'), names('changed')
terraform = expect.get('terraform') or {}
replace_ok = set(terraform.get('replace') or [])
update_ok = set(terraform.get('update') or [])
before, after = pair['before'], pair['after']   # Terraform address -> IR resource name
STATEFUL = {'aws_rds_cluster', 'aws_db_instance', 'aws_rds_global_cluster', 'aws_kms_key',
            'aws_cloudwatch_log_group'}
changes = plan['changes']
kind = lambda address: address.split('.')[0]
def stateful(address):
    return kind(address) in STATEFUL or (kind(address) == 'aws_rds_cluster_instance'
                                         and before.get(address) == 'writer')
def owner(address):
    return after.get(address) or before.get(address) or '?'
by_action = collections.defaultdict(list)
for c in changes:
    by_action[c['action']].append(c['address'])
def renamed(address, action):
    """Creations (or deletions) of the same type the edit does not explain: the other half
    of a resource that changed its address without a moved block."""
    if action == 'delete':
        return [a for a in by_action['create'] if kind(a) == kind(address) and owner(a) not in added]
    return [a for a in by_action['delete'] if kind(a) == kind(address) and owner(a) not in removed]
problems = []
for c in changes:
    a, action = c['address'], c['action']
    what = 'stateful ' if stateful(a) else ''
    if action == 'replace':
        if a not in replace_ok:
            problems.append(f'{a}: {what}resource replaced, forced by {", ".join(c["forced_by"])}; '
                            'expect.terraform.replace does not list it')
    elif action == 'delete':
        if stateful(a) and a not in replace_ok:
            problems.append(f'{a}: stateful resource deleted (IR {owner(a)})')
        elif owner(a) not in removed:
            twins = renamed(a, action)
            problems.append(f'{a}: deleted, but expect.removed does not list IR {owner(a)}' +
                            (f'; {", ".join(twins)} created instead without a moved block'
                             if twins else ''))
    elif action == 'create':
        if owner(a) not in added:
            twins = renamed(a, action)
            problems.append(f'{a}: created, but expect.added does not list IR {owner(a)}' +
                            (f'; it replaces {", ".join(twins)} without a moved block'
                             if twins else ''))
    elif action == 'update':
        if owner(a) not in changed and a not in update_ok:
            problems.append(f'{a}: updated ({", ".join(c["changed"])}), but neither '
                            f'expect.changed lists IR {owner(a)} nor expect.terraform.update it')
    elif action == 'move':
        problems.append(f'{a}: moved from {c["previous_address"]}: an address changed')
    else:
        problems.append(f'{a}: unexpected action {action}')
for ir in sorted(added):
    if not any(owner(a) == ir for a in by_action['create']):
        problems.append(f'expect.added lists {ir}, but the plan creates nothing of it')
for ir in sorted(removed):
    if not any(owner(a) == ir for a in by_action['delete']):
        problems.append(f'expect.removed lists {ir}, but the plan deletes nothing of it')
for a in sorted(replace_ok):
    if a not in by_action['replace'] and a not in by_action['delete']:
        problems.append(f'expect.terraform.replace lists {a}, but the plan does not replace it')
for a in sorted(update_ok):
    if a not in by_action['update']:
        problems.append(f'expect.terraform.update lists {a}, but the plan does not update it')
# The planner's Terraform column against the provider: the same resources replaced. Only the
# resources the planner names (an IR resource's own address; Terraform's companions, such as
# a proxy target, follow their owner) are compared.
said = {c['addresses']['terraform']: c['actions']['terraform'] for c in planner['changes']}
own = lambda a: a.split('.', 1)[1] == owner(a)
for c in changes:
    a = c['address']
    if c['action'] == 'replace' and own(a) and said.get(a) != 'replace':
        problems.append(f'{a}: Terraform replaces it (forced by {", ".join(c["forced_by"])}), '
                        f'aurora-gen plan says {said.get(a, "nothing")}')
for a, action in sorted(said.items()):
    if action == 'replace' and a not in by_action['replace'] and a not in by_action['delete']:
        problems.append(f'{a}: aurora-gen plan says replace, Terraform does not replace it')
for p in problems:
    print('PROBLEM ' + p)
for c in changes:
    detail = c['forced_by'] and 'forced by: ' + ', '.join(c['forced_by']) or \
        c['changed'] and 'changed: ' + ', '.join(c['changed']) or ''
    moved = f' (moved from {c["previous_address"]})' if c['previous_address'] else ''
    print(f'PLAN {c["action"]:7} {c["address"]}{moved}  {detail}'.rstrip())
counts = ', '.join(f'{len(by_action[k])} {k}' for k in ('create', 'update', 'replace', 'delete'))
replaced = by_action['replace']
print('SUMMARY ' + counts + (f' (replaced: {", ".join(replaced)})' if replaced else ''))
PY
}

run_one() {
  local name=$1 d=$tmp/pairs/$1 side start
  for side in before after; do
    if ! "$ag" render --target terraform --out-dir "$d/$side-out" "$d/$side.json" \
        >"$d/render.log" 2>&1; then
      { echo "aurora-gen render of the $side manifest failed:"; cat "$d/render.log"; } >"$d/problems"
      echo 1 >"$d/rc"
      return
    fi
  done
  start=$(date +%s)
  "$tfplan" edit --json "$d"/before-out/*/terraform "$d"/after-out/*/terraform \
    >"$d/plan.json" 2>"$d/plan.err"
  local rc=$?
  echo $(($(date +%s) - start)) >"$d/seconds"
  if [ $rc -ne 0 ]; then
    { echo "tfplan edit exited $rc:"; cat "$d/plan.err"; } >"$d/problems"
    echo $rc >"$d/rc"
    return
  fi
  "$ag" plan --format json --allow-replace "$d/before.json" "$d/after.json" >"$d/planner.json" \
    2>"$d/planner.err" || { { echo "aurora-gen plan failed:"; cat "$d/planner.err"; } >"$d/problems"
                            echo 1 >"$d/rc"; return; }
  check "$d/pair.json" "$d/plan.json" "$d/planner.json" >"$d/verdict" 2>&1
  sed -n 's/^PROBLEM //p' "$d/verdict" >"$d/problems"
  if [ -s "$d/problems" ] || ! grep -q '^SUMMARY ' "$d/verdict"; then echo 1; else echo 0; fi >"$d/rc"
}

begin=$(date +%s)
running=0
for name in "${names[@]}"; do
  [ -f "$tmp/pairs/$name/pair.json" ] || { echo "FAIL: no edit named $name"; exit 1; }
  run_one "$name" &
  running=$((running + 1))
  if [ $running -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

pass=0 fail=0 skipped=0
for name in "${names[@]}"; do
  d=$tmp/pairs/$name
  rc=$(cat "$d/rc" 2>/dev/null || echo 1)
  secs=$(cat "$d/seconds" 2>/dev/null || echo '?')
  if [ "$rc" = 77 ]; then
    skipped=$((skipped + 1))
    continue
  fi
  summary=$(sed -n 's/^SUMMARY //p' "$d/verdict" 2>/dev/null)
  if [ "$rc" = 0 ]; then
    pass=$((pass + 1))
    printf 'ok    %-32s %4s s  %s\n' "$name" "$secs" "$summary"
  else
    fail=$((fail + 1))
    printf 'FAIL  %-32s %4s s  %s\n' "$name" "$secs" "$summary"
    sed 's/^/        /' "$d/problems"
    if [ -s "$d/verdict" ]; then
      echo "        the plan:"
      sed -n 's/^PLAN /          /p' "$d/verdict"
    fi
  fi
done
if [ $skipped -eq ${#names[@]} ]; then
  sed -n '1p' "$tmp/pairs/${names[0]}/plan.err"
  exit 77
fi
echo "edit pairs under Terraform: $pass passed, $fail failed, $skipped skipped," \
  "$(($(date +%s) - begin)) s with $jobs at a time"
[ $fail -eq 0 ] && [ $skipped -eq 0 ]
