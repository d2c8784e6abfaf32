// Graphviz DOT. Every identifier and label is a quoted string, so no IR name can collide
// with a DOT keyword (node, edge, graph, subgraph) or break the syntax.
#include <sstream>

#include "graph.h"
#include "graph_style.h"

namespace ag::graph {
namespace {

// A DOT quoted string: quotes and backslashes escaped, line breaks as DOT's centred "\n".
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out + "\"";
}

void write_group(std::ostream& out, const Graph& g, Group group) {
  const GroupStyle s = style_of(group);
  bool opened = false;
  for (const Node& n : g.nodes) {
    if (n.group != group) continue;
    if (!opened) {
      out << "  subgraph " << dot_string("cluster_" + std::string(group_name(group))) << " {\n"
          << "    label=" << dot_string(group_name(group)) << ";\n"
          << "    color=" << dot_string(s.stroke) << ";\n";
      opened = true;
    }
    out << "    " << dot_string(n.name) << " [label=" << dot_string(n.name + "\n" + n.kind)
        << ", fillcolor=" << dot_string(s.fill) << ", color=" << dot_string(s.stroke) << "];\n";
  }
  if (opened) out << "  }\n";
}

}  // namespace

std::string to_dot(const Graph& g) {
  std::ostringstream out;
  out << "digraph " << dot_string(g.name) << " {\n"
      << "  graph [rankdir=LR, label=" << dot_string(g.name)
      << ", labelloc=t, fontname=\"Helvetica\", style=rounded];\n"
      << "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  for (const Group group : kGroups) write_group(out, g, group);
  for (const Edge& e : g.edges) {
    out << "  " << dot_string(e.from) << " -> " << dot_string(e.to)
        << " [label=" << dot_string(edge_label(e))
        << (e.kind == EdgeKind::DependsOn ? ", style=dashed" : "") << "];\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace ag::graph
