#!/usr/bin/env python3
"""The yardstick of bench/: how fast a plain Python + Jinja2 generator renders one target.

Not a product and not a second implementation: it loads each manifest with PyYAML (the C
loader when present), applies a handful of defaults, renders one CloudFormation template
per manifest from cfn.yaml.j2 (about the size of aurora-gen's) and writes it to
OUT/<name>/template.yaml, all in one process, as a 50-line script would.
Usage: render_cfn.py OUT MANIFEST...
"""
import pathlib
import sys

import jinja2
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_PORTS = {"aurora-postgresql": 5432, "postgres": 5432}


def defaults(doc: dict) -> dict:
    spec = doc.setdefault("spec", {})
    engine = spec.get("engine", "aurora-postgresql")
    spec.setdefault("port", DEFAULT_PORTS.get(engine, 3306))
    spec.setdefault("backup", {}).setdefault("retention_period", 7)
    spec.setdefault("deletion_protection", True)
    instances = spec.setdefault("instances", {})
    writer = instances.setdefault("writer", {})
    writer.setdefault("instance_class", spec.get("instance_class", "db.serverless"))
    readers = instances.setdefault("readers", {})
    readers.setdefault("count", 1 if doc.get("kind") == "AuroraCluster" else 0)
    net = spec.setdefault("network", {})
    net.setdefault("subnet_ids", ["subnet-a", "subnet-b"])
    net.setdefault("allowed_cidr_blocks", [])
    doc.setdefault("metadata", {}).setdefault("tags", {})
    return doc


def main() -> int:
    out = pathlib.Path(sys.argv[1])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(pathlib.Path(__file__).parent),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.get_template("cfn.yaml.j2")
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = defaults(yaml.load(f, Loader=Loader))
        target = out / doc["metadata"]["name"]
        target.mkdir(parents=True, exist_ok=True)
        (target / "template.yaml").write_text(template.render(m=doc, spec=doc["spec"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
