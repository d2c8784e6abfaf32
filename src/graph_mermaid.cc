// A Mermaid flowchart, as GitHub displays it in a ```mermaid block. Node ids are derived
// from IR names but prefixed, since Mermaid reserves words such as `end`, `graph` and
// `style` as bare ids; every label is a quoted string with Mermaid's entity codes for the
// characters its parser or its HTML labels would read.
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "graph.h"
#include "graph_style.h"

namespace ag::graph {
namespace {

// "r_" and the name, any character outside [A-Za-z0-9_] spelled _xHH.
std::string node_id(std::string_view name) {
  std::string out = "r_";
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
      out += c;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "_x%02X", u);
      out += hex;
    }
  }
  return out;
}

// A quoted label: quotes, '#', HTML-special characters, '|' and '`' as entity codes (the
// last two end an edge label or start a Markdown string), line breaks as <br/>.
std::string label(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '|':
        out += "#124;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\n':
        out += "<br/>";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

void write_group(std::ostream& out, const Graph& g, Group group) {
  std::string members;
  for (const Node& n : g.nodes) {
    if (n.group != group) continue;
    if (members.empty()) {
      out << "  subgraph g_" << group_name(group) << "[" << label(group_name(group)) << "]\n";
    }
    out << "    " << node_id(n.name) << "[" << label(n.name + "\n" + n.kind) << "]\n";
    members += (members.empty() ? "" : ",") + node_id(n.name);
  }
  if (members.empty()) return;
  const GroupStyle s = style_of(group);
  out << "  end\n"
      << "  classDef " << group_name(group) << " fill:" << s.fill << ",stroke:" << s.stroke << "\n"
      << "  class " << members << " " << group_name(group) << "\n";
}

}  // namespace

std::string to_mermaid(const Graph& g) {
  std::ostringstream out;
  // The title as a YAML double-quoted string; a JSON string is one.
  out << "---\ntitle: " << nlohmann::json(g.name).dump() << "\n---\nflowchart LR\n";
  for (const Group group : kGroups) write_group(out, g, group);
  for (const Edge& e : g.edges) {
    out << "  " << node_id(e.from) << (e.kind == EdgeKind::DependsOn ? " -.->|" : " -->|")
        << label(edge_label(e)) << "| " << node_id(e.to) << "\n";
  }
  return out.str();
}

}  // namespace ag::graph
