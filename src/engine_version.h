// Engine versions as users write them in `engine_version`, parsed once so that checks
// (auto-pause support, RDS Proxy support) and lowering (parameter-group family) agree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ag {

// A parsed engine version. `major`/`minor`/`patch` are the engine's own numbers
// (PostgreSQL 15.4 → 15, 4, 0; MySQL 8.0.39 → 8, 0, 39). Aurora MySQL also carries the
// Aurora release ("8.0.mysql_aurora.3.08.0" → aurora 3, 8, 0), which decides features.
struct EngineVersion {
  std::string engine;  // "aurora-postgresql", "aurora-mysql", "postgres", "mysql", "mariadb"
  int major = 0;
  int minor = 0;
  int patch = 0;
  int aurora_major = 0;
  int aurora_minor = 0;
  int aurora_patch = 0;
};

bool is_known_engine(std::string_view engine);
bool is_aurora_engine(std::string_view engine);
bool is_postgres_engine(std::string_view engine);  // aurora-postgresql or postgres
bool is_mysql_engine(std::string_view engine);     // aurora-mysql, mysql or mariadb

// Forms accepted: aurora-postgresql/postgres "15.4" (and "9.6.22" before 10);
// aurora-mysql "8.0.mysql_aurora.3.08.0"; mysql/mariadb "8.0.39". nullopt otherwise.
std::optional<EngineVersion> parse_engine_version(std::string_view engine,
                                                  std::string_view version);

// The DB parameter group family: aurora-postgresql15, postgres15, aurora-mysql8.0,
// mysql8.0, mariadb10.11 (PostgreSQL before 10: postgres9.6).
std::string parameter_group_family(const EngineVersion& v);

// Three-way comparison of (major, minor, patch), then the Aurora release.
int compare(const EngineVersion& a, const EngineVersion& b);

// Whether Serverless v2 may scale to 0 ACUs (min_capacity 0) and auto-pause.
bool supports_auto_pause(const EngineVersion& v);

// Whether RDS Proxy can front this engine version.
bool supports_rds_proxy(const EngineVersion& v);

// The versions from which auto-pause is available, for messages and hints.
std::string auto_pause_minimums();

}  // namespace ag
