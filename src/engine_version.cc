#include "engine_version.h"

#include <array>
#include <tuple>
#include <vector>

namespace ag {
namespace {

// Splits on '.'; every part must be 1–4 ASCII digits (enough for any real version and
// far from int overflow).
std::optional<std::vector<int>> numeric_parts(std::string_view s) {
  std::vector<int> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = s.find('.', start);
    const std::string_view part =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    parts.push_back(value);
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

std::optional<EngineVersion> parse_postgres(std::string_view engine, std::string_view ver) {
  auto parts = numeric_parts(ver);
  if (!parts) return std::nullopt;
  EngineVersion v{std::string(engine)};
  // Since PostgreSQL 10 a version is major.minor; before it, major.minor.patch.
  if (parts->size() == 2 && (*parts)[0] >= 10) {
    v.major = (*parts)[0];
    v.minor = (*parts)[1];
    return v;
  }
  if (parts->size() == 3 && (*parts)[0] == 9) {
    v.major = (*parts)[0];
    v.minor = (*parts)[1];
    v.patch = (*parts)[2];
    return v;
  }
  return std::nullopt;
}

std::optional<EngineVersion> parse_mysql_like(std::string_view engine, std::string_view ver) {
  auto parts = numeric_parts(ver);
  if (!parts || parts->size() != 3 || (*parts)[0] == 0) return std::nullopt;
  return EngineVersion{std::string(engine), (*parts)[0], (*parts)[1], (*parts)[2]};
}

// "8.0.mysql_aurora.3.08.0": the MySQL line, then the Aurora release.
std::optional<EngineVersion> parse_aurora_mysql(std::string_view ver) {
  constexpr std::string_view kMarker = ".mysql_aurora.";
  const std::size_t at = ver.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  auto mysql = numeric_parts(ver.substr(0, at));
  auto aurora = numeric_parts(ver.substr(at + kMarker.size()));
  if (!mysql || mysql->size() != 2 || !aurora || aurora->size() != 3) return std::nullopt;
  if ((*mysql)[0] == 0 || (*aurora)[0] == 0) return std::nullopt;
  return EngineVersion{"aurora-mysql", (*mysql)[0],  (*mysql)[1], 0,
                       (*aurora)[0],   (*aurora)[1], (*aurora)[2]};
}

struct AutoPauseMinimum {
  int major;
  int minor;
};

// Aurora PostgreSQL versions from which min_capacity 0 (auto-pause) is accepted, per
// major line (AWS Aurora User Guide, "Aurora Serverless v2 capacity": the minimum of
// 0 ACUs needs 13.15, 14.12, 15.7, 16.3 or higher, and every 17.x). Majors after the
// table are assumed to keep the feature; majors before it never had it.
constexpr std::array<AutoPauseMinimum, 5> kAuroraPostgresAutoPause{{
    {13, 15},
    {14, 12},
    {15, 7},
    {16, 3},
    {17, 0},
}};

// Aurora MySQL: release 3.08.0 (MySQL 8.0 compatible) and higher; 2.x (5.7) never.
constexpr std::array<int, 3> kAuroraMysqlAutoPause{3, 8, 0};

bool aurora_postgres_auto_pause(const EngineVersion& v) {
  for (const auto& min : kAuroraPostgresAutoPause) {
    if (v.major == min.major) return v.minor >= min.minor;
  }
  return v.major > kAuroraPostgresAutoPause.back().major;
}

bool aurora_mysql_auto_pause(const EngineVersion& v) {
  return std::tie(v.aurora_major, v.aurora_minor, v.aurora_patch) >=
         std::tie(kAuroraMysqlAutoPause[0], kAuroraMysqlAutoPause[1], kAuroraMysqlAutoPause[2]);
}

}  // namespace

bool is_known_engine(std::string_view engine) {
  return is_postgres_engine(engine) || is_mysql_engine(engine);
}

bool is_aurora_engine(std::string_view engine) {
  return engine == "aurora-postgresql" || engine == "aurora-mysql";
}

bool is_postgres_engine(std::string_view engine) {
  return engine == "aurora-postgresql" || engine == "postgres";
}

bool is_mysql_engine(std::string_view engine) {
  return engine == "aurora-mysql" || engine == "mysql" || engine == "mariadb";
}

std::optional<EngineVersion> parse_engine_version(std::string_view engine,
                                                  std::string_view version) {
  if (is_postgres_engine(engine)) return parse_postgres(engine, version);
  if (engine == "aurora-mysql") return parse_aurora_mysql(version);
  if (engine == "mysql" || engine == "mariadb") return parse_mysql_like(engine, version);
  return std::nullopt;
}

std::string parameter_group_family(const EngineVersion& v) {
  std::string line = std::to_string(v.major);
  // PostgreSQL 10+ families are named by major alone; MySQL-like and old PostgreSQL
  // families by major.minor.
  if (!is_postgres_engine(v.engine) || v.major < 10) line += "." + std::to_string(v.minor);
  return v.engine + line;
}

int compare(const EngineVersion& a, const EngineVersion& b) {
  const auto ka =
      std::tie(a.major, a.minor, a.patch, a.aurora_major, a.aurora_minor, a.aurora_patch);
  const auto kb =
      std::tie(b.major, b.minor, b.patch, b.aurora_major, b.aurora_minor, b.aurora_patch);
  if (ka < kb) return -1;
  return ka == kb ? 0 : 1;
}

bool supports_auto_pause(const EngineVersion& v) {
  if (v.engine == "aurora-postgresql") return aurora_postgres_auto_pause(v);
  if (v.engine == "aurora-mysql") return aurora_mysql_auto_pause(v);
  return false;  // Serverless v2 is Aurora only
}

// RDS Proxy engine versions (RDS and Aurora User Guides, "Supported Regions and DB engines
// for Amazon RDS Proxy"): Aurora MySQL 2.07, 2.11+ and 3.01.0+; RDS for MySQL 5.7+ and
// MariaDB 10.3+; PostgreSQL (RDS and Aurora) 11+. Older lines are out of support anyway.
bool supports_rds_proxy(const EngineVersion& v) {
  if (v.engine == "aurora-mysql") {
    if (v.aurora_major >= 3) return std::tie(v.aurora_major, v.aurora_minor) >= std::tuple(3, 1);
    return v.aurora_major == 2 && (v.aurora_minor == 7 || v.aurora_minor >= 11);
  }
  if (v.engine == "mysql") return std::tie(v.major, v.minor) >= std::tuple(5, 7);
  if (v.engine == "mariadb") return std::tie(v.major, v.minor) >= std::tuple(10, 3);
  return is_postgres_engine(v.engine) && v.major >= 11;
}

std::string auto_pause_minimums() {
  return "Aurora PostgreSQL 13.15, 14.12, 15.7, 16.3, 17 and later; Aurora MySQL "
         "3.08.0 (8.0.mysql_aurora.3.08.0) and later";
}

}  // namespace ag
