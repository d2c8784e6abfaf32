// Rules against what AWS offers (engine_catalog.h, engine_facts.h): engine versions it does
// not know or no longer creates, instance classes an engine does not offer, and major
// versions at or near the end of standard support.
#include "calendar.h"
#include "engine_catalog.h"
#include "engine_facts.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

constexpr const char* kVersion = "/spec/engine_version";
// How early the end of standard support is announced: one quarter, time to plan an upgrade.
constexpr long kEndOfSupportNoticeDays = 90;

// "a", "a or b", "a, b or c".
std::string or_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  }
  return out;
}

std::string refresh_hint() {
  return "the version catalog comes from cfn-lint " + catalog::source_version() +
         "; if AWS has released this version since, refresh it with "
         "scripts/refresh-engine-catalog.py";
}

void check_known(Context& c, const std::string& text) {
  const std::vector<std::string> near = catalog::nearest_versions(*c.version(), 3);
  c.error_at(kVersion, "engine.version-unknown",
             "spec.engine_version '" + text + "' is not a version AWS offers for " + c.engine(),
             (near.empty() ? "" : "did you mean " + or_list(near) + "? ") + refresh_hint());
}

void check_deprecated(Context& c, const std::string& text) {
  const std::string newest = catalog::newest_in_line(*c.version());
  const std::string line = catalog::major_line(*c.version());
  c.error_at(kVersion, "engine.version-deprecated",
             "spec.engine_version '" + text + "' is deprecated: AWS no longer creates " +
                 c.engine() + " databases with it",
             newest.empty() ? "no " + line + ".x version is offered any more; use a newer major " +
                                  "such as " + catalog::newest_version(c.engine())
                            : "use " + newest + ", the newest " + line + ".x version");
}

// What follows the end of standard support: paid RDS Extended Support when the manifest
// enrols in it (engine_lifecycle_support), otherwise an automatic major version upgrade.
std::string after_end_of_support(const Context& c) {
  const std::string upgrade =
      "after that date RDS upgrades the database to a newer major version automatically";
  if (!facts::has_extended_support(c.engine())) return upgrade;
  if (c.str("/spec/engine_lifecycle_support") == "open-source-rds-extended-support") {
    return "after that date the database runs in RDS Extended Support, which is paid "
           "(engine_lifecycle_support: open-source-rds-extended-support)";
  }
  return upgrade +
         ", and RDS creates no new database on it unless engine_lifecycle_support "
         "enrols in paid RDS Extended Support";
}

// Names an upgrade target only when the catalog has a newer major line than v's.
std::string upgrade_hint(const EngineVersion& v) {
  const std::string newest = catalog::newest_version(v.engine);
  auto parsed = parse_engine_version(v.engine, newest);
  if (!parsed || catalog::major_line(*parsed) == catalog::major_line(v)) {
    return "plan the upgrade to a newer major version";
  }
  return "upgrade to a newer major version, such as " + newest;
}

void check_end_of_support(Context& c) {
  const auto end = facts::end_of_standard_support(*c.version());
  if (!end) return;
  const long days = days_between(today(), *end);
  if (days > kEndOfSupportNoticeDays) return;
  const std::string what = c.engine() + " " + catalog::major_line(*c.version());
  const std::string when = days <= 0 ? "reached the end of standard support on " + format_date(*end)
                                     : "reaches the end of standard support on " +
                                           format_date(*end) + ", in " + std::to_string(days) +
                                           (days == 1 ? " day" : " days");
  c.warning_at(kVersion, "engine.end-of-support",
               what + " " + when + "; " + after_end_of_support(c), upgrade_hint(*c.version()));
}

// The AWS CLI call that lists what the region offers for this engine (and version).
std::string orderable_command(const Context& c) {
  auto version = c.str(kVersion);
  return "aws rds describe-orderable-db-instance-options --engine " + c.engine() +
         (version && c.version() ? " --engine-version " + *version : "") +
         " --query 'OrderableDBInstanceOptions[].DBInstanceClass'";
}

void refuse_class(Context& c, const std::string& at, const std::string& cls) {
  const EngineVersion* v = c.version() ? &*c.version() : nullptr;
  const catalog::ClassOffer offer = catalog::offers_class(c.engine(), v, cls);
  if (offer == catalog::ClassOffer::kOffered) return;
  const std::string near = catalog::nearest_class(c.engine(), v, cls);
  const std::string scope = offer == catalog::ClassOffer::kNotInMajor
                                ? c.engine() + " " + catalog::major_line(*v)
                                : c.engine();
  c.error_at(at, "instance.class-engine",
             dotted(at) + " '" + cls + "' is not an instance class " + scope + " offers",
             near.empty() ? "`" + orderable_command(c) + "` lists the classes AWS offers"
                          : "did you mean " + near + "?");
}

void check_instance_class(Context& c, const std::string& at) {
  auto cls = c.str(at);
  if (!cls) return;
  if (*cls == "db.serverless") {
    // On an AuroraCluster the serverless rules own it; an RdsInstance cannot have it.
    if (c.rds_instance()) {
      c.error_at(at, "instance.class-engine",
                 "spec.instance_class db.serverless is Aurora Serverless v2's class; an "
                 "RdsInstance needs a provisioned class",
                 "for example db.t4g.medium, or use kind AuroraCluster with "
                 "serverless_v2_scaling");
    }
    return;
  }
  refuse_class(c, at, *cls);
}

// The engine fits the kind (engine.kind-mismatch reports it otherwise).
bool engine_fits_kind(const Context& c) {
  const bool aurora_engine = is_aurora_engine(c.engine());
  return catalog::has_engine(c.engine()) && (c.aurora() ? aurora_engine : !aurora_engine);
}

}  // namespace

void check_engine_catalog(Context& c) {
  if (!engine_fits_kind(c)) return;
  if (c.aurora()) {
    check_instance_class(c, "/spec/instances/writer/instance_class");
    check_instance_class(c, "/spec/instances/readers/instance_class");
  } else {
    check_instance_class(c, "/spec/instance_class");
  }
  auto text = c.str(kVersion);
  if (!text || !c.version()) return;  // engine.version-format reports it
  if (!catalog::is_known_version(c.engine(), *text)) {
    check_known(c, *text);
  } else if (catalog::is_deprecated_version(c.engine(), *text)) {
    check_deprecated(c, *text);
  }
  check_end_of_support(c);
}

}  // namespace ag::semantic
