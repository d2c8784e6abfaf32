// Many manifests per call, as a hook or CI passes them: each read, compiled and (for render)
// rendered on a small thread pool, with results kept per manifest in input order, so that
// output and diagnostics never depend on scheduling.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "output_tree.h"
#include "pipeline.h"
#include "render.h"

namespace ag {

struct ManifestOutcome {
  Diagnostics diags;
  bool invalid = false;   // unreadable, or an error in any stage
  bool io_error = false;  // unreadable
  std::string name;       // metadata.name, once compiled
  Location name_at;
  std::vector<std::pair<std::string, FileState>> files;  // rendered: path under the out dir
};

// The outcome of every manifest, in input order.
class Batch {
 public:
  std::vector<ManifestOutcome> manifests;

  bool invalid() const;
  bool io_error() const;
  Diagnostics diagnostics() const;  // every manifest's, in input order
};

// Reads and compiles one manifest (lowered when `lower_it`), reporting into `o`.
std::optional<Compiled> compile_manifest(const std::string& path, bool lower_it,
                                         ManifestOutcome& o);

// Reads and compiles every manifest without lowering (the validate command).
Batch validate_batch(const std::vector<std::string>& paths, unsigned jobs);

// Reads, compiles and renders every manifest to each target, putting each artifact into
// `out` at <metadata.name>/<target dir>/<file> as soon as it is rendered. Once any manifest
// is invalid, the others are still compiled (for their diagnostics) but no longer rendered:
// nothing will be written. Two manifests with one metadata.name are an error
// (cli.duplicate-name) at the later one.
Batch render_batch(const std::vector<std::string>& paths, const std::vector<Target>& targets,
                   OutputTree& out, unsigned jobs);

// A warning at each manifest field the target cannot express, once per field.
void report_dropped(const Compiled& c, Target t, Diagnostics& diags);

}  // namespace ag
