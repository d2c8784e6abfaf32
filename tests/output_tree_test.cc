// The write stage: plans compare with the disk, writes are all-or-nothing, unchanged files
// are not touched, and paths cannot leave the output directory.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "output_tree.h"

using namespace ag;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/ag-output-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a first write creates every file and directory") {
  TempDir dir;
  const std::string root = (dir.path / "out").string();
  Diagnostics diags;
  auto plan =
      plan_output(root, {{"a/cloudformation/template.yaml", "x\n"}, {"a/b.tf", "y\n"}}, diags);
  REQUIRE(plan.size() == 2);
  CHECK(plan[0].state == FileState::New);
  REQUIRE(write_output(root, plan, diags));
  CHECK(slurp(root + "/a/cloudformation/template.yaml") == "x\n");
  CHECK(slurp(root + "/a/b.tf") == "y\n");
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("unchanged files are left alone, changed ones replaced") {
  TempDir dir;
  const std::string root = dir.path.string();
  Diagnostics diags;
  REQUIRE(write_output(root, plan_output(root, {{"same", "1"}, {"diff", "1"}}, diags), diags));
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(24);
  fs::last_write_time(root + "/same", old_time);
  auto plan = plan_output(root, {{"same", "1"}, {"diff", "2"}}, diags);
  CHECK(plan[0].state == FileState::Unchanged);
  CHECK(plan[1].state == FileState::Changed);
  REQUIRE(write_output(root, plan, diags));
  CHECK(fs::last_write_time(root + "/same") == old_time);
  CHECK(slurp(root + "/diff") == "2");
}

TEST_CASE("paths that could leave the output directory are refused") {
  TempDir dir;
  for (const char* bad : {"../x", "/etc/x", "a/../../x", "a//b", "a/./b", "a b", ""}) {
    Diagnostics diags;
    INFO(bad);
    CHECK(plan_output(dir.path.string(), {{bad, "x"}}, diags).empty());
    REQUIRE(diags.has_errors());
    CHECK(diags.items().front().rule == "io.unsafe-path");
  }
}

TEST_CASE("a symbolic link inside the output directory is never followed") {
  TempDir dir;
  fs::create_directories(dir.path / "outside");
  fs::create_directories(dir.path / "out");
  fs::create_directory_symlink(dir.path / "outside", dir.path / "out" / "db");
  Diagnostics diags;
  CHECK(plan_output((dir.path / "out").string(), {{"db/main.tf", "x"}}, diags).empty());
  REQUIRE(diags.has_errors());
  CHECK(diags.items().front().rule == "io.symlink");
  CHECK(fs::is_empty(dir.path / "outside"));
}

TEST_CASE("a failed write renames nothing and leaves no temporary files") {
  if (geteuid() == 0) {
    WARN("running as root: permissions do not stop writes, skipping the read-only case");
    return;
  }
  TempDir dir;
  const std::string root = dir.path.string();
  Diagnostics diags;
  REQUIRE(write_output(root, plan_output(root, {{"ok/a", "old"}, {"ro/b", "old"}}, diags), diags));
  fs::permissions(dir.path / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  auto plan = plan_output(root, {{"ok/a", "new"}, {"ro/b", "new"}}, diags);
  CHECK_FALSE(write_output(root, plan, diags));
  CHECK(slurp(root + "/ok/a") == "old");
  CHECK(diags.items().back().rule == "io.write");
  for (const auto& e : fs::recursive_directory_iterator(dir.path)) {
    CHECK(e.path().string().find(".tmp.") == std::string::npos);
  }
}
