#include "defaults.h"

namespace ag::defaults {

std::vector<std::string> log_exports(std::string_view engine) {
  if (engine == "aurora-postgresql") return {"postgresql"};
  if (engine == "postgres") return {"postgresql", "upgrade"};
  // RDS for MySQL and MariaDB write the audit log through the MARIADB_AUDIT_PLUGIN option,
  // Aurora MySQL through server_audit_logging: lowering adds what each needs.
  if (engine == "aurora-mysql" || engine == "mysql" || engine == "mariadb") {
    return {"audit", "error", "slowquery"};
  }
  return {};
}

bool iam_authentication(std::string_view engine) { return engine != "mariadb"; }

}  // namespace ag::defaults
