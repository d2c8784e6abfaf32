// Stage 7, write: put artifacts under an output directory safely, or compare with it.
//
// Paths are relative, built only from validated names, and checked again here: no "..",
// no absolute paths, no component that is a symbolic link. Files whose contents are
// unchanged are not touched (their mtime is kept). Everything else is streamed, as soon as
// it is rendered, so memory does not grow with the number of manifests, and nothing is
// renamed into place until every file of the call is written:
//   - a file in an existing directory goes to a temporary file beside it
//     ("<file>.tmp.<pid>-<n>"), renamed over it by commit();
//   - a directory that does not exist yet (the output directory on a first render, a new
//     manifest's directory) is built under a temporary name beside it (".<dir>.tmp.<pid>"),
//     with everything below it at their own names, and commit() renames the directory: one
//     rename for a manifest's eight files instead of eight.
//
// commit() makes the result durable without a sync per file: one syncfs() of the output
// filesystem flushes every file written, the renames follow, and a second syncfs() makes
// the renames durable. What a crash leaves behind:
//   - before the first sync completes: the previous artifacts, intact, and the temporary
//     files and directories beside them; the next render writes its own again;
//   - during the renames: each file either its previous contents (or no file, where it is
//     new) or its new contents, never a mix within a file; render again (or --check) to finish;
//   - after the second sync: the new artifacts.
// A failure (reported as io.write) before the renames leaves the previous artifacts and
// removes what this call created.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"

namespace ag {

enum class FileState { Unchanged, Changed, New };

// The first `size` bytes of the file at `path` (fewer when it is shorter), or "" when it
// cannot be opened or is a symbolic link: how render --check tells aurora-gen's files.
// Never waits (a FIFO reads as "").
std::string file_start(const std::string& path, std::size_t size);

class OutputTree {
 public:
  enum class Mode { Write, Check };

  OutputTree(std::string root, Mode mode);
  ~OutputTree();  // abort()s what was staged and not committed
  OutputTree(const OutputTree&) = delete;
  OutputTree& operator=(const OutputTree&) = delete;

  // Compares `content` with the file at `rel_path` under the root and, in Write mode, stages
  // it when it differs. Safe to call from several threads. Returns the file's state, or
  // nullopt after an error (io.unsafe-path, io.symlink, io.write) reported in `diags`.
  std::optional<FileState> put(const std::string& rel_path, std::string_view content,
                               Diagnostics& diags);

  // Write mode: syncs, renames every staged file into place and syncs again. False (with an
  // io.write error) when anything failed.
  bool commit(Diagnostics& diags);

  // Removes every staged file and the directories this call created.
  void abort();

 private:
  struct Staged {
    std::string temp;  // "" once renamed into place
    std::string target;
  };
  struct Place {
    std::string path;  // where the file's directory is being built, or is
    bool in_new_dir;   // inside a directory this call creates under a temporary name
  };
  bool check_path(const std::string& rel, bool look, Diagnostics& diags);
  bool below_new(const std::string& rel_path);
  std::optional<Place> make_parent_dirs(const std::string& rel_path, Diagnostics& diags);
  void remove_unrenamed();
  void remove_all_staged();

  std::string root_;
  Mode mode_;
  std::mutex mu_;                     // guards the members below
  std::vector<Staged> staged_;        // files written beside their targets in existing directories
  std::vector<Staged> staged_dirs_;   // new directories built under temporary names
  std::vector<std::string> written_;  // files written inside those, at their own names
  std::map<std::string, std::string> physical_;  // a new directory -> where it is being built
  std::set<std::string> created_;  // directories this call made, at their physical paths
  // Directories known to exist: looked at once for a file's put(). Below the root they are
  // not symbolic links either (check_path() refuses those before make_parent_dirs() runs).
  std::set<std::string> existing_;
};

}  // namespace ag
