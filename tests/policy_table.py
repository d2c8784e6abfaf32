#!/usr/bin/env python3
"""The policy table (data/policy.json) against the artifacts, and docs/policy.md against the table.

    policy_table.py AURORA_GEN SOURCE_DIR            check every golden artifact and tests/policy/
    policy_table.py --doc SOURCE_DIR                 print docs/policy.md's generated table
    policy_table.py --check-doc SOURCE_DIR           exit 1 when docs/policy.md's table is stale

For every example (golden/<name>/) and every manifest of tests/policy/ (rendered here), each
scanner rule's requirement is read back from each target's artifact (template.yaml and
Pulumi.yaml as YAML, main.tf by its layout) on every resource of the kinds it concerns, the
way the scanner reads it. Where it fails, the table says why, and the artifact and the
manifest's diagnostics must agree:

- an opt-out (`policy`): the manifest is warned with that policy rule, the scanner id among
  the warning's tags; if the manifest records an exception, the targets the scanner reads
  carry the scanner's suppression (checkov, trivy, cfn-nag, cfn-guard syntax) with its reason;
- a deliberate default (`design`): those targets carry the suppression with the table's reason.

Where it passes, no suppression of it stands on the resource. The three targets must agree on
every verdict, and every scanner id a warning names must fail somewhere. Exit 0 clean, 1 with
one line per disagreement.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

TARGETS = ("cloudformation", "terraform", "pulumi")


# --------------------------------------------------------------------------------------------
# Reading artifacts and the IR.

class TagLoader(yaml.SafeLoader):
    pass


def _tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return {"!" + suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {"!" + suffix: loader.construct_sequence(node, deep=True)}
    return {"!" + suffix: loader.construct_mapping(node, deep=True)}


TagLoader.add_multi_constructor("!", _tagged)


class Expr:
    """A value that is no literal: a reference, a function, an interpolation."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return f"<{self.text}>"


def literal(v):
    """A YAML value as the scanner sees it: literals stay, tagged nodes and Pulumi
    interpolations become Expr."""
    if isinstance(v, dict) and len(v) == 1 and next(iter(v)).startswith(("!", "fn::")):
        return Expr(next(iter(v)))
    if isinstance(v, str) and "${" in v.replace("$${", ""):
        return Expr(v)
    return v


def pascal(snake):
    out, start = "", True
    for i, c in enumerate(snake):
        if c == "_":
            if 0 < i < len(snake) - 1 and snake[i - 1].isdigit() and snake[i + 1].isdigit():
                out += "x"
            start = True
            continue
        out += c.upper() if start else c
        start = False
    return out


def camel(snake):
    p = pascal(snake)
    return p[0].lower() + p[1:]


def ir_graph(aurora_gen, manifest):
    out = subprocess.run([aurora_gen, "explain", manifest], capture_output=True, text=True,
                         check=True)
    return yaml.load(out.stdout, Loader=TagLoader)["resources"]


def templates(root):
    """target dir → kind → (type, {ir property: target key})."""
    out = {}
    for target, tdir in (("cloudformation", "cfn"), ("terraform", "terraform"),
                         ("pulumi", "pulumi")):
        kinds = {}
        for path in glob.glob(os.path.join(root, "templates", tdir, "*.yaml")):
            with open(path) as f:
                for kind, k in (yaml.safe_load(f) or {}).items():
                    props = {}
                    for key, expr in (k.get("properties") or {}).items():
                        if isinstance(expr, str) and re.fullmatch(r"\$[a-z_0-9]+", expr):
                            props[expr[1:]] = key
                        elif isinstance(expr, dict) and str(expr.get("$each", expr.get("$entries"))) == "$parameters":
                            props["parameters"] = key
                    kinds[kind] = (k["type"], props)
        out[target] = kinds
    return out


