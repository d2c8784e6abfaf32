#include "drift.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <set>
#include <string_view>

#include "parallel.h"

namespace ag {
namespace {

// The directories in `dir` (their names) and, with `files`, the other entries too. A symbolic
// link is never listed as a directory, nor followed when `dir` is one: a link is never
// aurora-gen's. An open, getdents64 and a close: opendir() and std::filesystem add three
// or more system calls a directory, and a --check of a thousand manifests lists four
// thousand directories.
std::vector<std::string> entries_in(const std::string& dir, bool files) {
  std::vector<std::string> out;
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return out;
  alignas(dirent64) char buffer[16384];
  for (;;) {
    const ssize_t n = getdents64(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    for (ssize_t at = 0; at < n;) {
      // A record's fields, read where the kernel put them (struct dirent64's layout).
      const char* record = buffer + at;
      decltype(dirent64::d_reclen) length = 0;
      decltype(dirent64::d_type) type = DT_UNKNOWN;
      std::memcpy(&length, record + offsetof(dirent64, d_reclen), sizeof length);
      std::memcpy(&type, record + offsetof(dirent64, d_type), sizeof type);
      const char* const c_name = record + offsetof(dirent64, d_name);
      const std::string_view name(c_name);
      at += length;
      if (name == "." || name == "..") continue;
      bool is_dir = type == DT_DIR;
      if (type == DT_UNKNOWN) {  // filesystems that do not fill d_type
        struct stat st {};
        is_dir = fstatat(fd, c_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
      }
      if (is_dir || files) out.emplace_back(name);
    }
  }
  close(fd);
  return out;
}

// Whether the file at `path` opens with the artifact header. Symbolic links are not
// followed: a link is never aurora-gen's.
bool generated_by_us(const std::string& path) {
  return file_start(path, kArtifactFirstLine.size()) == kArtifactFirstLine;
}

// The files of one <name> folder, as "<name>/<target dir>/<file>", that carry the artifact
// header and that no manifest of the call rendered.
std::vector<std::string> orphans_in(const std::string& out_dir, const std::string& name,
                                    const std::set<std::string>& rendered,
                                    const DriftCheck& check) {
  std::vector<std::string> out;
  for (Target t : check.targets) {
    // No trailing slash: it would make open() follow a link O_NOFOLLOW refuses.
    const std::string folder = name + "/" + std::string(target_dir(t));
    for (const std::string& file : entries_in(out_dir + "/" + folder, true)) {
      const std::string rel = folder + "/" + file;
      if (!rendered.count(rel) && generated_by_us(out_dir + "/" + rel)) out.push_back(rel);
    }
  }
  return out;
}

// Files under out_dir that carry the artifact header and that no manifest of the call
// rendered, looked for on the call's threads.
std::vector<std::string> orphaned_files(const Batch& b, const DriftCheck& check) {
  std::set<std::string> rendered, names;
  for (const ManifestOutcome& m : b.manifests) {
    names.insert(m.name);
    for (const auto& [path, state] : m.files) rendered.insert(path);
  }
  std::vector<std::string> folders = entries_in(check.out_dir, false);
  if (check.partial) std::erase_if(folders, [&](const std::string& f) { return !names.count(f); });
  std::vector<std::vector<std::string>> found(folders.size());
  parallel_for(folders.size(), check.jobs, [&](std::size_t i) {
    found[i] = orphans_in(check.out_dir, folders[i], rendered, check);
  });
  std::vector<std::string> out;
  for (std::vector<std::string>& f : found) out.insert(out.end(), f.begin(), f.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string shell_word(const std::string& arg) {
  const bool safe = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-_./=,:@+").find(c) != std::string_view::npos;
  });
  if (safe) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void report_drift(const Batch& b, const DriftCheck& check, Diagnostics& diags) {
  const std::string root = check.out_dir + "/";
  for (const ManifestOutcome& m : b.manifests) {
    const std::string again =
        "render it again: " + check.render_command + " " + shell_word(m.name_at.file);
    std::vector<std::string> missing;
    for (const auto& [path, state] : m.files) {
      if (state == FileState::New) missing.push_back(root + path);
      if (state != FileState::Changed) continue;
      diags.error("check.changed",
                  "this file is not what " + m.name_at.file +
                      " renders (edited by hand, or rendered from an older manifest or "
                      "aurora-gen)",
                  {root + path, 1, 0}, again);
    }
    if (missing.empty()) continue;
    std::string list;
    for (const std::string& f : missing) list += (list.empty() ? "" : ", ") + f;
    diags.error("check.missing",
                std::to_string(missing.size()) + (missing.size() == 1 ? " file" : " files") +
                    " this manifest renders " + (missing.size() == 1 ? "is" : "are") +
                    " missing: " + list,
                m.name_at, again);
  }
  // One diagnostic per folder, at its first file: a deleted manifest leaves a folder behind.
  std::map<std::string, std::vector<std::string>> by_folder;
  for (const std::string& rel : orphaned_files(b, check)) {
    by_folder[rel.substr(0, rel.find('/'))].push_back(rel);
  }
  for (const auto& [folder, files] : by_folder) {
    std::string list, rm = "rm";
    for (const std::string& f : files) {
      list += (list.empty() ? "" : ", ") + f.substr(folder.size() + 1);
      rm += " " + shell_word(root + f);
    }
    diags.error("check.orphaned",
                root + folder + " holds " + std::to_string(files.size()) +
                    (files.size() == 1 ? " file" : " files") +
                    " aurora-gen generated that no manifest of this call renders (" + list +
                    "): its manifest was deleted or renamed, or no longer renders them",
                {root + files.front(), 1, 0},
                "if the manifest is gone, delete them: " + rm +
                    "; if it is elsewhere, name it in the call");
  }
}

}  // namespace ag
