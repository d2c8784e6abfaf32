// The resource graph as people look at it (`aurora-gen graph`): every IR resource a node
// with its kind and name, every reference and explicit dependency an edge, each node in one
// of four groups. Building it is separate from writing it: the DOT and Mermaid writers own
// their syntax and escaping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir.h"

namespace ag::graph {

enum class Group { Network, Database, Security, Monitoring };

// The groups in the order writers list them.
inline constexpr Group kGroups[] = {Group::Network, Group::Database, Group::Security,
                                    Group::Monitoring};

std::string_view group_name(Group g);

// Whether the table knows the IR kind, and its group; group_of throws std::logic_error for a
// kind without a row (a kind lowering gained without one here; graph_test compares the table
// with the kinds the templates map).
bool has_group(std::string_view kind);
Group group_of(std::string_view kind);

struct Node {
  std::string name;  // the IR name, unique in the graph
  std::string kind;  // the IR kind
  Group group;
};

enum class EdgeKind { Reference, DependsOn };

// `from` needs `to`: it reads `attributes` of it (a reference), or is ordered after it
// (an explicit dependency). One edge per pair and kind.
struct Edge {
  std::string from;
  std::string to;
  EdgeKind kind;
  std::vector<std::string> attributes;  // sorted, unique; empty for DependsOn
};

struct Graph {
  std::string name;         // metadata.name
  std::vector<Node> nodes;  // in the IR's order
  std::vector<Edge> edges;  // by `from` in node order, then `to` in node order, then kind
};

// Throws std::logic_error when a reference or dependency names no resource of the graph.
Graph build(const ir::Graph& g);

// Graphviz DOT: one cluster subgraph per group that has nodes.
std::string to_dot(const Graph& g);
// A Mermaid flowchart: one subgraph per group that has nodes.
std::string to_mermaid(const Graph& g);

}  // namespace ag::graph