def tf_value(text):
    """A Terraform attribute's first line, read as the literal it writes, or an Expr."""
    text = text.strip()
    if text.startswith('"') and text.endswith('"') and text.count('"') == 2 + text.count('\\"'):
        return json.loads(text)
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"-?[0-9]*\.[0-9]+", text):
        return float(text)
    if text in ("true", "false"):
        return text == "true"
    if text.startswith("[") and text.endswith("]"):
        items = [i.strip() for i in text[1:-1].split(",") if i.strip()]
        return [tf_value(i) for i in items]
    return Expr(text)


def read_terraform(path):
    """label → {"type", "attrs", "blocks": {name: [attrs]}, "above": comment lines,
    "inside": comment lines}, from the layout aurora-gen's HCL writer produces (terraform fmt)."""
    with open(path) as f:
        lines = f.read().split("\n")
    out, comments, i = {}, [], 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r'^resource "([^"]+)" "([^"]+)" \{$', line)
        if line.startswith("#"):
            comments.append(line)
            i += 1
            continue
        if not m:
            comments = []
            i += 1
            continue
        r = {"type": m.group(1), "attrs": {}, "blocks": {}, "above": comments, "inside": []}
        comments = []
        i += 1
        block = None
        while lines[i] != "}":
            l = lines[i]
            if re.match(r"^  #", l):
                r["inside"].append(l.strip())
            elif block is None and (bm := re.match(r"^  ([a-z_]+) \{$", l)):
                block = {}
                r["blocks"].setdefault(bm.group(1), []).append(block)
            elif block is not None and l == "  }":
                block = None
            elif am := re.match(r"^    ([a-z_]+) += (.*)$", l) if block is not None else None:
                block[am.group(1)] = tf_value(am.group(2))
            elif am := re.match(r"^  ([a-z_]+) += (.*)$", l):
                r["attrs"][am.group(1)] = tf_value(am.group(2))
            i += 1
        out[m.group(2)] = r
        i += 1
    return out


