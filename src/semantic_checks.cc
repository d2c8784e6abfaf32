#include "semantic_checks.h"

#include <array>

#include "semantic_checks_internal.h"

namespace ag {
namespace semantic {
namespace {

// Fields that only one kind of manifest may use (pointers under the document root).
constexpr std::array<std::string_view, 10> kAuroraOnly{
    "/spec/serverless_v2_scaling", "/spec/instances",          "/spec/read_replica_autoscaling",
    "/spec/global_database",       "/spec/backtrack_window",   "/spec/endpoints",
    "/spec/enable_http_endpoint",  "/spec/parameters/cluster", "/spec/cluster_parameter_group_name",
    "/spec/restore/point_in_time",
};
constexpr std::array<std::string_view, 7> kRdsInstanceOnly{
    "/spec/instance_class",           "/spec/multi_az",
    "/spec/availability_zone",        "/spec/storage/allocated_gb",
    "/spec/storage/max_allocated_gb", "/spec/storage/iops",
    "/spec/storage/throughput",
};

// "an aurora-mysql", "a postgres": engine names start with a letter, read as words.
std::string with_article(const std::string& word) {
  const bool vowel =
      !word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + word;
}

template <std::size_t N>
void refuse_fields(Context& c, const std::array<std::string_view, N>& fields,
                   std::string_view owner, std::string_view kind) {
  for (std::string_view f : fields) {
    if (!c.has(f)) continue;
    const std::string p(f);
    c.error_at_key(
        p, "kind.field-not-allowed", dotted(p) + " is only allowed for kind " + std::string(owner),
        "remove it, or use kind " + std::string(owner) + " instead of " + std::string(kind));
  }
}

void check_required_by_kind(Context& c) {
  if (c.aurora() && !c.has("/spec/instances/writer")) {
    const std::string at = c.has("/spec/instances") ? "/spec/instances" : "/spec";
    c.error_at_key(at, "kind.instances-required", "an AuroraCluster needs spec.instances.writer",
                   "add `instances: {writer: {instance_class: db.r6g.large}}` (or `writer: {}` "
                   "with serverless_v2_scaling)");
  }
  if (c.rds_instance() && !c.str("/spec/instance_class")) {
    c.error_at_key("/spec", "kind.instance-class-required",
                   "an RdsInstance needs spec.instance_class", "for example db.t4g.medium");
  }
}

void check_engine(Context& c) {
  const std::string& engine = c.engine();
  if (!c.has("/spec/engine")) return;
  const bool aurora_engine = is_aurora_engine(engine);
  if ((c.aurora() && !aurora_engine) || (c.rds_instance() && aurora_engine) ||
      !is_known_engine(engine)) {
    c.error_at("/spec/engine", "engine.kind-mismatch",
               "spec.engine '" + engine + "' does not fit kind " +
                   c.manifest().doc.value("kind", std::string()),
               c.aurora() ? "AuroraCluster takes aurora-postgresql or aurora-mysql"
                          : "RdsInstance takes postgres, mysql or mariadb");
    return;
  }
  auto text = c.str("/spec/engine_version");
  if (text && !c.version()) {
    c.error_at("/spec/engine_version", "engine.version-format",
               "spec.engine_version '" + *text + "' is not " + with_article(engine) +
                   " version, so no parameter-group family can be derived",
               engine == "aurora-mysql"     ? "write it as 8.0.mysql_aurora.3.08.0"
               : is_postgres_engine(engine) ? "write it as major.minor, such as 16.4"
                                            : "write it as major.minor.patch, such as 8.0.39");
  }
}

}  // namespace

void check_kind_and_engine(Context& c) {
  if (c.aurora()) refuse_fields(c, kRdsInstanceOnly, "RdsInstance", "AuroraCluster");
  if (c.rds_instance()) refuse_fields(c, kAuroraOnly, "AuroraCluster", "RdsInstance");
  check_required_by_kind(c);
  check_engine(c);
}

}  // namespace semantic

void check_semantics(const Manifest& m, Diagnostics& diags) {
  semantic::Context c(m, diags);
  semantic::check_metadata(c);
  semantic::check_kind_and_engine(c);
  semantic::check_engine_catalog(c);
  semantic::check_network(c);
  semantic::check_instances_and_scaling(c);
  semantic::check_storage(c);
  semantic::check_windows(c);
  semantic::check_credentials(c);
  semantic::check_global_and_restore(c);
  semantic::check_features(c);
  semantic::check_engine_features(c);
  semantic::check_monitoring(c);
  semantic::check_policy_exceptions(c);
  semantic::check_document_strings(c);
}

}  // namespace ag
