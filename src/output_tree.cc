#include "output_tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

namespace ag {
namespace {

std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

bool safe_component(std::string_view c) {
  if (c.empty() || c == "." || c == "..") return false;
  return std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.';
  });
}

std::string errno_text() { return std::strerror(errno); }

// Up to `size` bytes from `fd`, fewer when the file ends first.
std::string read_up_to(int fd, std::size_t size) {
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

// What is on disk at `path` compared with `content`: the size first, the bytes only when
// the sizes agree.
FileState compare(const std::string& path, std::string_view content) {
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return FileState::New;
  struct stat st {};
  FileState state = FileState::Changed;
  if (fstat(fd, &st) == 0 && static_cast<std::size_t>(st.st_size) == content.size() &&
      read_up_to(fd, content.size()) == content) {
    state = FileState::Unchanged;
  }
  close(fd);
  return state;
}

bool write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Flushes the filesystem holding `dir` (every file this call wrote lives there).
bool sync_filesystem(const std::string& dir, Diagnostics& diags) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool ok = fd >= 0 && syncfs(fd) == 0;
  const std::string why = errno_text();
  if (fd >= 0) close(fd);
  if (!ok) diags.error("io.write", "cannot sync " + dir + ": " + why, {});
  return ok;
}

std::atomic<unsigned long> temp_sequence{0};

}  // namespace

std::string file_start(const std::string& path, std::size_t size) {
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return {};
  std::string bytes = read_up_to(fd, size);
  close(fd);
  return bytes;
}

// Checks the relative path and, when `look`, that no existing component below root is a
// symlink. A directory already seen to be a real one is not looked at again.
bool OutputTree::check_path(const std::string& rel, bool look, Diagnostics& diags) {
  if (rel.empty()) {
    diags.error("io.unsafe-path", "refusing to write an empty path under " + root_, {});
    return false;
  }
  const std::vector<std::string_view> parts = components(rel);
  std::string current = root_;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!safe_component(parts[i])) {
      diags.error("io.unsafe-path", "refusing to write '" + rel + "' under " + root_, {});
      return false;
    }
    current.append("/").append(parts[i]);
    if (!look) continue;
    const bool dir = i + 1 < parts.size();
    if (dir) {
      std::lock_guard lock(mu_);
      if (checked_.count(current)) continue;
    }
    struct stat st {};
    const bool exists = lstat(current.c_str(), &st) == 0;
    if (exists && S_ISLNK(st.st_mode)) {
      diags.error("io.symlink", "refusing to write through the symbolic link " + current, {});
      return false;
    }
    if (dir && exists) {
      std::lock_guard lock(mu_);
      checked_.insert(current);
    }
  }
  return true;
}

OutputTree::OutputTree(std::string root, Mode mode) : root_(std::move(root)), mode_(mode) {}

OutputTree::~OutputTree() { abort(); }

// Creates the root and the directories of `rel_path` that do not exist yet, remembering
// which, so that abort() can take them away again.
bool OutputTree::make_parent_dirs(const std::string& rel_path, Diagnostics& diags) {
  std::vector<std::string> dirs;
  const bool absolute = !root_.empty() && root_[0] == '/';
  std::string current = absolute ? "" : ".";
  for (std::string_view c : components(root_)) {
    if (c.empty()) continue;
    current.append("/").append(c);
    dirs.push_back(current);
  }
  const std::vector<std::string_view> rel = components(rel_path);
  current = root_;
  for (std::size_t i = 0; i + 1 < rel.size(); ++i) {
    current.append("/").append(rel[i]);
    dirs.push_back(current);
  }
  for (const std::string& dir : dirs) {
    {
      std::lock_guard lock(mu_);
      if (existing_.count(dir)) continue;
    }
    const bool made = mkdir(dir.c_str(), 0777) == 0;
    if (!made && errno != EEXIST) {
      diags.error("io.write", "cannot create " + dir + ": " + errno_text(), {});
      return false;
    }
    std::lock_guard lock(mu_);
    existing_.insert(dir);
    if (made) {
      created_.insert(dir);
    }
  }
  return true;
}

// True when this call created the root or a directory above `rel_path`: nothing can be
// below it yet but what this call stages, so there is neither a link to refuse nor a file to
// compare. A render into a fresh directory then skips a failing open() and lstat()s per file,
// which cost more than writing the file on a slow filesystem.
bool OutputTree::below_created(const std::string& rel_path) {
  std::lock_guard lock(mu_);
  if (created_.empty()) return false;
  std::string current = root_;
  if (created_.count(current)) return true;
  const std::vector<std::string_view> parts = components(rel_path);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    current.append("/").append(parts[i]);
    if (created_.count(current)) return true;
  }
  return false;
}

std::optional<FileState> OutputTree::put(const std::string& rel_path, std::string_view content,
                                         Diagnostics& diags) {
  const bool fresh = mode_ == Mode::Write && below_created(rel_path);
  if (!check_path(rel_path, !fresh, diags)) return std::nullopt;
  const std::string target = root_ + "/" + rel_path;
  const FileState state = fresh ? FileState::New : compare(target, content);
  if (state == FileState::Unchanged || mode_ == Mode::Check) return state;
  if (!make_parent_dirs(rel_path, diags)) return std::nullopt;
  static const std::string pid = std::to_string(getpid());
  const std::string temp = target + ".tmp." + pid + "-" + std::to_string(temp_sequence++);
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    diags.error("io.write", "cannot write " + temp + ": " + errno_text(), {});
    return std::nullopt;
  }
  const bool ok = write_all(fd, content);
  const std::string why = errno_text();
  if (close(fd) != 0 || !ok) {
    unlink(temp.c_str());
    diags.error("io.write", "cannot write " + temp + ": " + why, {});
    return std::nullopt;
  }
  std::lock_guard lock(mu_);
  staged_.push_back({temp, target});
  return state;
}

bool OutputTree::commit(Diagnostics& diags) {
  std::lock_guard lock(mu_);
  if (staged_.empty()) return true;
  std::sort(staged_.begin(), staged_.end(),
            [](const Staged& a, const Staged& b) { return a.target < b.target; });
  if (!sync_filesystem(root_, diags)) return false;  // the destructor cleans up
  bool ok = true;
  for (const Staged& s : staged_) {
    if (ok && rename(s.temp.c_str(), s.target.c_str()) != 0) {
      diags.error("io.write", "cannot rename " + s.temp + " to " + s.target + ": " + errno_text(),
                  {});
      ok = false;
    }
    if (!ok) unlink(s.temp.c_str());
  }
  staged_.clear();
  created_.clear();  // renamed files live in them now
  return sync_filesystem(root_, diags) && ok;
}

void OutputTree::abort() {
  std::lock_guard lock(mu_);
  for (const Staged& s : staged_) unlink(s.temp.c_str());
  staged_.clear();
  // Children before their parents (a child's path is the longer), whatever order the
  // threads created them in.
  std::vector<std::string> dirs(created_.begin(), created_.end());
  std::sort(dirs.begin(), dirs.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& dir : dirs) rmdir(dir.c_str());
  created_.clear();
  existing_.clear();
  checked_.clear();
}

}  // namespace ag