class Artifact:
    """One target's artifact of one manifest: IR resource name → (properties by IR name,
    suppressions as (scanner, id, reason))."""

    def __init__(self, target, directory, graph, tmpl):
        self.target = target
        self.props, self.suppressed = {}, {}
        # IR properties each kind's template writes somewhere this reader finds them.
        self.written = {kind: set(t[1]) | ({"skip_final_snapshot"} if target == "cloudformation"
                                            else set()) for kind, t in tmpl.items()}
        if target == "cloudformation":
            self._cfn(os.path.join(directory, "template.yaml"), graph, tmpl)
        elif target == "pulumi":
            self._pulumi(os.path.join(directory, "Pulumi.yaml"), graph, tmpl)
        else:
            self._terraform(os.path.join(directory, "main.tf"), graph, tmpl)

    @staticmethod
    def _each(graph, resources, naming, tmpl, key):
        """(IR name, kind, the target's resource, its properties by IR name), for each IR
        resource the artifact holds."""
        for name, r in graph.items():
            tid = naming(name)
            if tid not in resources or r["kind"] not in tmpl:
                continue
            body = {k: literal(v) for k, v in (resources[tid].get(key) or {}).items()}
            props = {ir: body[k] for ir, k in tmpl[r["kind"]][1].items() if k in body}
            yield name, r["kind"], tid, resources[tid], props

    def _cfn(self, path, graph, tmpl):
        with open(path) as f:
            text = f.read()
        resources = yaml.load(text, Loader=TagLoader)["Resources"]
        for name, kind, lid, res, props in self._each(graph, resources, pascal, tmpl, "Properties"):
            if isinstance(props.get("parameters"), dict):
                props["parameters"] = [{"name": k, "value": v} for k, v in props["parameters"].items()]
            # CloudFormation spells the final snapshot as the deletion policy (docs/parity.md).
            if kind in ("rds_cluster", "db_instance"):
                props["skip_final_snapshot"] = res.get("DeletionPolicy") != "Snapshot"
            self.props[name] = props
            meta = res.get("Metadata") or {}
            sup = set()
            for s in (meta.get("checkov") or {}).get("skip", []):
                sup.add(("checkov", s["id"], s["comment"]))
            for s in (meta.get("cfn_nag") or {}).get("rules_to_suppress", []):
                sup.add(("cfn-nag", s["id"], s["reason"]))
            for s in (meta.get("guard") or {}).get("SuppressedRules", []):
                sup.add(("cfn-guard", s, None))
            # trivy: the comment line right above the logical id, reasons on the lines above it
            above = re.search(r"((?:  #.*\n)*)  " + lid + r":\n", text).group(1).splitlines()
            reasons = {m.group(1): m.group(2) for l in above
                       if (m := re.match(r"^  # ([A-Z0-9-]+): (.*)$", l))}
            if above and "trivy:ignore:" in above[-1]:
                for tid in re.findall(r"trivy:ignore:([A-Z0-9-]+)", above[-1]):
                    sup.add(("trivy", tid, reasons.get(tid)))
            self.suppressed[name] = sup

    def _pulumi(self, path, graph, tmpl):
        with open(path) as f:
            resources = yaml.load(f, Loader=TagLoader)["resources"]
        for name, kind, _, res, props in self._each(graph, resources, camel, tmpl, "properties"):
            # A JSON document is fn::toJSON of the document itself.
            raw = res["properties"].get(tmpl[kind][1].get("policy", ""), None)
            if isinstance(raw, dict) and "fn::toJSON" in raw:
                props["policy"] = raw["fn::toJSON"]
            self.props[name] = props
            self.suppressed[name] = set()  # no scanner reads Pulumi YAML

    def _terraform(self, path, graph, tmpl):
        resources = read_terraform(path)
        for name, r in graph.items():
            if name not in resources or r["kind"] not in tmpl:
                continue
            tf = resources[name]
            props = {ir: tf["attrs"][k] for ir, k in tmpl[r["kind"]][1].items() if k in tf["attrs"]}
            if "parameters" in tmpl[r["kind"]][1]:
                props["parameters"] = tf["blocks"].get("parameter", [])
            self.props[name] = props
            sup = set()
            for c in tf["inside"]:
                if m := re.match(r"^#checkov:skip=([A-Za-z0-9_]+):(.*)$", c):
                    sup.add(("checkov", m.group(1), m.group(2)))
            reasons = {m.group(1): m.group(2) for c in tf["above"]
                       if (m := re.match(r"^# ([A-Z0-9-]+): (.*)$", c))}
            if tf["above"] and tf["above"][-1].startswith("#trivy:ignore:"):
                for tid in re.findall(r"trivy:ignore:([A-Z0-9-]+)", tf["above"][-1]):
                    sup.add(("trivy", tid, reasons.get(tid)))
            self.suppressed[name] = sup


# --------------------------------------------------------------------------------------------
# Judging a check on what an artifact reads back (the same semantics as src/policy/).

def engine_of(graph):
    for r in graph.values():
        if r["kind"] in ("rds_cluster", "db_instance"):
            return r["properties"]["engine"]
    return ""


def group_of(name, check, graph):
    """The parameter group a check reads: the resource itself, or the one it references."""
    r = graph[name]
    if r["kind"] in ("cluster_parameter_group", "db_parameter_group"):
        return name
    ref = r["properties"].get(check["property"])
    if isinstance(ref, dict) and "!ref" in ref:
        return ref["!ref"].split(".")[0]
    return None


def parameter(art, group, pname):
    for p in art.props.get(group, {}).get("parameters", []) or []:
        if p.get("name") == pname:
            return p
    return None


def statements(doc):
    if isinstance(doc, dict):
        return doc.get("Statement", [])
    return None


def wildcard(p):
    if isinstance(p, str):
        return p == "*"
    if isinstance(p, dict):
        return wildcard(p.get("AWS"))
    if isinstance(p, list):
        return any(wildcard(x) for x in p)
    return False


