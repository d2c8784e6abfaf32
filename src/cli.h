// The command line: render, validate, explain, plan, graph, init and schema.
#pragma once

namespace ag {

// Exit codes: 0 clean, 1 invalid manifest or drift, 2 usage or I/O error.
int run_cli(int argc, char** argv);

}  // namespace ag
