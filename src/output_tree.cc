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

// Opens an existing file to read, never following a symbolic link (ELOOP) and never
// waiting: a FIFO where a file belongs would block open() until a writer came.
int open_to_read(const std::string& path) {
  return open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
}

// What is on disk at `path` compared with `content`: the size first, the bytes only when
// the sizes agree; nullopt when `path` is a symbolic link (O_NOFOLLOW refuses it with ELOOP,
// which spares check_path an lstat() of every file). Anything but a regular file differs.
std::optional<FileState> compare(const std::string& path, std::string_view content) {
  const int fd = open_to_read(path);
  if (fd < 0 && errno == ELOOP) return std::nullopt;
  if (fd < 0) return FileState::New;
  struct stat st {};
  FileState state = FileState::Changed;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::size_t>(st.st_size) == content.size() &&
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

void symlink_error(const std::string& path, Diagnostics& diags) {
  diags.error("io.symlink", "refusing to write through the symbolic link " + path, {});
}

}  // namespace

std::string file_start(const std::string& path, std::size_t size) {
  const int fd = open_to_read(path);
  if (fd < 0) return {};
  std::string bytes = read_up_to(fd, size);
  close(fd);
  return bytes;
}

// Checks the relative path and, when `look`, that no existing directory below root is a
// symlink (compare() refuses a symlink at the file itself). A directory already seen is not
// looked at again, here or by make_parent_dirs().
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
    // The file itself is compare()'s to look at.
    if (!look || i + 1 == parts.size()) continue;
    {
      std::lock_guard lock(mu_);
      if (existing_.count(current)) continue;
    }
    struct stat st {};
    const bool exists = lstat(current.c_str(), &st) == 0;
    if (exists && S_ISLNK(st.st_mode)) {
      symlink_error(current, diags);
      return false;
    }
    if (exists) {
      std::lock_guard lock(mu_);
      existing_.insert(current);
    }
  }
  return true;
}

OutputTree::OutputTree(std::string root, Mode mode) : root_(std::move(root)), mode_(mode) {}

OutputTree::~OutputTree() { abort(); }

// Where the directories of `rel_path` are, made if needed: an existing one as it is, a new one
// under a temporary name beside it (".<name>.tmp.<pid>", renamed into place by commit()) and
// the directories below a new one inside it. Returns the physical path of the file's
// directory and whether that lies inside a new directory.
std::optional<OutputTree::Place> OutputTree::make_parent_dirs(const std::string& rel_path,
                                                              Diagnostics& diags) {
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
  std::string inside;  // the physical path of the last directory when it is a new one
  for (const std::string& dir : dirs) {
    std::unique_lock lock(mu_);
    if (existing_.count(dir)) continue;
    if (auto it = physical_.find(dir); it != physical_.end()) {
      inside = it->second;
      continue;
    }
    std::string made;
    if (!inside.empty()) {
      // Below a new directory: nothing else can be there, and threads may race to make it.
      made = inside + dir.substr(dir.rfind('/'));
      lock.unlock();
      if (mkdir(made.c_str(), 0777) != 0 && errno != EEXIST) {
        diags.error("io.write", "cannot create " + made + ": " + errno_text(), {});
        return std::nullopt;
      }
      lock.lock();
    } else {
      // Under the lock: two threads must not both start building the same directory.
      struct stat st {};
      if (lstat(dir.c_str(), &st) == 0) {
        existing_.insert(dir);
        continue;
      }
      if (errno != ENOENT) {
        diags.error("io.write", "cannot create " + dir + ": " + errno_text(), {});
        return std::nullopt;
      }
      static const std::string pid = std::to_string(getpid());
      const std::size_t slash = dir.rfind('/');
      made = dir.substr(0, slash + 1) + "." + dir.substr(slash + 1) + ".tmp." + pid;
      if (mkdir(made.c_str(), 0777) != 0) {
        diags.error("io.write", "cannot create " + made + ": " + errno_text(), {});
        return std::nullopt;
      }
      staged_dirs_.push_back({made, dir});
    }
    physical_.emplace(dir, made);
    created_.insert(made);
    inside = made;
  }
  if (inside.empty()) return Place{dirs.back(), false};
  return Place{inside, true};
}

// True when a directory above `rel_path` is one this call builds under a temporary name:
// nothing can be below it yet but what this call puts there, so there is neither a link to
// refuse nor a file to compare. A render into a fresh directory then skips a failing open()
// and lstat()s per file, which cost more than writing the file on a slow filesystem.
bool OutputTree::below_new(const std::string& rel_path) {
  std::lock_guard lock(mu_);
  if (physical_.empty()) return false;
  std::string current = root_;
  if (physical_.count(current)) return true;
  const std::vector<std::string_view> parts = components(rel_path);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    current.append("/").append(parts[i]);
    if (physical_.count(current)) return true;
  }
  return false;
}

