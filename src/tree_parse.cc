#include "tree_parse.h"

#include <yaml-cpp/yaml.h>

namespace ag::tree {
namespace {

// YAML 1.2 core schema integers as the templates write them: -?(0|[1-9][0-9]*).
bool is_plain_integer(std::string_view s) {
  const std::string_view digits = !s.empty() && s[0] == '-' ? s.substr(1) : s;
  if (digits.empty() || digits.size() > 18 || (digits[0] == '0' && digits.size() > 1)) {
    return false;
  }
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void write_yaml(Writer& w, const YAML::Node& n) {
  if (n.IsMap()) {
    w.begin_map();
    for (const auto& kv : n) {
      w.key(kv.first.as<std::string>());
      write_yaml(w, kv.second);
    }
    w.end();
  } else if (n.IsSequence()) {
    w.begin_list();
    for (const auto& item : n) write_yaml(w, item);
    w.end();
  } else if (n.IsNull()) {
    w.null();
  } else if (const std::string& s = n.Scalar(); n.Tag() == "?" && is_plain_integer(s)) {
    w.integer(std::stoll(s));
  } else if (n.Tag() == "?" && (s == "true" || s == "false")) {
    w.boolean(s == "true");
  } else {
    w.string(s);
  }
}

void write_json(Writer& w, const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      w.begin_map();
      for (const auto& [key, value] : j.items()) {
        w.key(key);
        write_json(w, value);
      }
      w.end();
      break;
    case nlohmann::json::value_t::array:
      w.begin_list();
      for (const auto& item : j) write_json(w, item);
      w.end();
      break;
    case nlohmann::json::value_t::string:
      w.string(j.get_ref<const std::string&>());
      break;
    case nlohmann::json::value_t::boolean:
      w.boolean(j.get<bool>());
      break;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      w.integer(j.get<std::int64_t>());
      break;
    case nlohmann::json::value_t::number_float:
      w.number(j.get<double>());
      break;
    default:
      w.null();
  }
}

}  // namespace

std::string from_yaml(std::string_view text) {
  Writer w;
  write_yaml(w, YAML::Load(std::string(text)));
  return w.take();
}

std::string from_json(std::string_view text) {
  Writer w;
  write_json(w, nlohmann::json::parse(text));
  return w.take();
}

std::string from_source(std::string_view path, std::string_view text) {
  const bool json = path.size() >= 5 && path.substr(path.size() - 5) == ".json";
  return json ? from_json(text) : from_yaml(text);
}

nlohmann::json to_json(View v) {
  switch (v.kind()) {
    case Kind::Null:
      return nullptr;
    case Kind::Bool:
      return v.boolean();
    case Kind::Int:  // as nlohmann::json::parse reads it: unsigned unless negative
      return v.integer() < 0 ? nlohmann::json(v.integer())
                             : nlohmann::json(static_cast<std::uint64_t>(v.integer()));
    case Kind::Double:
      return v.number();
    case Kind::String:
      return v.str();
    case Kind::List: {
      nlohmann::json out = nlohmann::json::array();
      for (const Entry e : v.items()) out.push_back(to_json(e.value));
      return out;
    }
    case Kind::Map:
      break;
  }
  nlohmann::json out = nlohmann::json::object();
  for (const Entry e : v.members()) out[std::string(e.key)] = to_json(e.value);
  return out;
}

}  // namespace ag::tree