def judge(check, name, art, graph):
    """None (does not apply), "pass", ("policy", rule), ("design", reason) or "unread"."""
    r = graph[name]
    if r["kind"] not in check["kinds"]:
        return None
    if check.get("engines") and engine_of(graph) not in check["engines"]:
        return None
    group = group_of(name, check, graph) if check["op"] in ("parameter", "parameters_named") else None
    family = graph[group]["properties"].get("family", "") if group else ""
    if check.get("families") and family not in check["families"]:
        return None
    if family in check.get("families_except", []):
        return None
    props = art.props.get(name)
    if props is None:
        return "unread"
    if check["op"] not in ("parameter", "parameters_named", "never") and \
            check["property"] not in art.written.get(r["kind"], set()):
        return "unread"
    if "when" in check and props.get(check["when"]["property"]) != check["when"]["equals"]:
        return None
    if "unless" in check and check["unless"]["property"] in graph[name]["properties"]:
        return None
    fail = (("policy", check["policy"]) if check.get("policy") else
            ("design", check.get("design")) if check.get("design") else ("guaranteed", check.get("guaranteed")))
    absent = check.get("absent", "fail")
    on_absent = ("pass" if absent == "pass" else ("design", check.get("absent_reason"))
                 if absent == "design" else ("policy", check.get("policy")) if absent == "policy" else fail)
    op, value = check["op"], check.get("value")
    v = props.get(check["property"])
    if op == "never":
        return fail
    if op in ("parameter", "parameters_named"):
        if group is None:
            return "pass"
        if op == "parameters_named":
            return "pass" if all(parameter(art, group, n) for n in value) else fail
        p = parameter(art, group, value["name"])
        return "pass" if p and p.get("value") in value["in"] else fail
    if op == "not_literal":  # a Secrets Manager dynamic reference is no plaintext
        return fail if isinstance(v, str) and not v.startswith("{{resolve:secretsmanager:") else "pass"
    if op == "not_equals":
        return fail if v == value else "pass"
    if op == "not_in":
        return fail if v in value else "pass"
    if v is None or v == [] or v == "":
        return on_absent
    if isinstance(v, Expr):
        if op == "present":
            return "pass"
        if op in ("statement", "no_wildcard_allow"):
            return "unread"  # Terraform's jsonencode(): read in the other targets
        return "unread"
    if op == "present":
        return "pass"
    if op == "equals":
        return "pass" if v == value else fail
    if op == "in":
        return "pass" if v in value else fail
    if op == "at_least":
        return "pass" if isinstance(v, (int, float)) and v >= value else fail
    if op == "contains":
        return "pass" if value in v else fail
    if op == "exports_match":
        want = value.get(engine_of(graph))
        if want is None:
            return "pass"
        missing = [t for t in want if t not in v]
        extra = [t for t in v if t not in want]
        if any(t not in check.get("design_missing", []) for t in missing):
            return ("policy", check["policy"])
        if extra:
            return ("design", check["extra_reason"])
        return ("design", check["design"]) if missing else "pass"
    if op in ("statement", "no_wildcard_allow"):
        st = statements(v)
        if st is None:
            return "unread"
        if op == "statement":
            return "pass" if any(s.get("Sid") == value for s in st) else fail
        bad = any(s.get("Effect") == "Allow" and wildcard(s.get("Principal")) for s in st)
        return fail if bad else "pass"
    raise SystemExit(f"unknown op {op}")


def row_verdict(row, name, art, graph):
    """A rule fails on a resource where one of its checks does (the first one that does)."""
    result = None
    for check in row["checks"]:
        v = judge(check, name, art, graph)
        if v is None:
            continue
        if v not in ("pass", "unread"):
            return v
        result = "pass" if v == "pass" else result or v
    return result


