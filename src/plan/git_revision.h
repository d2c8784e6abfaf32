// Reading a manifest as it was at a git revision, for `plan --base REF`.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace ag::plan {

// Not a git work tree, git missing, or an unknown revision: a usage error (exit 2).
struct GitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The text of the file at `path` as it was at revision `ref` (`git show REF:./FILE` run in
// the file's directory), or nullopt when the file did not exist there (a new manifest).
std::optional<std::string> read_at_revision(const std::string& ref, const std::string& path);

}  // namespace ag::plan
