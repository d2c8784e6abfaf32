#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

constexpr const char* kCreds = "/spec/credentials";

std::string p(const char* field) { return std::string(kCreds) + "/" + field; }

void check_username(Context& c) {
  auto user = c.str(p("username"));
  if (!user) return;
  std::string why;
  // rdsadmin, reserved on every engine, is refused by the schema (schema.not).
  if (is_postgres_engine(c.engine()) && *user == "admin") {
    why = "is reserved by the PostgreSQL engines";
  } else if (is_postgres_engine(c.engine()) && user->rfind("pg_", 0) == 0) {
    why = "starts with pg_, which PostgreSQL reserves for its own roles";
  }
  if (!why.empty()) {
    c.error_at(p("username"), "credentials.reserved-username",
               "spec.credentials.username '" + *user + "' " + why,
               "choose another name, such as app_admin");
  }
}

void check_password_source(Context& c) {
  const bool managed = c.flag(p("manage_master_user_password"), true);
  if (!managed && c.has(p("master_user_secret_kms_key_id"))) {
    c.error_at_key(p("master_user_secret_kms_key_id"), "credentials.kms-needs-managed",
                   "spec.credentials.master_user_secret_kms_key_id only applies when "
                   "manage_master_user_password is true");
  }
  if (managed && c.has(p("master_password_secret_arn"))) {
    c.error_at_key(p("master_password_secret_arn"), "credentials.secret-arn",
                   "spec.credentials.master_password_secret_arn needs "
                   "manage_master_user_password: false",
                   "either let RDS manage the password or bring your own secret");
  }
  if (!managed && !c.has(p("master_password_secret_arn"))) {
    c.error_at(p("manage_master_user_password"), "credentials.password-source",
               "with manage_master_user_password false, "
               "spec.credentials.master_password_secret_arn is required",
               "a plaintext password is never accepted; point at a Secrets Manager secret");
  }
  if (c.has(p("master_password_secret_kms_key_id")) && !c.has(p("master_password_secret_arn"))) {
    c.error_at_key(p("master_password_secret_kms_key_id"), "credentials.secret-kms-key",
                   "spec.credentials.master_password_secret_kms_key_id is the key of "
                   "master_password_secret_arn, which this manifest does not name",
                   "for the RDS-managed secret's key use master_user_secret_kms_key_id");
  }
  if (!managed && c.has(p("rotation"))) {
    c.error_at_key(p("rotation"), "credentials.rotation-needs-managed",
                   "spec.credentials.rotation schedules the RDS-managed secret; this manifest "
                   "brings its own (master_password_secret_arn)",
                   "rotate your own secret where it is defined, or let RDS manage the password");
  }
}

}  // namespace

void check_credentials(Context& c) {
  check_username(c);
  if (c.global_secondary()) return;  // credentials are refused there altogether
  check_password_source(c);
}

}  // namespace ag::semantic