# --------------------------------------------------------------------------------------------
# Checking one manifest.

def diagnostics(aurora_gen, manifest):
    out = subprocess.run([aurora_gen, "validate", "--format", "json", manifest],
                         capture_output=True, text=True)
    return json.loads(out.stderr)["diagnostics"]


def check_manifest(aurora_gen, root, manifest, directory, table, tmpl, problems):
    graph = ir_graph(aurora_gen, manifest)
    arts = {t: Artifact(t, os.path.join(directory, t), graph, tmpl[t]) for t in TARGETS}
    diags = diagnostics(aurora_gen, manifest)
    warned = {}  # policy rule → (tags, suppressed reason)
    for d in diags:
        if d["severity"] == "warning":
            warned[d["rule"]] = (set(d.get("tags", [])), d.get("suppressed"))
    label = os.path.relpath(manifest, root)
    failing_ids, judged = set(), 0
    for row in table["scanner_rules"]:
        for name in graph:
            verdicts = {t: row_verdict(row, name, arts[t], graph) for t in TARGETS}
            read = {t: v for t, v in verdicts.items() if v not in (None, "unread")}
            if read:
                judged += 1
                kinds = {json.dumps(v) for v in read.values()}
                where = f"{label}: {row['scanner']} {row['id']} on {name}"
                if len(kinds) > 1:
                    problems.append(f"{where}: the targets disagree: {read}")
                verdict = next(iter(read.values()))
                if verdict != "pass" and verdict[0] == "guaranteed":
                    problems.append(f"{where}: fails a guarantee: {verdict[1]}")
                    continue
                if verdict != "pass" and verdict[0] == "policy":
                    tags, _ = warned.get(verdict[1], (set(), None))
                    if verdict[1] not in warned:
                        problems.append(f"{where}: fails, and {verdict[1]} is not reported")
                    elif row["scanner"] != "aurora-gen" and row["id"] not in tags:
                        problems.append(f"{where}: fails, and the {verdict[1]} warning does not "
                                        f"name it")
                for t in row["reads"]:
                    if verdicts.get(t) is None:
                        continue
                    sups = {(s, i): why for s, i, why in arts[t].suppressed.get(name, set())}
                    key = (row["scanner"], row["id"])
                    if verdict == "pass":
                        if key in sups:
                            problems.append(f"{where}: {t} suppresses a rule that passes")
                        continue
                    kind, why = verdict
                    if kind == "policy":
                        why = warned.get(why, (set(), None))[1]
                        if why is None:  # not recorded as an exception: the scanner is to report it
                            if key in sups:
                                problems.append(f"{where}: {t} suppresses an opt-out the "
                                                f"manifest records no exception for")
                            continue
                    if key not in sups:
                        problems.append(f"{where}: {t} carries no {row['scanner']} suppression "
                                        f"({why})")
                    elif sups[key] is not None and sups[key] != why:
                        problems.append(f"{where}: {t}'s suppression says {sups[key]!r}, "
                                        f"not {why!r}")
                if verdict != "pass":
                    failing_ids.add(row["id"])
    for rule, (tags, _) in warned.items():
        for tag in tags - {"security", "policy"}:
            if tag not in failing_ids:
                problems.append(f"{label}: the {rule} warning names {tag}, which no artifact fails")
    return judged


# --------------------------------------------------------------------------------------------
# docs/policy.md

BEGIN = "<!-- BEGIN: generated from data/policy.json by tests/policy_table.py --doc -->"
END = "<!-- END: generated -->"


def absent_case(reason):
    if "restored" in reason:
        return "a restored database: suppressed"
    if "key" in reason.lower():
        return "no customer key (the default): suppressed"
    return "suppressed"


