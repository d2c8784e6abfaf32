// Shared by the semantic_checks_*.cc files: one context that knows the manifest, reads
// its nodes defensively and reports at the most specific source position.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "document.h"
#include "engine_version.h"

namespace ag::semantic {

using Json = nlohmann::json;

class Context {
 public:
  Context(const Manifest& m, Diagnostics& diags);

  // The node at a JSON pointer such as "/spec/network/vpc_id", or nullptr when any step
  // is missing or of the wrong shape. Never throws.
  const Json* find(std::string_view pointer) const;
  bool has(std::string_view pointer) const { return find(pointer) != nullptr; }
  std::optional<std::string> str(std::string_view pointer) const;
  std::optional<double> num(std::string_view pointer) const;
  // A boolean field with its documented default when absent or not a boolean.
  bool flag(std::string_view pointer, bool fallback) const;

  // Reports at the value, or at the key for "this field should not be here".
  void error_at(const std::string& pointer, std::string rule, std::string message,
                std::string hint = {});
  void error_at_key(const std::string& pointer, std::string rule, std::string message,
                    std::string hint = {});
  void warning_at(const std::string& pointer, std::string rule, std::string message,
                  std::string hint = {});
  void warning_at_key(const std::string& pointer, std::string rule, std::string message,
                      std::string hint = {});

  const Manifest& manifest() const { return m_; }
  bool aurora() const { return kind_ == "AuroraCluster"; }
  bool rds_instance() const { return kind_ == "RdsInstance"; }
  const std::string& engine() const { return engine_; }
  const std::optional<EngineVersion>& version() const { return version_; }
  bool serverless() const { return aurora() && has("/spec/serverless_v2_scaling"); }
  bool global_secondary() const;

 private:
  const Manifest& m_;
  Diagnostics& diags_;
  std::string kind_;
  std::string engine_;
  std::optional<EngineVersion> version_;
};

using ag::dotted;

// Each group of rules, one per file; see docs/rules.md for the ids.
void check_kind_and_engine(Context& c);
void check_network(Context& c);
void check_instances_and_scaling(Context& c);
void check_storage(Context& c);
void check_windows(Context& c);
void check_credentials(Context& c);
void check_document_strings(Context& c);
void check_metadata(Context& c);
void check_global_and_restore(Context& c);
void check_features(Context& c);
void check_monitoring(Context& c);
void check_engine_catalog(Context& c);
void check_engine_features(Context& c);
void check_policy_exceptions(Context& c);

}  // namespace ag::semantic
