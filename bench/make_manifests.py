#!/usr/bin/env python3
"""Writes N distinct, valid manifests into DIR for the throughput benchmark.

Each is one of examples/*.yaml (taken in turn) with its own metadata.name, so every
manifest renders to its own output folder, as in a repository of many databases.
Usage: make_manifests.py N DIR
"""
import pathlib
import re
import sys


def main() -> int:
    count, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    root = pathlib.Path(__file__).resolve().parent.parent
    examples = sorted((root / "examples").glob("*.yaml"))
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = examples[i % len(examples)]
        text = source.read_text()
        # The first "  name:" is metadata.name in every example (checked below).
        renamed, n = re.subn(r"^(  name: )(\S+)$", lambda m: f"{m[1]}{m[2]}-{i:04d}", text,
                             count=1, flags=re.M)
        if n != 1:
            print(f"{source}: no metadata.name line", file=sys.stderr)
            return 2
        (out / f"db-{i:04d}.yaml").write_text(renamed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
