#include "batch.h"

#include <atomic>
#include <set>

#include "cli_common.h"
#include "parallel.h"

namespace ag {

std::optional<Compiled> compile_manifest(const std::string& path, bool lower_it,
                                         ManifestOutcome& o) {
  const std::optional<std::string> text = read_manifest(path, o.diags);
  if (!text) {
    o.invalid = true;
    o.io_error = o.diags.items().front().rule == "io.read";
    return std::nullopt;
  }
  std::optional<Compiled> c = compile(path, *text, o.diags, lower_it);
  if (!c) {
    o.invalid = true;
    return std::nullopt;
  }
  o.name = c->manifest.doc.at("metadata").at("name").get<std::string>();
  o.name_at = c->manifest.map.at("/metadata/name");
  return c;
}

namespace {

bool render_one(const Compiled& c, const std::vector<Target>& targets, OutputTree& out,
                ManifestOutcome& o) {
  for (Target t : targets) {
    for (Artifact& a : render(c.graph, t)) {
      const std::string path = c.graph.name + "/" + std::string(target_dir(t)) + "/" + a.path;
      const std::optional<FileState> state = out.put(path, a.content, o.diags);
      if (!state) return false;
      o.files.emplace_back(path, *state);
    }
  }
  return true;
}

// cli.duplicate-name at every manifest whose name an earlier one has.
void report_duplicates(Batch& b) {
  std::set<std::string> names;
  for (ManifestOutcome& o : b.manifests) {
    if (o.invalid || names.insert(o.name).second) continue;
    o.diags.error("cli.duplicate-name",
                  "another manifest in this call also has metadata.name '" + o.name +
                      "'; their artifacts would overwrite each other",
                  o.name_at);
    o.invalid = true;
  }
}

}  // namespace

bool Batch::invalid() const {
  for (const ManifestOutcome& o : manifests) {
    if (o.invalid) return true;
  }
  return false;
}

bool Batch::io_error() const {
  for (const ManifestOutcome& o : manifests) {
    if (o.io_error) return true;
  }
  return false;
}

Diagnostics Batch::diagnostics() const {
  Diagnostics all;
  for (const ManifestOutcome& o : manifests) all.append(o.diags);
  return all;
}

Batch validate_batch(const std::vector<std::string>& paths, unsigned jobs) {
  Batch b;
  b.manifests.resize(paths.size());
  parallel_for(paths.size(), jobs,
               [&](std::size_t i) { compile_manifest(paths[i], false, b.manifests[i]); });
  return b;
}

Batch render_batch(const std::vector<std::string>& paths, const std::vector<Target>& targets,
                   OutputTree& out, unsigned jobs) {
  Batch b;
  b.manifests.resize(paths.size());
  std::atomic<bool> failed{false};
  parallel_for(paths.size(), jobs, [&](std::size_t i) {
    ManifestOutcome& o = b.manifests[i];
    const std::optional<Compiled> c = compile_manifest(paths[i], true, o);
    if (!c) {
      failed = true;
      return;
    }
    for (Target t : targets) report_dropped(*c, t, o.diags);
    if (!failed && !render_one(*c, targets, out, o)) {
      o.invalid = o.io_error = true;  // every failure of put() is an io.* error
      failed = true;
    }
  });
  report_duplicates(b);
  return b;
}

void report_dropped(const Compiled& c, Target t, Diagnostics& diags) {
  std::set<std::string> seen;
  for (const DroppedProperty& d : dropped_properties(c.graph, t)) {
    if (!seen.insert(d.source).second) continue;
    diags.warning(
        "render.dropped",
        std::string(target_dir(t)) + " cannot express " + dotted(d.source) + ": " + d.reason,
        c.manifest.map.key_at(d.source));
  }
}

}  // namespace ag
