// The manifest `aurora-gen init` writes: the smallest one that deploys a database of the
// chosen kind and engine, commented, with the secure defaults spelled out and the common
// options present as comments. A line "# key: value" is an option: removing "# " keeps the
// manifest valid (tests/init_test.sh uncomments them all); other comments are prose.
#pragma once

#include <string>
#include <vector>

namespace ag {

struct StarterOptions {
  std::string kind;         // "AuroraCluster" or "RdsInstance"
  std::string engine;       // one that fits the kind
  bool serverless = false;  // AuroraCluster only: Serverless v2 instead of provisioned
  std::string name;         // metadata.name
  bool create_vpc = false;  // a new VPC instead of existing subnets
  std::string region;       // pins metadata.region when not empty; with create_vpc, its zones
  std::string file;         // the manifest's file name, for the next steps in the header
};

// The engines each kind takes, the first being the default.
std::vector<std::string> engines_for(const std::string& kind);

// The starter manifest's text. The options must already fit together (cli_init.cc checks).
std::string starter_manifest(const StarterOptions& o);

}  // namespace ag
