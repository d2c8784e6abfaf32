#include "engine_facts.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "embedded_assets.h"
#include "engine_catalog.h"
#include "tree_parse.h"

namespace ag::facts {
namespace {

struct Support {
  std::string engine;
  std::string line;
  Date end;
};

// The first version of a major line with a feature, and its text for messages.
struct Minimum {
  EngineVersion version;
  std::string text;
};

struct Facts {
  std::vector<Support> support;
  std::set<std::string, std::less<>> extended_support;
  std::map<Feature, std::vector<Minimum>> minimums;  // oldest first
};

constexpr std::pair<Feature, const char*> kFeatureKeys[] = {
    {Feature::kServerlessV2, "serverless_v2"},
    {Feature::kServerlessV2Max256, "serverless_v2_max_capacity_256"},
    {Feature::kIoOptimizedStorage, "aurora_iopt1_storage"},
    {Feature::kDataApi, "data_api"},
    {Feature::kGlobalDatabase, "global_database"},
};

// A hand-edited file: a row that does not parse stops the program with its text rather
// than quietly dropping a fact.
[[noreturn]] void bad_row(tree::View row, const std::string& why) {
  throw std::runtime_error("data/engine-facts.json: " + why + ": " + tree::to_json(row).dump());
}

Support support_row(tree::View row) {
  auto date = parse_date(row.at("date").string());
  if (!date) bad_row(row, "not a YYYY-MM-DD date");
  return {row.at("engine").str(), row.at("major").str(), *date};
}

Minimum minimum_row(tree::View row) {
  const std::string text = row.at("minimum").str();
  auto v = parse_engine_version(row.at("engine").string(), text);
  if (!v) bad_row(row, "minimum is not a version of its engine");
  return {*v, text};
}

Facts load() {
  const tree::View j = asset_tree("data/engine-facts.json");
  Facts f;
  for (const tree::Entry row : j.at("end_of_standard_support").items()) {
    f.support.push_back(support_row(row.value));
  }
  for (const tree::Entry e : j.at("extended_support").at("engines").items()) {
    f.extended_support.insert(e.value.str());
  }
  for (const auto& [feature, key] : kFeatureKeys) {
    auto& rows = f.minimums[feature];
    for (const tree::Entry row : j.at("feature_minimums").at(key).items()) {
      rows.push_back(minimum_row(row.value));
    }
    std::sort(rows.begin(), rows.end(),
              [](const Minimum& a, const Minimum& b) { return compare(a.version, b.version) < 0; });
  }
  return f;
}

const Facts& all() {
  static const Facts kFacts = load();
  return kFacts;
}

// Orders major lines: 13 < 14; 5.7 < 8.0 (Aurora MySQL 2 < 3).
bool line_before(const EngineVersion& a, const EngineVersion& b) {
  if (is_postgres_engine(a.engine) && a.major >= 10 && b.major >= 10) return a.major < b.major;
  return std::tie(a.major, a.minor) < std::tie(b.major, b.minor);
}

std::vector<Minimum> rows_for(Feature f, std::string_view engine) {
  std::vector<Minimum> out;
  for (const Minimum& row : all().minimums.at(f)) {
    if (row.version.engine == engine) out.push_back(row);
  }
  return out;
}

}  // namespace

std::optional<Date> end_of_standard_support(const EngineVersion& v) {
  const std::string line = catalog::major_line(v);
  for (const Support& s : all().support) {
    if (s.engine == v.engine && s.line == line) return s.end;
  }
  return std::nullopt;
}

bool has_extended_support(std::string_view engine) {
  return all().extended_support.count(engine) > 0;
}

std::optional<bool> supports(Feature f, const EngineVersion& v) {
  const std::vector<Minimum> rows = rows_for(f, v.engine);
  if (rows.empty()) return std::nullopt;
  for (const Minimum& row : rows) {
    if (catalog::major_line(row.version) == catalog::major_line(v)) {
      return compare(v, row.version) >= 0;
    }
  }
  return line_before(rows.back().version, v);
}

std::string minimums(Feature f, std::string_view engine) {
  std::string out;
  for (const Minimum& row : rows_for(f, engine)) out += (out.empty() ? "" : ", ") + row.text + "+";
  return out.empty() ? out : out + " or any later major";
}

}  // namespace ag::facts
