// The secure defaults aurora-gen chooses where a manifest is silent, shared by the checks
// (which judge a manifest as it will be lowered) and lowering (which applies them).
// docs/policy.md says which scanner rule each one satisfies; docs/day-two.md what each does
// to a database deployed by an earlier release.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ag::defaults {

// Not an engine's default: AWS Control Tower's rds_cluster_default_admin_check and
// rds_instance_default_admin_check (CT.RDS.PR.21/22) refuse "postgres" and "admin".
inline constexpr std::string_view kMasterUsername = "dbadmin";

// The CA that signs the database's server certificate. rds-ca-2019 expired in August 2024;
// rds-ca-rsa2048-g1 is offered in every Region, GovCloud included (RDS User Guide and Aurora
// User Guide, "Using SSL/TLS to encrypt a connection", Certificate authorities).
inline constexpr std::string_view kCaCertificate = "rds-ca-rsa2048-g1";

// Enhanced monitoring every 60 seconds, the longest interval AWS offers (CreateDBInstance,
// MonitoringInterval: 0, 1, 5, 10, 15, 30, 60).
inline constexpr std::int64_t kMonitoringInterval = 60;

// Log groups aurora-gen creates keep a year of logs (checkov CKV_AWS_338 and Control Tower
// CT.CLOUDWATCH.PR.2 ask for at least 365 days).
inline constexpr std::int64_t kLogRetentionDays = 365;

// The log types exported when the manifest names none: each engine's error log plus what
// records access (PostgreSQL's log, MySQL's audit and slow query logs). Not MySQL's general
// log, which records every statement. Log types per engine: CreateDBCluster and
// CreateDBInstance, EnableCloudwatchLogsExports.
std::vector<std::string> log_exports(std::string_view engine);

// IAM database authentication where it costs nothing: every engine that has it (Aurora,
// RDS for PostgreSQL and MySQL; not RDS for MariaDB). Turning it on changes no existing
// password login.
bool iam_authentication(std::string_view engine);

}  // namespace ag::defaults
