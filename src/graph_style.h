// What the DOT and Mermaid writers share: the fill colour of each group, so that both
// pictures read the same.
#pragma once

#include <string_view>

#include "graph.h"

namespace ag::graph {

// Light fills with a darker border of the same hue, readable in print and on dark themes.
struct GroupStyle {
  std::string_view fill;
  std::string_view stroke;
};

GroupStyle style_of(Group g);

// The attributes an edge reads, comma-separated, or "depends_on" for an explicit dependency.
std::string edge_label(const Edge& e);

}  // namespace ag::graph
