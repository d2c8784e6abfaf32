#include "output_tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace ag {
namespace {

std::vector<std::string> components(const std::string& path) {
  std::vector<std::string> out;
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/')) out.push_back(part);
  return out;
}

bool safe_component(const std::string& c) {
  if (c.empty() || c == "." || c == "..") return false;
  for (char ch : c) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

// Checks the relative path and that no existing component below root is a symlink.
bool check_path(const std::string& root, const std::string& rel, Diagnostics& diags) {
  if (rel.empty()) {
    diags.error("io.unsafe-path", "refusing to write an empty path under " + root, {});
    return false;
  }
  std::string current = root;
  for (const std::string& c : components(rel)) {
    if (!safe_component(c)) {
      diags.error("io.unsafe-path", "refusing to write '" + rel + "' under " + root, {});
      return false;
    }
    current += "/" + c;
    struct stat st {};
    if (lstat(current.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
      diags.error("io.symlink", "refusing to write through the symbolic link " + current, {});
      return false;
    }
  }
  return true;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string parent_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

bool make_dirs(const std::string& root, const std::string& rel_dir, Diagnostics& diags) {
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) {
    diags.error("io.write", "cannot create " + root + ": " + ec.message(), {});
    return false;
  }
  std::string current = root;
  for (const std::string& c : components(rel_dir)) {
    current += "/" + c;
    if (mkdir(current.c_str(), 0777) != 0 && errno != EEXIST) {
      diags.error("io.write", "cannot create " + current + ": " + std::strerror(errno), {});
      return false;
    }
  }
  return true;
}

// Writes and syncs a temporary file beside `path`; returns its name or "" on failure.
std::string write_temp(const std::string& path, const std::string& content, Diagnostics& diags) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    diags.error("io.write", "cannot write " + temp + ": " + std::strerror(errno), {});
    return "";
  }
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) break;
    done += static_cast<std::size_t>(n);
  }
  const bool ok = done == content.size() && fsync(fd) == 0;
  const int saved = errno;
  close(fd);
  if (!ok) {
    unlink(temp.c_str());
    diags.error("io.write", "cannot write " + temp + ": " + std::strerror(saved), {});
    return "";
  }
  return temp;
}

}  // namespace

std::vector<PlannedFile> plan_output(const std::string& root, std::vector<OutputFile> files,
                                     Diagnostics& diags) {
  std::vector<PlannedFile> plan;
  for (OutputFile& f : files) {
    if (!check_path(root, f.path, diags)) return {};
    const std::optional<std::string> existing = read_file(root + "/" + f.path);
    const FileState state = !existing                ? FileState::New
                            : *existing == f.content ? FileState::Unchanged
                                                     : FileState::Changed;
    plan.push_back({std::move(f), state});
  }
  return plan;
}

bool write_output(const std::string& root, const std::vector<PlannedFile>& plan,
                  Diagnostics& diags) {
  std::vector<std::pair<std::string, std::string>> renames;  // temp → final
  bool ok = true;
  for (const PlannedFile& p : plan) {
    if (p.state == FileState::Unchanged) continue;
    const std::string path = root + "/" + p.file.path;
    const std::string rel_dir =
        p.file.path.find('/') == std::string::npos ? "" : parent_of(p.file.path);
    if (!make_dirs(root, rel_dir, diags) || !check_path(root, p.file.path, diags)) {
      ok = false;
      break;
    }
    const std::string temp = write_temp(path, p.file.content, diags);
    if (temp.empty()) {
      ok = false;
      break;
    }
    renames.emplace_back(temp, path);
  }
  if (!ok) {
    for (const auto& [temp, path] : renames) unlink(temp.c_str());
    return false;
  }
  for (const auto& [temp, path] : renames) {
    if (rename(temp.c_str(), path.c_str()) != 0) {
      diags.error("io.write", "cannot rename " + temp + " to " + path + ": " + std::strerror(errno),
                  {});
      ok = false;
    }
  }
  return ok;
}

}  // namespace ag
