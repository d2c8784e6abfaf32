// Hand-kept AWS facts no tool publishes as data: the end of standard support of each major
// version, and the first version of each major that offers a feature. They live in
// data/engine-facts.json, one row per fact with the AWS page it was read from, and are
// parsed once, the first time a check asks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "calendar.h"
#include "engine_version.h"

namespace ag::facts {

// The day AWS ends standard support for v's major line, when known.
std::optional<Date> end_of_standard_support(const EngineVersion& v);

// Whether AWS moves a database past that day into RDS Extended Support (paid; the default
// for every engine that has it) rather than upgrading its major version.
bool has_extended_support(std::string_view engine);

enum class Feature {
  kServerlessV2,        // db.serverless instances
  kServerlessV2Max256,  // max_capacity above 128 ACU
  kIoOptimizedStorage,  // storage type aurora-iopt1
  kDataApi,             // enable_http_endpoint on provisioned and Serverless v2 clusters
  kGlobalDatabase,      // membership in an Aurora global database
};

// Whether v offers the feature; nullopt when no fact about the engine could be confirmed,
// so the caller checks nothing. A major line newer than every row is assumed to keep the
// feature; a line older than every row, or between rows, never had it.
std::optional<bool> supports(Feature f, const EngineVersion& v);

// The minimums for messages: "13.6+, 14.3+ or any later major".
std::string minimums(Feature f, std::string_view engine);

}  // namespace ag::facts
