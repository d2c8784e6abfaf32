#include "document.h"

namespace ag {

void SourceMap::set_value(const std::string& pointer, int line, int col) {
  values_[pointer] = {line, col};
}

void SourceMap::set_key(const std::string& pointer, int line, int col) {
  keys_[pointer] = {line, col};
}

Location SourceMap::lookup(const std::map<std::string, Pos>& m, std::string pointer) const {
  for (;;) {
    if (auto it = m.find(pointer); it != m.end()) {
      return {file_, it->second.line, it->second.col};
    }
    if (pointer.empty()) return {file_, 0, 0};
    const std::size_t slash = pointer.rfind('/');
    pointer.erase(slash == std::string::npos ? 0 : slash);
  }
}

Location SourceMap::at(const std::string& pointer) const {
  if (!values_.count(pointer) && keys_.count(pointer)) return lookup(keys_, pointer);
  return lookup(values_, pointer);
}

Location SourceMap::key_at(const std::string& pointer) const {
  if (keys_.count(pointer)) return lookup(keys_, pointer);
  return at(pointer);
}

std::string pointer_append(const std::string& pointer, const std::string& token) {
  std::string out = pointer + "/";
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace ag