def cell(row, target):
    """Whether a default manifest satisfies the rule in one target, and what else happens."""
    if not row["checks"]:
        return "n/a"
    if target == "pulumi" and row["scanner"] != "aurora-gen":
        return "same setting (no scanner reads Pulumi YAML)"
    if target not in row["reads"] and row["scanner"] != "aurora-gen":
        return "not read"
    parts = []
    for c in row["checks"]:
        if c.get("policy"):
            parts.append(f"✓ (off: `{c['policy']}`)")
        elif c.get("guaranteed"):
            parts.append("✓ always")
        elif c.get("design"):
            parts.append("✗ by design: suppressed")
        if c.get("absent") == "design":
            parts.append(absent_case(c["absent_reason"]))
        if c.get("extra_reason"):
            parts.append("extra log types: suppressed")
    out = []
    for p in parts:
        if p not in out:
            out.append(p)
    return "; ".join(out)


def why(row):
    reasons = []
    for c in row["checks"]:
        for r in (c.get("design"), c.get("absent_reason") if c.get("absent") == "design" else None,
                  c.get("extra_reason"), c.get("guaranteed")):
            if r and r not in reasons:
                reasons.append(r)
    if row.get("note"):
        reasons.insert(0, row["note"])
    return " · ".join(reasons)


def doc_table(table):
    lines = [BEGIN, "",
             "| scanner | rule | requires | CloudFormation | Terraform | Pulumi | why / source |",
             "|---|---|---|---|---|---|---|"]
    for row in table["scanner_rules"]:
        title = row["id"] if row["scanner"] != "cfn-guard" else f"`{row['id']}` ({row['title']})"
        if row["scanner"] != "cfn-guard":
            title = f"{row['id']}: {row['title']}"
        src = row["source"]
        link = f"[source]({src})" if src.startswith("http") else f"source: `{src}`"
        text = why(row)
        lines.append("| " + " | ".join([row["scanner"], title.replace("|", "/"),
                                         row["requires"].replace("|", "/"),
                                         cell(row, "cloudformation"), cell(row, "terraform"),
                                         cell(row, "pulumi"),
                                         (text + " · " if text else "") + link]) + " |")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def main(argv):
    if argv[1] in ("--doc", "--check-doc"):
        root = argv[2]
        with open(os.path.join(root, "data/policy.json")) as f:
            table = json.load(f)
        want = doc_table(table)
        if argv[1] == "--doc":
            sys.stdout.write(want)
            return 0
        with open(os.path.join(root, "docs/policy.md")) as f:
            text = f.read()
        m = re.search(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n", text, re.S)
        if not m or m.group(0) != want:
            print("docs/policy.md: the table differs from data/policy.json; regenerate it with "
                  "tests/policy_table.py --doc and paste it between the markers")
            return 1
        print("docs/policy.md: the table is data/policy.json's")
        return 0
    aurora_gen, root = argv[1], argv[2]
    with open(os.path.join(root, "data/policy.json")) as f:
        table = json.load(f)
    tmpl = templates(root)
    problems, judged, manifests = [], 0, 0
    for manifest in sorted(glob.glob(os.path.join(root, "examples/*.yaml"))):
        with open(manifest) as f:
            name = yaml.safe_load(f)["metadata"]["name"]
        judged += check_manifest(aurora_gen, root, manifest, os.path.join(root, "golden", name),
                                 table, tmpl, problems)
        manifests += 1
    with tempfile.TemporaryDirectory() as out:
        for manifest in sorted(glob.glob(os.path.join(root, "tests/policy/*.yaml"))):
            with open(manifest) as f:
                name = yaml.safe_load(f)["metadata"]["name"]
            subprocess.run([aurora_gen, "render", "--target", "all", "--out-dir", out, manifest],
                           check=True, capture_output=True)
            judged += check_manifest(aurora_gen, root, manifest, os.path.join(out, name), table,
                                     tmpl, problems)
            manifests += 1
    for p in problems:
        print(p)
    print(f"policy table: {manifests} manifests, {judged} verdicts, {len(problems)} disagreements")
    if judged == 0:
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
