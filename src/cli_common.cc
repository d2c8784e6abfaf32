#include "cli_common.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "loader.h"

namespace ag {

void report(const Diagnostics& diags, const std::string& format) {
  const auto& items = diags.items();
  if (format == "json") {
    std::cerr << format_json(items);
  } else if (format == "sarif") {
    std::cerr << format_sarif(items);
  } else {
    for (const Diagnostic& d : items) {
      if (d.suppressed.empty()) std::cerr << format_text(d) << "\n";
    }
  }
}

int strict_exit(const Diagnostics& diags, bool strict, int code) {
  return code == kClean && strict && diags.has_warnings() ? kFindings : code;
}

// Reads a manifest, refusing an oversized file before reading it.
std::optional<std::string> read_manifest(const std::string& path, Diagnostics& diags) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    diags.error("io.read", "cannot read manifest: " + ec.message(), {path, 0, 0});
    return std::nullopt;
  }
  if (size > LoadLimits{}.max_bytes) {
    diags.error("load.too-large",
                "manifest is " + std::to_string(size) + " bytes; the limit is " +
                    std::to_string(LoadLimits{}.max_bytes),
                {path, 0, 0});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    diags.error("io.read", "cannot read manifest", {path, 0, 0});
    return std::nullopt;
  }
  return text.str();
}

std::vector<std::string> manifest_paths(const std::vector<std::string>& args, Diagnostics& diags) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (!std::filesystem::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator(arg, ec)) {
      const std::string ext = e.path().extension().string();
      if ((ext == ".yaml" || ext == ".yml") && e.is_regular_file(ec)) {
        found.push_back(e.path().string());
      }
    }
    if (found.empty()) {
      diags.error("io.read", "no manifest (*.yaml, *.yml) in the directory " + arg, {arg, 0, 0});
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace ag
