#include "graph_style.h"

#include <string>

namespace ag::graph {

GroupStyle style_of(Group g) {
  switch (g) {
    case Group::Network:
      return {"#e0f2fe", "#0369a1"};
    case Group::Database:
      return {"#fef3c7", "#b45309"};
    case Group::Security:
      return {"#fee2e2", "#b91c1c"};
    case Group::Monitoring:
      return {"#dcfce7", "#15803d"};
  }
  return {"#ffffff", "#000000"};
}

std::string edge_label(const Edge& e) {
  if (e.kind == EdgeKind::DependsOn) return "depends_on";
  std::string out;
  for (const std::string& a : e.attributes) out += (out.empty() ? "" : ", ") + a;
  return out;
}

}  // namespace ag::graph
