#include "engine_catalog.h"

#include <algorithm>
#include <cstdlib>

#include "edit_distance.h"
#include "embedded_assets.h"

namespace ag::catalog {
namespace {

// A version a hint may suggest: known, not deprecated, and in a form aurora-gen accepts.
struct Offered {
  EngineVersion version;
  std::string text;
};

// The catalog is read in place (asset_tree.h): a check asks about one engine, and finding a
// version or class in its list is a scan of a few hundred short strings.
tree::View catalog() { return asset_tree("data/engine-catalog.json"); }

tree::View engine_data(std::string_view engine) { return catalog().at("engines").find(engine); }

bool listed(tree::View list, std::string_view s) {
  if (!list.is_list()) return false;
  for (const tree::Entry e : list.items()) {
    if (e.value.string() == s) return true;
  }
  return false;
}

// The offered versions of an engine, oldest first: only hints need them.
std::vector<Offered> offered(std::string_view engine) {
  const tree::View d = engine_data(engine);
  std::vector<Offered> out;
  if (!d.is_map()) return out;
  const tree::View deprecated = d.at("deprecated");
  for (const tree::Entry e : d.at("versions").items()) {
    auto v = parse_engine_version(engine, e.value.string());
    if (v && !listed(deprecated, e.value.string())) out.push_back({*v, e.value.str()});
  }
  std::sort(out.begin(), out.end(),
            [](const Offered& a, const Offered& b) { return compare(a.version, b.version) < 0; });
  return out;
}

// Where a version sits within its major line, for "how close": the PostgreSQL minor, the
// MySQL patch, or the Aurora MySQL release.
long position(const EngineVersion& v) {
  if (v.engine == "aurora-mysql") {
    return v.aurora_major * 1000000L + v.aurora_minor * 1000L + v.aurora_patch;
  }
  return is_postgres_engine(v.engine) && v.major >= 10 ? v.minor : v.patch;
}

std::vector<Offered> offered_in_line(const EngineVersion& v) {
  std::vector<Offered> out;
  const std::string line = major_line(v);
  for (const Offered& o : offered(v.engine)) {
    if (major_line(o.version) == line) out.push_back(o);
  }
  return out;
}

}  // namespace

std::string source_version() { return catalog().at("cfn_lint_version").str(); }

std::string major_line(const EngineVersion& v) {
  if (is_postgres_engine(v.engine) && v.major >= 10) return std::to_string(v.major);
  return std::to_string(v.major) + "." + std::to_string(v.minor);
}

bool has_engine(std::string_view engine) { return engine_data(engine).is_map(); }

bool is_known_version(std::string_view engine, std::string_view version) {
  return listed(engine_data(engine).find("versions"), version);
}

bool is_deprecated_version(std::string_view engine, std::string_view version) {
  return listed(engine_data(engine).find("deprecated"), version);
}

std::vector<std::string> nearest_versions(const EngineVersion& v, std::size_t count) {
  if (!has_engine(v.engine)) return {};
  std::vector<Offered> line = offered_in_line(v);
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
  const std::vector<Offered> line = offered_in_line(v);
  return line.empty() ? "" : line.back().text;
}

std::string newest_version(std::string_view engine) {
  const std::vector<Offered> all = offered(engine);
  return all.empty() ? "" : all.back().text;
}

ClassOffer offers_class(std::string_view engine, const EngineVersion* v, std::string_view cls) {
  const tree::View d = engine_data(engine);
  if (!listed(d.find("instance_classes"), cls)) return ClassOffer::kNotForEngine;
  if (v == nullptr) return ClassOffer::kOffered;
  const tree::View missing = d.at("instance_classes_not_in_major").find(major_line(*v));
  return listed(missing, cls) ? ClassOffer::kNotInMajor : ClassOffer::kOffered;
}

std::vector<std::string> offered_classes(std::string_view engine, const EngineVersion* v) {
  const tree::View classes = engine_data(engine).find("instance_classes");
  std::vector<std::string> out;
  if (!classes.is_list()) return out;
  for (const tree::Entry e : classes.items()) {
    if (offers_class(engine, v, e.value.string()) == ClassOffer::kOffered)
      out.push_back(e.value.str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string nearest_class(std::string_view engine, const EngineVersion* v, std::string_view cls) {
  return nearest(cls, offered_classes(engine, v));
}

}  // namespace ag::catalog
