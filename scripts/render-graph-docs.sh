#!/usr/bin/env bash
# Regenerates the example of docs/graph.md from examples/serverless-postgres.yaml: the SVG
# that Graphviz draws (docs/graph.svg) and the Mermaid block between the ```mermaid fences.
# tests/graph_tools.sh fails when either is stale. Needs a build (scripts/build.sh) and dot.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BUILD_DIR:-$root/build}/aurora-gen
example=$root/examples/serverless-postgres.yaml
"$bin" graph "$example" | dot -Tsvg >"$root/docs/graph.svg"
mermaid=$("$bin" graph --format mermaid "$example")
MERMAID=$mermaid python3 - "$root/docs/graph.md" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
block = "```mermaid\n" + os.environ["MERMAID"] + "\n```"
new, n = re.subn(r"^```mermaid\n.*?^```$", lambda _: block, text, count=1, flags=re.S | re.M)
if n != 1:
    sys.exit(f"{path}: no ```mermaid block to replace")
open(path, "w", encoding="utf-8").write(new)
PY
echo "updated docs/graph.svg and the Mermaid block of docs/graph.md"
