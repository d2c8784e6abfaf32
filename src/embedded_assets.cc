#include "embedded_assets.h"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "tree_parse.h"

namespace ag {
namespace {

struct Override {
  std::string text;
  std::string tree;  // parsed on first use
};

// Files read from the override directory live here for the life of the process, so the
// views handed out stay valid. Compiling on several threads reads assets concurrently.
struct Overrides {
  std::mutex mu;
  std::string dir;
  std::map<std::string, Override, std::less<>> files;
};

Overrides& overrides() {
  static Overrides o;
  return o;
}

// The override of `path`, or nullptr; the caller holds the lock.
Override* read_override(Overrides& o, std::string_view path) {
  if (o.dir.empty()) return nullptr;
  if (auto it = o.files.find(path); it != o.files.end()) return &it->second;
  std::ifstream in(o.dir + "/" + std::string(path), std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream text;
  text << in.rdbuf();
  return &o.files.emplace(std::string(path), Override{text.str(), {}}).first->second;
}

const Asset& embedded(std::string_view path) {
  for (const Asset& a : embedded_assets()) {
    if (a.path == path) return a;
  }
  throw std::out_of_range("no embedded asset " + std::string(path));
}

}  // namespace

void set_asset_override_dir(std::string dir) {
  Overrides& o = overrides();
  std::lock_guard lock(o.mu);
  o.dir = std::move(dir);
  o.files.clear();
}

std::string_view asset(std::string_view path) {
  Overrides& o = overrides();
  {
    std::lock_guard lock(o.mu);
    if (const Override* file = read_override(o, path)) return file->text;
  }
  return embedded(path).text;
}

tree::View asset_tree(std::string_view path) {
  Overrides& o = overrides();
  {
    std::lock_guard lock(o.mu);
    if (Override* file = read_override(o, path)) {
      if (file->tree.empty()) file->tree = tree::from_source(path, file->text);
      return tree::View(file->tree);
    }
  }
  return tree::View(embedded(path).tree);
}

}  // namespace ag
