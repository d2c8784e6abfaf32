#include "asset_tree.h"

#include <cstring>
#include <stdexcept>
#include <utility>

namespace ag::tree {
namespace {

[[noreturn]] void corrupt(const char* what) {
  throw std::runtime_error(std::string("asset tree: ") + what);
}

// Reads a varint at `pos`, advancing it; never past `end`.
std::uint64_t read_varint(const char*& pos, const char* end) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos == end) corrupt("truncated number");
    const auto byte = static_cast<unsigned char>(*pos++);
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  corrupt("number too long");
}

void write_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// The size in bytes of the node starting at `pos`.
std::size_t node_size(const char* pos, const char* end) {
  if (pos == end) corrupt("truncated node");
  const char* p = pos + 1;
  switch (*pos) {
    case 'z':
    case 't':
    case 'f':
      return 1;
    case 'i':
      read_varint(p, end);
      break;
    case 'd':
      p += sizeof(double);
      break;
    case 's':
      p += read_varint(p, end);
      break;
    case 'l':
    case 'm':
      read_varint(p, end);
      p += read_varint(p, end);
      break;
    default:
      corrupt("unknown node");
  }
  if (p > end) corrupt("truncated node");
  return static_cast<std::size_t>(p - pos);
}

}  // namespace

View::View(std::string_view bytes) : data_(bytes.data()), size_(bytes.size()) {
  if (bytes.empty() || node_size(data_, data_ + size_) != size_) corrupt("not one node");
}

Kind View::kind() const {
  switch (data_[0]) {
    case 'z':
      return Kind::Null;
    case 't':
    case 'f':
      return Kind::Bool;
    case 'i':
      return Kind::Int;
    case 'd':
      return Kind::Double;
    case 's':
      return Kind::String;
    case 'l':
      return Kind::List;
    default:
      return Kind::Map;
  }
}

bool View::boolean() const {
  if (kind() != Kind::Bool) corrupt("not a boolean");
  return data_[0] == 't';
}

std::int64_t View::integer() const {
  if (kind() != Kind::Int) corrupt("not an integer");
  const char* p = data_ + 1;
  const std::uint64_t z = read_varint(p, data_ + size_);
  return static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
}

double View::number() const {
  if (kind() == Kind::Int) return static_cast<double>(integer());
  if (kind() != Kind::Double) corrupt("not a number");
  double d = 0;
  std::memcpy(&d, data_ + 1, sizeof d);
  return d;
}

std::string_view View::string() const {
  if (kind() != Kind::String) corrupt("not a string");
  const char* p = data_ + 1;
  const std::size_t n = read_varint(p, data_ + size_);
  return {p, n};
}

std::size_t View::header(std::size_t& count) const {
  if (kind() != Kind::List && kind() != Kind::Map) corrupt("not a list or map");
  const char* p = data_ + 1;
  const char* end = data_ + size_;
  count = read_varint(p, end);
  read_varint(p, end);
  return static_cast<std::size_t>(p - data_);
}

std::size_t View::size() const {
  std::size_t count = 0;
  header(count);
  return count;
}

View::Range View::items() const {
  std::size_t count = 0;
  const std::size_t first = header(count);
  const bool keyed = kind() == Kind::Map;
  return {Iterator(data_ + first, data_ + size_, keyed),
          Iterator(data_ + size_, data_ + size_, keyed)};
}

View::Range View::members() const {
  if (!is_map()) corrupt("not a map");
  return items();
}

View View::find(std::string_view key) const {
  if (!is_map()) return View();
  for (const Entry e : members()) {
    if (e.key == key) return e.value;
  }
  return View();
}

View View::at(std::string_view key) const {
  if (!is_map()) corrupt("not a map");
  for (const Entry e : members()) {
    if (e.key == key) return e.value;
  }
  throw std::runtime_error("asset tree: no member '" + std::string(key) + "'");
}

bool View::contains(std::string_view key) const {
  if (!is_map()) return false;
  for (const Entry e : members()) {
    if (e.key == key) return true;
  }
  return false;
}

