// The resource graph (aurora-gen graph): nodes, edges and groups from the IR, and the DOT
// and Mermaid writers' syntax and escaping. That Graphviz and Mermaid accept the output of
// every example is tested with the tools themselves (tests/graph_tools.sh).
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <set>

#include "graph.h"
#include "test_support.h"

using namespace ag;

namespace {

const graph::Edge* edge(const graph::Graph& g, const std::string& from, const std::string& to,
                        graph::EdgeKind kind) {
  for (const graph::Edge& e : g.edges) {
    if (e.from == from && e.to == to && e.kind == kind) return &e;
  }
  return nullptr;
}

ir::Resource resource(std::string kind, std::string name, ir::Map props = {},
                      std::vector<std::string> depends_on = {}) {
  ir::Resource r;
  r.kind = std::move(kind);
  r.name = std::move(name);
  r.props = std::move(props);
  r.depends_on = std::move(depends_on);
  return r;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("the group table has a row for every kind the templates map") {
  for (const std::string target : {"cfn", "terraform", "pulumi"}) {
    for (const graph::Group group : graph::kGroups) {
      const std::string file =
          "templates/" + target + "/" + std::string(graph::group_name(group)) + ".yaml";
      for (const auto& entry : YAML::Load(test::read_repo_file(file))) {
        INFO(file << ": " << entry.first.as<std::string>());
        CHECK(graph::has_group(entry.first.as<std::string>()));
      }
    }
  }
  CHECK(graph::group_of("db_subnet_group") == graph::Group::Database);
  CHECK(graph::group_of("security_group") == graph::Group::Security);
  CHECK(graph::group_of("route_table") == graph::Group::Network);
  CHECK(graph::group_of("sns_topic") == graph::Group::Monitoring);
  CHECK_THROWS_AS(graph::group_of("no_such_kind"), std::logic_error);
}

TEST_CASE("every example: a node per resource, edges between nodes, each once") {
  for (const std::string& name : test::example_names()) {
    INFO(name);
    const Compiled c = test::compile_example(name);
    const graph::Graph g = graph::build(c.graph);
    REQUIRE(g.nodes.size() == c.graph.resources.size());
    std::set<std::string> names;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
      CHECK(g.nodes[i].name == c.graph.resources[i].name);
      CHECK(g.nodes[i].kind == c.graph.resources[i].kind);
      names.insert(g.nodes[i].name);
    }
    std::set<std::tuple<std::string, std::string, graph::EdgeKind>> seen;
    for (const graph::Edge& e : g.edges) {
      CHECK(names.contains(e.from));
      CHECK(names.contains(e.to));
      CHECK(e.from != e.to);
      CHECK(seen.insert({e.from, e.to, e.kind}).second);
      CHECK(e.attributes.empty() == (e.kind == graph::EdgeKind::DependsOn));
    }
    for (const ir::Resource& r : c.graph.resources) {
      for (const std::string& d : r.depends_on) {
        CHECK(edge(g, r.name, d, graph::EdgeKind::DependsOn) != nullptr);
      }
    }
    CHECK(graph::to_dot(graph::build(c.graph)) == graph::to_dot(g));
  }
}

TEST_CASE("references become labelled edges, explicit dependencies dashed ones") {
  ir::Graph ir;
  ir.name = "demo";
  ir.resources.push_back(resource("vpc", "vpc"));
  ir.resources.push_back(
      resource("security_group", "security_group", {{"vpc_id", ir::ref("vpc", "id")}}));
  ir.resources.push_back(resource(
      "rds_cluster", "cluster",
      {{"groups", ir::List{ir::ref("security_group", "id")}},
       {"name", ir::Concat{{"x-", ir::ref("security_group", "arn"), ir::ref("vpc", "id")}}},
       {"again", ir::ref("security_group", "id")}},
      {"vpc"}));
  const graph::Graph g = graph::build(ir);
  REQUIRE(g.edges.size() == 4);
  const graph::Edge* e = edge(g, "cluster", "security_group", graph::EdgeKind::Reference);
  REQUIRE(e != nullptr);
  CHECK(e->attributes == std::vector<std::string>{"arn", "id"});
  CHECK(edge(g, "cluster", "vpc", graph::EdgeKind::Reference) != nullptr);
  CHECK(edge(g, "cluster", "vpc", graph::EdgeKind::DependsOn) != nullptr);
  CHECK(g.edges.front().from == "security_group");  // in the IR's order of resources
  CHECK(g.nodes[2].group == graph::Group::Database);

  ir.resources.push_back(resource("subnet", "subnet", {{"vpc_id", ir::ref("nowhere", "id")}}));
  CHECK_THROWS_AS(graph::build(ir), std::logic_error);
}

TEST_CASE("DOT: quoted identifiers, one cluster per group that has nodes, escaped labels") {
  graph::Graph g{"a \"quoted\" \\ name", {}, {}};
  g.nodes.push_back({"node", "vpc", graph::Group::Network});
  g.nodes.push_back({"odd\"name\\x", "rds_cluster", graph::Group::Database});
  g.edges.push_back({"odd\"name\\x", "node", graph::EdgeKind::Reference, {"id", "arn"}});
  g.edges.push_back({"odd\"name\\x", "node", graph::EdgeKind::DependsOn, {}});
  const std::string dot = graph::to_dot(g);
  CHECK(dot.rfind("digraph \"a \\\"quoted\\\" \\\\ name\" {\n", 0) == 0);
  CHECK(dot.find("subgraph \"cluster_network\" {\n    label=\"network\";") != std::string::npos);
  CHECK(dot.find("subgraph \"cluster_database\"") != std::string::npos);
  CHECK(dot.find("cluster_security") == std::string::npos);
  CHECK(dot.find("\"node\" [label=\"node\\nvpc\"") != std::string::npos);
  CHECK(dot.find("\"odd\\\"name\\\\x\" -> \"node\" [label=\"id, arn\"];") != std::string::npos);
  CHECK(dot.find("[label=\"depends_on\", style=dashed];") != std::string::npos);
  CHECK(count(dot, "{") == count(dot, "}"));
  CHECK(dot.back() == '\n');
}

TEST_CASE("Mermaid: prefixed ids (no reserved word), entity-coded labels, classes per group") {
  graph::Graph g{"demo", {}, {}};
  g.nodes.push_back({"end", "vpc", graph::Group::Network});
  g.nodes.push_back({"we<ird>\"#|`&-name", "kms_key", graph::Group::Security});
  g.edges.push_back({"we<ird>\"#|`&-name", "end", graph::EdgeKind::Reference, {"id"}});
  g.edges.push_back({"we<ird>\"#|`&-name", "end", graph::EdgeKind::DependsOn, {}});
  const std::string m = graph::to_mermaid(g);
  CHECK(m.rfind("---\ntitle: \"demo\"\n---\nflowchart LR\n", 0) == 0);
  CHECK(m.find("  subgraph g_network[\"network\"]\n    r_end[\"end<br/>vpc\"]\n  end\n") !=
        std::string::npos);
  const std::string id = "r_we_x3Cird_x3E_x22_x23_x7C_x60_x26_x2Dname";
  CHECK(m.find("    " + id + "[\"we#lt;ird#gt;#quot;#35;#124;#96;#amp;-name<br/>kms_key\"]") !=
        std::string::npos);
  CHECK(m.find("  " + id + " -->|\"id\"| r_end\n") != std::string::npos);
  CHECK(m.find("  " + id + " -.->|\"depends_on\"| r_end\n") != std::string::npos);
  CHECK(m.find("  class r_end network\n") != std::string::npos);
  CHECK(m.find("g_database") == std::string::npos);
  CHECK(count(m, "subgraph ") == count(m, "\n  end\n"));
}
