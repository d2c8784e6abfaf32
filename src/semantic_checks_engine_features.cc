// Rules for features that exist only from a given engine version on (engine_facts.h): a
// manifest asking for one on an older version would be refused by AWS when it is created.
// Where AWS's minimums could not be confirmed, engine_facts answers "unknown" and nothing
// is reported.
#include "engine_facts.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

using facts::Feature;

constexpr const char* kScaling = "/spec/serverless_v2_scaling";
// Serverless v2's ceiling before AWS raised it to 256 ACU on newer versions.
constexpr double kClassicMaxCapacity = 128;

struct Gate {
  Feature feature;
  const char* rule;
  const char* what;  // the feature, as the message names it
};

// Reports when the version lacks the feature; `at_key` for a field that should not be
// there, otherwise at its value.
void gate(Context& c, const Gate& g, const std::string& at, bool at_key) {
  const auto ok = facts::supports(g.feature, *c.version());
  if (!ok || *ok) return;
  const std::string version = c.str("/spec/engine_version").value_or("");
  std::string message = c.engine() + " " + version + " does not offer " + std::string(g.what);
  std::string hint = "it needs " + c.engine() + " " + facts::minimums(g.feature, c.engine());
  if (at_key) {
    c.error_at_key(at, g.rule, std::move(message), std::move(hint));
  } else {
    c.error_at(at, g.rule, std::move(message), std::move(hint));
  }
}

void check_serverless(Context& c) {
  if (!c.serverless()) return;
  gate(c, {Feature::kServerlessV2, "serverless.engine-version", "Aurora Serverless v2"}, kScaling,
       true);
  const std::string max = std::string(kScaling) + "/max_capacity";
  auto capacity = c.num(max);
  if (capacity && *capacity > kClassicMaxCapacity &&
      facts::supports(Feature::kServerlessV2, *c.version()).value_or(true)) {
    gate(c,
         {Feature::kServerlessV2Max256, "serverless.capacity-version",
          "Serverless v2 capacity above 128 ACU (max_capacity)"},
         max, false);
  }
}

}  // namespace

void check_engine_features(Context& c) {
  if (!c.aurora() || !c.version() || !is_aurora_engine(c.engine())) return;
  check_serverless(c);
  if (c.str("/spec/storage/type") == "aurora-iopt1") {
    gate(c,
         {Feature::kIoOptimizedStorage, "storage.iopt1-version",
          "Aurora I/O-Optimized storage (aurora-iopt1)"},
         "/spec/storage/type", false);
  }
  if (c.flag("/spec/enable_http_endpoint", false)) {
    gate(c,
         {Feature::kDataApi, "data-api.engine-version", "the RDS Data API (enable_http_endpoint)"},
         "/spec/enable_http_endpoint", false);
  }
  if (c.has("/spec/global_database")) {
    gate(c, {Feature::kGlobalDatabase, "global.engine-version", "Aurora global databases"},
         "/spec/global_database", true);
  }
}

}  // namespace ag::semantic
