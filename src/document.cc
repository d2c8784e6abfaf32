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

std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

namespace {

bool is_index(std::string_view token) {
  if (token.empty() || token.size() > 9) return false;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string dotted(std::string_view pointer) {
  std::string out;
  std::size_t start = pointer.empty() ? 0 : 1;
  while (start <= pointer.size() && !pointer.empty()) {
    const std::size_t slash = pointer.find('/', start);
    const std::string token = unescape_token(pointer.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (is_index(token)) {
      out += "[" + token + "]";
    } else {
      out += (out.empty() ? "" : ".") + token;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
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
