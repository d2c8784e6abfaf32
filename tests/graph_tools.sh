#!/usr/bin/env bash
# aurora-gen graph judged by the tools that draw it: Graphviz's dot renders the DOT of every
# example to SVG with one <title> per resource, and Mermaid's own parser
# (tools/checkers/mermaid-check.mjs) accepts the Mermaid of every example. docs/graph.md
# shows what the command prints now, and docs/graph.svg the same resources.
# usage: graph_tools.sh AURORA_GEN SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: graph_tools.sh AURORA_GEN SOURCE_DIR}
src=${2:?usage: graph_tools.sh AURORA_GEN SOURCE_DIR}
need dot node
need_checkers "$src"

# The resource names a DOT or an SVG names, sorted: node statements, SVG node titles.
dot_nodes() { sed -nE 's/^    "([^"]+)" \[label=.*/\1/p' "$1" | sort; }
svg_nodes() { grep -A1 'class="node"' "$1" | sed -nE 's/.*<title>([^<]+)<\/title>.*/\1/p' | sort; }

mermaid_files=()
for manifest in "$src"/examples/*.yaml; do
  name=$(basename "$manifest" .yaml)
  if ! "$bin" graph "$manifest" >"$work/$name.dot" 2>"$work/err"; then
    fail "$name: graph failed: $(head -3 "$work/err")"; continue
  fi
  if ! dot -Tsvg "$work/$name.dot" >"$work/$name.svg" 2>"$work/err" || [ -s "$work/err" ]; then
    fail "$name: dot -Tsvg: $(head -3 "$work/err")"; continue
  fi
  nodes=$(dot_nodes "$work/$name.dot")
  [ -n "$nodes" ] && [ "$nodes" = "$(svg_nodes "$work/$name.svg")" ] && pass ||
    fail "$name: the SVG does not draw every resource"
  edges=$(grep -c -- ' -> ' "$work/$name.dot")
  [ "$edges" -eq "$(grep -c 'class="edge"' "$work/$name.svg")" ] && pass ||
    fail "$name: the SVG does not draw every edge"
  "$bin" graph --format mermaid "$manifest" >"$work/$name.mmd" || fail "$name: graph --format mermaid"
  mermaid_files+=("$work/$name.mmd")
done

checker=$src/tools/checkers/mermaid-check.mjs
if node "$checker" "${mermaid_files[@]}" >"$work/mermaid.out" 2>&1; then pass; else
  fail "Mermaid's parser refused:"; sed 's/^/  /' "$work/mermaid.out" | head -20
fi
printf 'flowchart LR\n  a --> end\n' >"$work/broken.mmd"
node "$checker" "$work/broken.mmd" >/dev/null 2>&1 && fail "the Mermaid check accepts a broken diagram" || pass

# docs/graph.md: its Mermaid block is what the command prints for its example, GitHub's
# parser reads it, and docs/graph.svg draws the same resources.
example=$src/examples/serverless-postgres.yaml
sed -n '/^```mermaid$/,/^```$/p' "$src/docs/graph.md" | sed '1d;$d' >"$work/doc.mmd"
"$bin" graph --format mermaid "$example" | cmp -s - "$work/doc.mmd" && pass ||
  fail "docs/graph.md's Mermaid block is not what 'aurora-gen graph --format mermaid' prints (scripts/render-graph-docs.sh)"
node "$checker" "$src/docs/graph.md" >/dev/null 2>&1 && pass || fail "docs/graph.md does not parse"
"$bin" graph "$example" >"$work/doc.dot"
[ "$(dot_nodes "$work/doc.dot")" = "$(svg_nodes "$src/docs/graph.svg")" ] && pass ||
  fail "docs/graph.svg does not draw the example's resources (scripts/render-graph-docs.sh)"

finish
