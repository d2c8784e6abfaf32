// Shared helpers for the unit tests: reading repository files and compiling manifests.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

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

// The manifests directly in examples/ (those in subdirectories render to some targets only),
// sorted: every one must render to all three targets.
inline std::vector<std::string> example_names() {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(AG_SOURCE_DIR) / "examples")) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline Compiled compile_example(const std::string& name) {
  return compile_text(read_repo_file("examples/" + name), "examples/" + name);
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
