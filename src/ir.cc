#include "ir.h"

#include <algorithm>

namespace ag::ir {

const Value* find(const Map& m, std::string_view key) {
  auto it = std::find_if(m.begin(), m.end(), [&](const Member& e) { return e.key == key; });
  return it == m.end() ? nullptr : &it->value;
}

const Value* find_path(const Map& m, std::string_view dotted) {
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

namespace {

bool equal_lists(const List& a, const List& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), equal);
}

bool equal_maps(const Map& a, const Map& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const Member& x, const Member& y) {
           return x.key == y.key && equal(x.value, y.value);
         });
}

}  // namespace

bool equal(const Value& a, const Value& b) {
  if (a.v.index() != b.v.index()) return false;
  if (a.is<List>()) return equal_lists(a.as<List>(), b.as<List>());
  if (a.is<Map>()) return equal_maps(a.as<Map>(), b.as<Map>());
  if (a.is<Concat>()) return equal_lists(a.as<Concat>().parts, b.as<Concat>().parts);
  if (a.is<Json>()) return equal(*a.as<Json>().doc, *b.as<Json>().doc);
  if (a.is<SecretField>()) {
    const SecretField &x = a.as<SecretField>(), &y = b.as<SecretField>();
    return x.name == y.name && x.secret_arn == y.secret_arn && x.key == y.key;
  }
  if (a.is<Ref>()) return a.as<Ref>() == b.as<Ref>();
  if (a.is<bool>()) return a.as<bool>() == b.as<bool>();
  if (a.is<std::int64_t>()) return a.as<std::int64_t>() == b.as<std::int64_t>();
  if (a.is<double>()) return a.as<double>() == b.as<double>();
  if (a.is<std::string>()) return a.as<std::string>() == b.as<std::string>();
  if (a.is<Pseudo>()) return a.as<Pseudo>() == b.as<Pseudo>();
  return true;  // both null
}

void for_each_ref(const Value& v, const std::function<void(const Ref&)>& f) {
  if (v.is<Ref>()) f(v.as<Ref>());
  if (v.is<List>()) {
    for (const Value& item : v.as<List>()) for_each_ref(item, f);
  }
  if (v.is<Map>()) {
    for (const Member& m : v.as<Map>()) for_each_ref(m.value, f);
  }
  if (v.is<Concat>()) {
    for (const Value& part : v.as<Concat>().parts) for_each_ref(part, f);
  }
  if (v.is<Json>()) for_each_ref(*v.as<Json>().doc, f);
}

const Resource* Graph::find(const std::string& resource_name) const {
  auto it = std::find_if(resources.begin(), resources.end(),
                         [&](const Resource& r) { return r.name == resource_name; });
  return it == resources.end() ? nullptr : &*it;
}

}  // namespace ag::ir
