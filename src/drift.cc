#include "drift.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace ag {
namespace {

namespace fs = std::filesystem;

bool is_real_directory(const fs::directory_entry& e) {
  std::error_code ec;
  return e.symlink_status(ec).type() == fs::file_type::directory;
}

// Whether the file at `path` opens with the artifact header. Symbolic links are not
// followed: a link is never aurora-gen's.
bool generated_by_us(const std::string& path) {
  return file_start(path, kArtifactFirstLine.size()) == kArtifactFirstLine;
}

// Files under out_dir, as "<name>/<target dir>/<file>", that carry the artifact header and
// that no manifest of the call rendered.
std::vector<std::string> orphaned_files(const Batch& b, const DriftCheck& check) {
  std::set<std::string> rendered, names;
  for (const ManifestOutcome& m : b.manifests) {
    names.insert(m.name);
    for (const auto& [path, state] : m.files) rendered.insert(path);
  }
  std::vector<std::string> out;
  std::error_code ec;
  for (const fs::directory_entry& folder : fs::directory_iterator(check.out_dir, ec)) {
    const std::string name = folder.path().filename().string();
    if (!is_real_directory(folder) || (check.partial && !names.count(name))) continue;
    for (Target t : check.targets) {
      const fs::directory_entry dir(folder.path() / target_dir(t), ec);
      if (!is_real_directory(dir)) continue;
      for (const fs::directory_entry& file : fs::directory_iterator(dir.path(), ec)) {
        const std::string rel =
            name + "/" + std::string(target_dir(t)) + "/" + file.path().filename().string();
        if (!rendered.count(rel) && generated_by_us(file.path().string())) out.push_back(rel);
      }
    }
  }
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
