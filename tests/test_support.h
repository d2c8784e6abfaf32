// Shared helpers for the unit tests: reading repository files, compiling manifests and
// reading main.tf back with tools/terraform/hclvalues.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "pipeline.h"

namespace ag::test {

inline std::string read_repo_file(const std::string& relative) {
  std::ifstream in(std::string(AG_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Compiles manifest text through every front-end stage; throws with the diagnostics when
// it does not compile, so a test fails with the reason.
inline Compiled compile_text(const std::string& text, const std::string& path = "test.yaml") {
  Diagnostics diags;
  auto compiled = compile(path, text, diags);
  if (!compiled) {
    std::string all;
    for (const Diagnostic& d : diags.items()) all += format_text(d) + "\n";
    throw std::runtime_error("manifest did not compile:\n" + all);
  }
  return std::move(*compiled);
}

// The .yaml files directly in a directory of the repository, sorted.
inline std::vector<std::string> yaml_files(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(AG_SOURCE_DIR) / dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The manifests in examples/: every one renders to all three targets.
inline std::vector<std::string> example_names() { return yaml_files("examples"); }

inline Compiled compile_example(const std::string& name) {
  return compile_text(read_repo_file("examples/" + name), "examples/" + name);
}

// What tools/terraform/hclvalues reads back from `main_tf` (its JSON object of paths and
// literal values; `flags` such as "-all" go first), run as the program $AG_HCLVALUES names
// (CTest sets it to the one tools/terraform/build.sh built); nullopt when the variable is
// unset or empty. Throws with the tool's output when it fails.
inline std::optional<nlohmann::json> hcl_values(const std::string& main_tf,
                                                const std::string& flags = "") {
  const char* tool = std::getenv("AG_HCLVALUES");
  if (tool == nullptr || *tool == '\0') return std::nullopt;
  char path[] = "/tmp/ag-main-tf-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  const bool written =
      write(fd, main_tf.data(), main_tf.size()) == static_cast<ssize_t>(main_tf.size());
  close(fd);
  FILE* pipe = written
                   ? popen((std::string(tool) + " " + flags + " " + path + " 2>&1").c_str(), "r")
                   : nullptr;
  std::string out;
  char buf[4096];
  for (std::size_t n; pipe != nullptr && (n = fread(buf, 1, sizeof buf, pipe)) > 0;) {
    out.append(buf, n);
  }
  const int status = pipe != nullptr ? pclose(pipe) : -1;
  std::remove(path);
  if (status != 0) throw std::runtime_error(std::string(tool) + " failed:\n" + out);
  return nlohmann::json::parse(out);
}

// Sets SOURCE_DATE_EPOCH (the day date-dependent checks take as today) for one scope and
// restores what was there before; nullptr unsets it.
class ScopedEpoch {
 public:
  explicit ScopedEpoch(const char* value) {
    if (const char* old = std::getenv("SOURCE_DATE_EPOCH")) old_ = old;
    set(value);
  }
  ~ScopedEpoch() { set(old_ ? old_->c_str() : nullptr); }
  ScopedEpoch(const ScopedEpoch&) = delete;
  ScopedEpoch& operator=(const ScopedEpoch&) = delete;

 private:
  static void set(const char* value) {
    if (value != nullptr) {
      setenv("SOURCE_DATE_EPOCH", value, 1);
    } else {
      unsetenv("SOURCE_DATE_EPOCH");
    }
  }
  std::optional<std::string> old_;
};

}  // namespace ag::test