std::optional<FileState> OutputTree::put(const std::string& rel_path, std::string_view content,
                                         Diagnostics& diags) {
  const bool fresh = mode_ == Mode::Write && below_new(rel_path);
  if (!check_path(rel_path, !fresh, diags)) return std::nullopt;
  const std::string target = root_ + "/" + rel_path;
  const std::optional<FileState> found = fresh ? FileState::New : compare(target, content);
  if (!found) {
    symlink_error(target, diags);
    return std::nullopt;
  }
  const FileState state = *found;
  if (state == FileState::Unchanged || mode_ == Mode::Check) return state;
  const std::optional<Place> dir = make_parent_dirs(rel_path, diags);
  if (!dir) return std::nullopt;
  static const std::string pid = std::to_string(getpid());
  // In a new directory the file gets its own name (the directory is renamed instead); in an
  // existing one a temporary name beside it. No O_EXCL in a new directory: two manifests of
  // one name race there, and the batch refuses them (cli.duplicate-name) before any commit.
  const std::string name = target.substr(target.rfind('/'));
  const std::string path = dir->in_new_dir
                               ? dir->path + name
                               : target + ".tmp." + pid + "-" + std::to_string(temp_sequence++);
  const int flags =
      O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (dir->in_new_dir ? O_TRUNC : O_EXCL);
  const int fd = open(path.c_str(), flags, 0644);
  if (fd < 0) {
    diags.error("io.write", "cannot write " + path + ": " + errno_text(), {});
    return std::nullopt;
  }
  const bool ok = write_all(fd, content);
  const std::string why = errno_text();
  if (close(fd) != 0 || !ok) {
    unlink(path.c_str());
    diags.error("io.write", "cannot write " + path + ": " + why, {});
    return std::nullopt;
  }
  std::lock_guard lock(mu_);
  if (dir->in_new_dir) {
    written_.push_back(path);
  } else {
    staged_.push_back({path, target});
  }
  return state;
}

bool OutputTree::commit(Diagnostics& diags) {
  std::lock_guard lock(mu_);
  if (staged_.empty() && staged_dirs_.empty()) return true;
  const auto by_target = [](const Staged& a, const Staged& b) { return a.target < b.target; };
  std::sort(staged_.begin(), staged_.end(), by_target);
  std::sort(staged_dirs_.begin(), staged_dirs_.end(), by_target);
  // A new root is not there before the renames; the directory it is built in is.
  struct stat st {};
  const bool root_exists = lstat(root_.c_str(), &st) == 0;
  const std::string& anchor = root_exists ? root_ : staged_dirs_.front().temp;
  if (!sync_filesystem(anchor, diags)) return false;  // the destructor cleans up
  bool ok = true;
  for (std::vector<Staged>* list : {&staged_, &staged_dirs_}) {
    for (Staged& s : *list) {
      if (rename(s.temp.c_str(), s.target.c_str()) != 0) {
        diags.error("io.write", "cannot rename " + s.temp + " to " + s.target + ": " + errno_text(),
                    {});
        ok = false;
        break;
      }
      s.temp.clear();  // in place: abort() leaves it alone
    }
    if (!ok) break;
  }
  if (!ok) {
    remove_unrenamed();
    return false;
  }
  staged_.clear();
  staged_dirs_.clear();
  written_.clear();
  created_.clear();  // renamed into place with their files
  physical_.clear();
  return sync_filesystem(root_, diags);
}

// After a failed rename: takes away what was not renamed, leaves what was.
void OutputTree::remove_unrenamed() {
  std::vector<std::string> pending;
  for (const Staged& s : staged_dirs_) {
    if (!s.temp.empty()) pending.push_back(s.temp + "/");
  }
  const auto under_pending = [&](const std::string& path) {
    return std::any_of(pending.begin(), pending.end(),
                       [&](const std::string& dir) { return (path + "/").starts_with(dir); });
  };
  std::erase_if(written_, [&](const std::string& f) { return !under_pending(f); });
  std::erase_if(created_, [&](const std::string& d) { return !under_pending(d); });
  std::erase_if(staged_, [](const Staged& s) { return s.temp.empty(); });
  staged_dirs_.clear();
  remove_all_staged();
}

void OutputTree::abort() {
  std::lock_guard lock(mu_);
  remove_all_staged();
}

void OutputTree::remove_all_staged() {
  for (const Staged& s : staged_) unlink(s.temp.c_str());
  staged_.clear();
  for (const std::string& f : written_) unlink(f.c_str());
  written_.clear();
  // Children before their parents (a child's path is the longer), whatever order the
  // threads created them in.
  std::vector<std::string> dirs(created_.begin(), created_.end());
  std::sort(dirs.begin(), dirs.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& dir : dirs) rmdir(dir.c_str());
  created_.clear();
  staged_dirs_.clear();
  physical_.clear();
  existing_.clear();
}

}  // namespace ag
