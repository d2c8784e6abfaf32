#include "embedded_assets.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ag {
namespace {

std::string& override_dir() {
  static std::string dir;
  return dir;
}

// Files read from the override directory live here for the life of the process, so the
// string_views handed out stay valid.
std::map<std::string, std::string, std::less<>>& override_cache() {
  static std::map<std::string, std::string, std::less<>> cache;
  return cache;
}

const std::string* read_override(std::string_view path) {
  if (override_dir().empty()) return nullptr;
  auto& cache = override_cache();
  if (auto it = cache.find(path); it != cache.end()) return &it->second;
  std::ifstream in(override_dir() + "/" + std::string(path), std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream text;
  text << in.rdbuf();
  return &cache.emplace(std::string(path), text.str()).first->second;
}

}  // namespace

void set_asset_override_dir(std::string dir) {
  override_dir() = std::move(dir);
  override_cache().clear();
}

std::string_view asset(std::string_view path) {
  if (const std::string* text = read_override(path)) return *text;
  for (const Asset& a : embedded_assets()) {
    if (a.path == path) return a.data;
  }
  throw std::out_of_range("no embedded asset " + std::string(path));
}

}  // namespace ag
