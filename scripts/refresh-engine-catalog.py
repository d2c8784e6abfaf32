#!/usr/bin/env python3
"""Regenerates data/engine-catalog.json from the RDS data that cfn-lint ships.

What: for each engine aurora-gen supports (aurora-postgresql, aurora-mysql, postgres, mysql,
mariadb) the engine versions AWS knows, the ones it has deprecated for new databases, and the
DB instance classes the engine offers, with the majors that offer fewer of them.

Where from: the installed cfn-lint package (AWS's CloudFormation linter), whose data AWS
regenerates from the RDS API (DescribeDBEngineVersions, DescribeOrderableDBInstanceOptions):
  data/schemas/extensions/aws_rds_dbcluster/engine_version.json             versions
  data/schemas/extensions/aws_rds_dbinstance/engine_version.json            versions
  data/schemas/extensions/aws_rds_dbcluster/engine_version_deprecated.json  deprecated
  data/schemas/extensions/aws_rds_dbinstance/engine_version_deprecated.json deprecated
  data/schemas/extensions/aws_rds_dbinstance/dbinstanceclass_enum.json      classes per region
  data/schemas/extensions/aws_rds_dbinstance/db_instance_class.json         classes per version
Versions and deprecations are the union of the DBCluster and DBInstance files. Instance
classes are a union over every region, so a class offered in one region only is accepted
everywhere. db_instance_class.json keys its class lists by version pattern without regard
to the engine, so a major's classes are that union intersected with the engine's own list.

How to refresh (one command, after `pip install --upgrade cfn-lint`):
  scripts/refresh-engine-catalog.py
The output is sorted and has no timestamp: running it twice writes the same bytes. Review
the diff, rebuild (the file is compiled into aurora-gen) and run the tests.
"""

import argparse
import json
import os
import re
import sys

ENGINES = ("aurora-mysql", "aurora-postgresql", "mariadb", "mysql", "postgres")
EXTENSIONS = os.path.join("data", "schemas", "extensions")


def cfn_lint_root():
    try:
        import cfnlint  # noqa: PLC0415 (the import is the point: find the installed copy)
        from cfnlint.version import __version__
    except ImportError:
        sys.exit("refresh-engine-catalog: cfn-lint is not installed (pip install cfn-lint)")
    return os.path.dirname(cfnlint.__file__), __version__


def load(root, resource, name):
    with open(os.path.join(root, EXTENSIONS, resource, name), encoding="utf-8") as f:
        return json.load(f)


def rules(schema):
    """The (if-properties, then) pairs of a cfn-lint `allOf` of if/then rules."""
    for rule in schema.get("allOf", []):
        yield rule.get("if", {}).get("properties", {}), rule.get("then")


def engine_of(props):
    return props.get("Engine", {}).get("const") if isinstance(props.get("Engine"), dict) else None


def versions(root):
    """Every engine version CloudFormation accepts, per engine."""
    out = {e: set() for e in ENGINES}
    for resource in ("aws_rds_dbcluster", "aws_rds_dbinstance"):
        for props, then in rules(load(root, resource, "engine_version.json")):
            engine = engine_of(props)
            if engine in out:
                out[engine].update(then["properties"]["EngineVersion"]["enum"])
    return out


def deprecated(root):
    """Versions AWS refuses for new databases (cfn-lint's W3690/W3691), per engine."""
    out = {e: set() for e in ENGINES}
    for resource in ("aws_rds_dbcluster", "aws_rds_dbinstance"):
        for props, then in rules(load(root, resource, "engine_version_deprecated.json")):
            engine = engine_of(props)
            if engine in out and then is False:
                out[engine].update(props["EngineVersion"]["enum"])
    return out


def classes_per_engine(root):
    """DB instance classes per engine, a union over all regions and license models."""
    out = {e: set() for e in ENGINES}
    for region in load(root, "aws_rds_dbinstance", "dbinstanceclass_enum.json").values():
        for props, then in rules(region):
            engine = engine_of(props)
            if engine in out:
                out[engine].update(then["properties"]["DBInstanceClass"]["enum"])
    return out


def classes_per_pattern(root):
    """(version regex, classes) pairs; cfn-lint repeats each for every engine, take one."""
    patterns = {}
    for props, then in rules(load(root, "aws_rds_dbinstance", "db_instance_class.json")):
        pattern = props.get("EngineVersion", {}).get("pattern")
        if pattern is not None and isinstance(then, dict):
            enum = then["properties"]["DBInstanceClass"].get("enum", [])
            patterns.setdefault(pattern, set()).update(enum)
    return sorted(patterns.items())


def major_of(engine, version):
    """The major line as aurora-gen names it: "16" (PostgreSQL 10+), "9.6", "8.0", "10.11"."""
    parts = re.split(r"[.-]", version)
    by_first = "postgres" in engine and parts[0].isdigit() and int(parts[0]) >= 10
    return parts[0] if by_first else ".".join(parts[:2])


def majors_missing_classes(engine, engine_versions, engine_classes, patterns):
    """Per major: the engine's classes that no version of that major is orderable with."""
    offered = {}
    for version in engine_versions:
        for pattern, classes in patterns:
            if re.fullmatch(pattern, version):
                major = major_of(engine, version)
                offered.setdefault(major, set()).update(classes & engine_classes)
    return {m: engine_classes - c for m, c in offered.items() if engine_classes - c}


def version_key(text):
    """Natural order, so that 16.10 follows 16.9."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.-]", text)]


def catalog(root, tool_version):
    patterns = classes_per_pattern(root)
    all_versions, all_deprecated = versions(root), deprecated(root)
    all_classes = classes_per_engine(root)
    engines = {}
    for engine in ENGINES:
        classes = all_classes[engine]
        missing = majors_missing_classes(engine, all_versions[engine], classes, patterns)
        engines[engine] = {
            "versions": sorted(all_versions[engine], key=version_key),
            "deprecated": sorted(all_deprecated[engine], key=version_key),
            "instance_classes": sorted(classes),
            "instance_classes_not_in_major": {
                m: sorted(c) for m, c in sorted(missing.items(), key=lambda i: version_key(i[0]))
            },
        }
    return {
        "about": "Generated by scripts/refresh-engine-catalog.py from cfn-lint's RDS data "
        "(see data/README.md); do not edit. Instance classes are a union over all regions.",
        "cfn_lint_version": tool_version,
        "engines": engines,
    }


def render(value, indent=0):
    """JSON with one line per list: small, and a refresh reads as a short diff."""
    if isinstance(value, dict):
        pad = "  " * (indent + 1)
        items = [f"{pad}{json.dumps(k)}: {render(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(repo, "data", "engine-catalog.json"))
    args = parser.parse_args()
    root, tool_version = cfn_lint_root()
    text = render(catalog(root, tool_version)) + "\n"
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{args.out}: {len(text)} bytes from cfn-lint {tool_version}")


if __name__ == "__main__":
    main()
