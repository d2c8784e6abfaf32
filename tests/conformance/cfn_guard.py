#!/usr/bin/env python3
"""cfn-guard 3.x with AWS Control Tower's proactive rules on every golden CloudFormation template.

    cfn_guard.py AURORA_GEN SOURCE_DIR

The rules come with the npm package @cdklabs/cdk-validator-cfnguard (tools/cfn-guard, `npm ci`
there; scripts/setup.sh --with-test-tools does it). A rule may fail on a resource only where
aurora-gen says so: the manifest was warned (a policy.* warning, or another rule the scanner id
is a tag of, that the manifest does not record as an exception), or the resource's Metadata
suppresses the rule (guard: SuppressedRules, a default chosen on purpose or an exception the
manifest records, with its reason beside it in checkov's and cfn_nag's entries or the comment
above). Control Tower's rules do not read that metadata themselves, so it is checked here, both
ways: a suppression of a rule that passes is stale, and fails the test too. Exit 0 when every
template agrees, 1 with one line per disagreement, 77 (skipped) without the rules.
"""
import glob
import json
import os
import re
import subprocess
import sys

import yaml


class CfnLoader(yaml.SafeLoader):
    pass


def _tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node, deep=True)}
    return {suffix: loader.construct_mapping(node, deep=True)}


CfnLoader.add_multi_constructor("!", _tagged)


def guard_failures(guard, rules, template):
    """rule name -> logical ids of the resources it fails on."""
    out = subprocess.run([guard, "validate", "-r", rules, "-d", template, "-o", "json", "-S", "none",
                          "-z"], capture_output=True, text=True)
    if out.returncode not in (0, 19):
        raise SystemExit(f"cfn-guard failed on {template}: {out.stderr.strip()}")
    failures = {}
    for report in json.loads(out.stdout):
        for item in report.get("not_compliant", []):
            name = item["Rule"]["name"]
            ids = set(re.findall(r'"/Resources/([A-Za-z0-9]+)', json.dumps(item)))
            failures.setdefault(name, set()).update(ids)
    return failures


def expected_ids(aurora_gen, manifest):
    """Scanner ids the manifest was warned about (not recorded as exceptions)."""
    out = subprocess.run([aurora_gen, "validate", "--format", "json", manifest], capture_output=True,
                         text=True)
    ids = set()
    for d in json.loads(out.stderr)["diagnostics"]:
        if d["severity"] == "warning" and not d.get("suppressed"):
            ids.update(d.get("tags", []))
    return ids


def main():
    aurora_gen, root = sys.argv[1], sys.argv[2]
    pkg = os.path.join(root, "tools/cfn-guard/node_modules/@cdklabs/cdk-validator-cfnguard")
    guard = os.path.join(pkg, "bin/ubuntu/x86_64/cfn-guard")
    rules = os.path.join(pkg, "rules/control-tower/cfn-guard")
    if not os.path.exists(guard):
        print("cfn-guard: run `npm ci` in tools/cfn-guard (scripts/setup.sh --with-test-tools)")
        return 77
    problems, checked = [], 0
    for manifest in sorted(glob.glob(os.path.join(root, "examples/*.yaml"))):
        with open(manifest) as f:
            name = yaml.safe_load(f)["metadata"]["name"]
        template = os.path.join(root, "golden", name, "cloudformation/template.yaml")
        with open(template) as f:
            resources = yaml.load(f, Loader=CfnLoader)["Resources"]
        suppressed = {lid: set(r.get("Metadata", {}).get("guard", {}).get("SuppressedRules", []))
                      for lid, r in resources.items()}
        warned = expected_ids(aurora_gen, manifest)
        failures = guard_failures(guard, rules, template)
        rel = os.path.relpath(template, root)
        for rule, ids in sorted(failures.items()):
            for lid in sorted(ids):
                if rule not in warned and rule not in suppressed.get(lid, set()):
                    problems.append(f"{rel}: {rule} fails on {lid}, which neither a warning of "
                                    f"{os.path.basename(manifest)} nor its metadata explains")
        for lid, rules_off in sorted(suppressed.items()):
            for rule in sorted(rules_off - set(r for r, ids in failures.items() if lid in ids)):
                problems.append(f"{rel}: {lid} suppresses {rule}, which passes there")
        for rule in sorted(i for i in warned if re.match(r"^[a-z0-9_]+_check$", i)):
            if rule not in failures:
                problems.append(f"{rel}: {os.path.basename(manifest)} warns of {rule}, which passes")
        checked += 1
    for p in problems:
        print(p)
    print(f"cfn-guard: {checked} templates, {len(problems)} disagreements")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
