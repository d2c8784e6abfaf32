#include "ir.h"

#include <algorithm>

namespace ag::ir {

const Value* find(const Map& m, const std::string& key) {
  auto it = std::find_if(m.begin(), m.end(), [&](const Member& e) { return e.key == key; });
  return it == m.end() ? nullptr : &it->value;
}

const Value* find_path(const Map& m, const std::string& dotted) {
  const Map* current = &m;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = dotted.find('.', start);
    const Value* v = find(*current, dotted.substr(start, dot - start));
    if (v == nullptr || dot == std::string::npos) return v;
    if (!v->is<Map>()) return nullptr;
    current = &v->as<Map>();
    start = dot + 1;
  }
}

void set(Map& m, const std::string& key, Value v) {
  for (Member& e : m) {
    if (e.key == key) {
      e.value = std::move(v);
      return;
    }
  }
  m.push_back({key, std::move(v)});
}

Value ref(std::string resource, std::string attribute) {
  return Value(Ref{std::move(resource), std::move(attribute)});
}

Value json(Value doc) { return Value(Json{std::make_shared<const Value>(std::move(doc))}); }

const Resource* Graph::find(const std::string& resource_name) const {
  auto it = std::find_if(resources.begin(), resources.end(),
                         [&](const Resource& r) { return r.name == resource_name; });
  return it == resources.end() ? nullptr : &*it;
}

}  // namespace ag::ir
