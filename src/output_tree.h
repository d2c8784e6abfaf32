// Stage 7, write: put artifacts under an output directory safely, or compare with it.
//
// Paths are relative, built only from validated names, and checked again here: no "..",
// no absolute paths, no component that is a symbolic link. All new contents are first
// written to temporary files beside their targets and synced; only when every one of them
// is written are they renamed into place, so an I/O error leaves the previous artifacts
// as they were. Files whose contents are unchanged are not touched (their mtime is kept).
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"

namespace ag {

struct OutputFile {
  std::string path;  // relative to the output directory, '/'-separated
  std::string content;
};

enum class FileState { Unchanged, Changed, New };

struct PlannedFile {
  OutputFile file;
  FileState state;
};

// Compares `files` with what is under `root`. Reports unsafe paths as errors (rule
// io.unsafe-path / io.symlink) and returns an empty plan then.
std::vector<PlannedFile> plan_output(const std::string& root, std::vector<OutputFile> files,
                                     Diagnostics& diags);

// Writes the Changed and New files of `plan`. Returns false (with an io.write error)
// when anything failed; nothing is renamed into place then.
bool write_output(const std::string& root, const std::vector<PlannedFile>& plan,
                  Diagnostics& diags);

}  // namespace ag
