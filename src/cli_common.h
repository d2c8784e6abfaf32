// What the commands share: reading a manifest file within the size limit, and printing
// diagnostics in the chosen format.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"

namespace ag {

// Exit codes of every command.
constexpr int kClean = 0;     // nothing to report
constexpr int kFindings = 1;  // an invalid manifest, drift, a plan that destroys data
constexpr int kUsage = 2;     // usage, I/O, git

// Prints diagnostics on stderr: "text" (file:line:col: ...), "json" or "sarif".
void report(const Diagnostics& diags, const std::string& format);

// `code`, or with --strict kFindings when it is clean but a warning was reported that the
// manifest does not record as an exception.
int strict_exit(const Diagnostics& diags, bool strict, int code);

// Reads a manifest, refusing an oversized file before reading it (io.read, load.too-large).
std::optional<std::string> read_manifest(const std::string& path, Diagnostics& diags);

// The manifests the command line names: a directory stands for the *.yaml and *.yml files
// directly in it, by name (a hook that runs on every commit names db/, not each file); other
// arguments are kept as they are, a missing file left to read_manifest. A directory with no
// manifest is io.read.
std::vector<std::string> manifest_paths(const std::vector<std::string>& args, Diagnostics& diags);

}  // namespace ag
