#include "engine_catalog.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "edit_distance.h"
#include "embedded_assets.h"

namespace ag::catalog {
namespace {

using Json = nlohmann::json;

using Names = std::set<std::string, std::less<>>;

// A version a hint may suggest: known, not deprecated, and in a form aurora-gen accepts.
struct Offered {
  EngineVersion version;
  std::string text;
};

struct EngineData {
  Names versions;
  Names deprecated;
  Names classes;
  std::map<std::string, Names, std::less<>> not_in_line;
  std::vector<Offered> offered;  // oldest first
};

struct Catalog {
  std::string source_version;
  std::map<std::string, EngineData, std::less<>> engines;
};

Names string_set(const Json& list) {
  Names out;
  for (const Json& item : list) out.insert(item.get<std::string>());
  return out;
}

EngineData engine_data(const std::string& engine, const Json& j) {
  EngineData d{string_set(j.at("versions")),
               string_set(j.at("deprecated")),
               string_set(j.at("instance_classes")),
               {},
               {}};
  for (const auto& [line, classes] : j.at("instance_classes_not_in_major").items()) {
    d.not_in_line.emplace(line, string_set(classes));
  }
  for (const std::string& text : d.versions) {
    auto v = parse_engine_version(engine, text);
    if (v && !d.deprecated.count(text)) d.offered.push_back({*v, text});
  }
  std::sort(d.offered.begin(), d.offered.end(),
            [](const Offered& a, const Offered& b) { return compare(a.version, b.version) < 0; });
  return d;
}

// The embedded file (or the --templates-dir copy), parsed on first use.
const Catalog& catalog() {
  static const Catalog kCatalog = [] {
    const Json j = Json::parse(asset("data/engine-catalog.json"));
    Catalog c{j.at("cfn_lint_version").get<std::string>(), {}};
    for (const auto& [engine, data] : j.at("engines").items()) {
      c.engines.emplace(engine, engine_data(engine, data));
    }
    return c;
  }();
  return kCatalog;
}

const EngineData* find(std::string_view engine) {
  const auto& engines = catalog().engines;
  auto it = engines.find(engine);
  return it == engines.end() ? nullptr : &it->second;
}

// Where a version sits within its major line, for "how close": the PostgreSQL minor, the
// MySQL patch, or the Aurora MySQL release.
long position(const EngineVersion& v) {
  if (v.engine == "aurora-mysql") {
    return v.aurora_major * 1000000L + v.aurora_minor * 1000L + v.aurora_patch;
  }
  return is_postgres_engine(v.engine) && v.major >= 10 ? v.minor : v.patch;
}

std::vector<Offered> offered_in_line(const EngineData& d, const EngineVersion& v) {
  std::vector<Offered> out;
  const std::string line = major_line(v);
  for (const Offered& o : d.offered) {
    if (major_line(o.version) == line) out.push_back(o);
  }
  return out;
}

}  // namespace

std::string source_version() { return catalog().source_version; }

std::string major_line(const EngineVersion& v) {
  if (is_postgres_engine(v.engine) && v.major >= 10) return std::to_string(v.major);
  return std::to_string(v.major) + "." + std::to_string(v.minor);
}

bool has_engine(std::string_view engine) { return find(engine) != nullptr; }

bool is_known_version(std::string_view engine, std::string_view version) {
  const EngineData* d = find(engine);
  return d != nullptr && d->versions.count(version) > 0;
}

bool is_deprecated_version(std::string_view engine, std::string_view version) {
  const EngineData* d = find(engine);
  return d != nullptr && d->deprecated.count(version) > 0;
}

std::vector<std::string> nearest_versions(const EngineVersion& v, std::size_t count) {
  const EngineData* d = find(v.engine);
  if (d == nullptr) return {};
  std::vector<Offered> line = offered_in_line(*d, v);
  if (line.empty()) {
    const std::string newest = newest_version(v.engine);
    return newest.empty() ? std::vector<std::string>{} : std::vector<std::string>{newest};
  }
  auto distance = [&](const Offered& o) { return std::labs(position(o.version) - position(v)); };
  // Closest first; of two as close, the newer.
  std::sort(line.begin(), line.end(), [&](const Offered& a, const Offered& b) {
    return distance(a) != distance(b) ? distance(a) < distance(b)
                                      : compare(a.version, b.version) > 0;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < line.size() && i < count; ++i) out.push_back(line[i].text);
  return out;
}

std::string newest_in_line(const EngineVersion& v) {
  const EngineData* d = find(v.engine);
  if (d == nullptr) return "";
  const std::vector<Offered> line = offered_in_line(*d, v);
  return line.empty() ? "" : line.back().text;
}

std::string newest_version(std::string_view engine) {
  const EngineData* d = find(engine);
  return d == nullptr || d->offered.empty() ? "" : d->offered.back().text;
}

ClassOffer offers_class(std::string_view engine, const EngineVersion* v, std::string_view cls) {
  const EngineData* d = find(engine);
  if (d == nullptr || !d->classes.count(cls)) return ClassOffer::kNotForEngine;
  if (v == nullptr) return ClassOffer::kOffered;
  auto missing = d->not_in_line.find(major_line(*v));
  return missing != d->not_in_line.end() && missing->second.count(cls) ? ClassOffer::kNotInMajor
                                                                       : ClassOffer::kOffered;
}

std::vector<std::string> offered_classes(std::string_view engine, const EngineVersion* v) {
  const EngineData* d = find(engine);
  if (d == nullptr) return {};
  std::vector<std::string> out;
  for (const std::string& cls : d->classes) {
    if (offers_class(engine, v, cls) == ClassOffer::kOffered) out.push_back(cls);
  }
  return out;
}

std::string nearest_class(std::string_view engine, const EngineVersion* v, std::string_view cls) {
  return nearest(cls, offered_classes(engine, v));
}

}  // namespace ag::catalog
