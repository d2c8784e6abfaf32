#include "plan/git_revision.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <vector>

namespace ag::plan {
namespace {

struct Output {
  int status = -1;
  std::string out, err;
};

// Runs git with `args` in `dir`, no shell in between, and collects both streams (polled,
// so that a full stderr pipe cannot block a child still writing stdout).
Output git(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-C", dir});
  std::array<int, 2> out{}, err{};
  if (pipe(out.data()) != 0 || pipe(err.data()) != 0) throw GitError("cannot run git: no pipe");
  const pid_t pid = fork();
  if (pid < 0) throw GitError("cannot run git: fork failed");
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    close(out[0]);
    close(err[0]);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp("git", argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  Output o;
  std::array<pollfd, 2> fds{{{out[0], POLLIN, 0}, {err[0], POLLIN, 0}}};
  std::array<std::string*, 2> into{&o.out, &o.err};
  for (int open_fds = 2; open_fds > 0;) {
    if (poll(fds.data(), fds.size(), -1) < 0) break;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[8192];
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        into[i]->append(buf, static_cast<std::size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  o.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

std::optional<std::string> read_at_revision(const std::string& ref, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file = fs::absolute(path);
  const std::string dir = file.parent_path().string();
  const Output inside = git(dir, {"rev-parse", "--is-inside-work-tree"});
  if (inside.status == 127) throw GitError("git is not installed");
  if (inside.status != 0 || first_line(inside.out) != "true") {
    throw GitError(path + " is not in a git work tree, so --base cannot read its old version");
  }
  if (git(dir, {"rev-parse", "--verify", "--quiet", ref + "^{commit}"}).status != 0) {
    throw GitError("unknown git revision '" + ref + "'");
  }
  const std::string spec = ref + ":./" + file.filename().string();
  if (git(dir, {"cat-file", "-e", spec}).status != 0) return std::nullopt;
  Output shown = git(dir, {"show", spec});
  if (shown.status != 0) throw GitError("git show " + spec + ": " + first_line(shown.err));
  return std::move(shown.out);
}

}  // namespace ag::plan