Entry View::Iterator::operator*() const {
  const char* p = pos_;
  std::string_view key;
  if (keyed_) {
    const std::size_t n = read_varint(p, end_);
    key = {p, n};
    p += n;
  }
  return {key, View(p, node_size(p, end_))};
}

View::Iterator& View::Iterator::operator++() {
  const char* p = pos_;
  if (keyed_) p += read_varint(p, end_);
  pos_ = p + node_size(p, end_);
  return *this;
}

void Writer::item() {
  if (!open_.empty()) ++open_.back().count;
}

void Writer::null() {
  item();
  out_ += 'z';
}

void Writer::boolean(bool b) {
  item();
  out_ += b ? 't' : 'f';
}

void Writer::integer(std::int64_t i) {
  item();
  out_ += 'i';
  const auto u = static_cast<std::uint64_t>(i);
  write_varint(out_, (u << 1) ^ static_cast<std::uint64_t>(i >> 63));
}

void Writer::number(double d) {
  item();
  out_ += 'd';
  char raw[sizeof d];
  std::memcpy(raw, &d, sizeof d);
  out_.append(raw, sizeof d);
}

void Writer::string(std::string_view s) {
  item();
  out_ += 's';
  write_varint(out_, s.size());
  out_ += s;
}

void Writer::begin_list() {
  item();
  open_.push_back({out_.size(), 0, 'l'});
}

void Writer::begin_map() {
  item();
  open_.push_back({out_.size(), 0, 'm'});
}

void Writer::key(std::string_view k) {
  write_varint(out_, k.size());
  out_ += k;
}

// The header goes before the items, which are written by now: count and size are known.
void Writer::end() {
  if (open_.empty()) throw std::logic_error("asset tree: end() without begin");
  const Open o = open_.back();
  open_.pop_back();
  std::string head(1, o.tag);
  write_varint(head, o.count);
  write_varint(head, out_.size() - o.start);
  out_.insert(o.start, head);
}

std::string Writer::take() {
  if (!open_.empty()) throw std::logic_error("asset tree: unfinished list or map");
  return std::exchange(out_, {});
}

namespace {

void write_value(Writer& w, const ir::Value& v) {
  if (v.is<std::nullptr_t>()) {
    w.null();
  } else if (v.is<bool>()) {
    w.boolean(v.as<bool>());
  } else if (v.is<std::int64_t>()) {
    w.integer(v.as<std::int64_t>());
  } else if (v.is<double>()) {
    w.number(v.as<double>());
  } else if (v.is<std::string>()) {
    w.string(v.as<std::string>());
  } else if (v.is<ir::List>()) {
    w.begin_list();
    for (const ir::Value& item : v.as<ir::List>()) write_value(w, item);
    w.end();
  } else if (v.is<ir::Map>()) {
    w.begin_map();
    for (const ir::Member& m : v.as<ir::Map>()) {
      w.key(m.key);
      write_value(w, m.value);
    }
    w.end();
  } else {
    throw std::invalid_argument("asset tree: only plain data has an encoding");
  }
}

}  // namespace

std::string encode(const ir::Value& v) {
  Writer w;
  write_value(w, v);
  return w.take();
}

ir::Value to_value(View v) {
  switch (v.kind()) {
    case Kind::Null:
      return nullptr;
    case Kind::Bool:
      return v.boolean();
    case Kind::Int:
      return v.integer();
    case Kind::Double:
      return v.number();
    case Kind::String:
      return v.str();
    case Kind::List: {
      ir::List out;
      out.reserve(v.size());
      for (const Entry e : v.items()) out.push_back(to_value(e.value));
      return out;
    }
    case Kind::Map: {
      ir::Map out;
      out.reserve(v.size());
      for (const Entry e : v.members()) out.push_back({std::string(e.key), to_value(e.value)});
      return out;
    }
  }
  corrupt("unknown node");
}

}  // namespace ag::tree
