#include "starter_manifest.h"

#include <array>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include "defaults.h"
#include "engine_catalog.h"
#include "engine_version.h"

namespace ag {
namespace {

// The manifest as lines; `comment`s are prose, `option`s commented-out settings.
class Lines {
 public:
  void add(const std::string& indent, const std::string& text) { text_ += indent + text + "\n"; }
  void comment(const std::string& indent, const std::string& text) { add(indent, "# " + text); }
  void option(const std::string& indent, const std::string& text) { add(indent + "# ", text); }
  void options(const std::string& indent, std::initializer_list<std::string> texts) {
    for (const std::string& t : texts) option(indent, t);
  }
  std::string str() const { return text_; }

 private:
  std::string text_;
};

bool is_aurora(const StarterOptions& o) { return o.kind == "AuroraCluster"; }
bool is_postgres(const StarterOptions& o) { return is_postgres_engine(o.engine); }

// A YAML scalar: plain when it is one of the simple forms aurora-gen's own names take,
// otherwise double-quoted (a JSON string is a YAML one), so that any text the user passed
// reaches the validator as the string it was.
std::string scalar(const std::string& text) {
  const bool plain =
      !text.empty() &&
      text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
  return plain ? text : nlohmann::json(text).dump();
}

std::string engine_title(const std::string& engine) {
  if (engine == "aurora-postgresql") return "Aurora PostgreSQL";
  if (engine == "aurora-mysql") return "Aurora MySQL";
  if (engine == "postgres") return "RDS for PostgreSQL";
  if (engine == "mysql") return "RDS for MySQL";
  return "RDS for MariaDB";
}

// The first class of the preference list the engine's newest version offers: Graviton
// general-purpose (RDS) or memory-optimised (Aurora) classes, the current generation first.
std::string instance_class(const StarterOptions& o, const std::string& version) {
  static constexpr std::array<const char*, 3> kAurora = {"db.r7g.large", "db.r6g.large",
                                                         "db.r5.large"};
  static constexpr std::array<const char*, 3> kRds = {"db.m7g.large", "db.m6g.large",
                                                      "db.m5.large"};
  const std::optional<EngineVersion> v = parse_engine_version(o.engine, version);
  for (const char* cls : is_aurora(o) ? kAurora : kRds) {
    if (catalog::offers_class(o.engine, v ? &*v : nullptr, cls) == catalog::ClassOffer::kOffered) {
      return cls;
    }
  }
  return is_aurora(o) ? kAurora[0] : kRds[0];
}

std::string zone_region(const StarterOptions& o) {
  return o.region.empty() ? "us-east-1" : o.region;
}

void header(Lines& l, const StarterOptions& o) {
  const std::string what = std::string(is_aurora(o) ? "an " : "") + engine_title(o.engine) +
                           (is_aurora(o) ? " cluster" : " DB instance") +
                           (o.serverless ? " (Serverless v2)" : "");
  l.comment("", "An aurora-gen manifest for " + what + ".");
  l.comment("", "Written by `aurora-gen init`; it validates as it is. Next steps:");
  l.comment("", "  aurora-gen validate " + o.file + "     schema and semantic rules");
  l.comment("", "  aurora-gen explain " + o.file + "      every resource, defaults applied");
  l.comment("", "  aurora-gen render --target all --out-dir out " + o.file);
  l.comment("", "Every field is described in docs/manifest-reference.md, and `aurora-gen schema`");
  l.comment("", "gives editors completion. A line such as \"# port: 5432\" is an option: remove");
  l.comment("", "the \"# \" to set it. Its value is the default or an example.");
  l.add("", "apiVersion: aurora-gen/v1");
  l.add("", "kind: " + o.kind);
}

void metadata(Lines& l, const StarterOptions& o) {
  l.add("", "metadata:");
  l.comment("  ", "The identifier of the database and the prefix of every resource name.");
  l.add("  ", "name: " + scalar(o.name));
  if (!o.region.empty() || o.create_vpc) {
    l.comment("  ", "The zones below are in this region; the artifacts deploy only there.");
    l.add("  ", "region: " + scalar(zone_region(o)));
  } else {
    l.comment("  ", "Absent: wherever the stack is deployed (Terraform asks for it).");
    l.option("  ", "region: us-east-1");
  }
  l.options("  ", {"environment: production     # becomes the Environment tag",
                   "tags:", "  team: platform"});
}

void engine(Lines& l, const StarterOptions& o, const std::string& version) {
  l.add("", "spec:");
  l.add("  ", "engine: " + o.engine);
  l.comment("  ", "The newest version aurora-gen knows; quoted, so that 16.10 stays 16.10.");
  l.add("  ", "engine_version: \"" + version + "\"");
  l.option("  ", "database_name: app           # a database created at launch");
  l.option("  ", std::string("port: ") + (is_postgres(o) ? "5432" : "3306"));
}

void aurora_instances(Lines& l, const StarterOptions& o, const std::string& cls) {
  if (o.serverless) {
    l.comment("  ",
              "Capacity in Aurora capacity units (about 2 GiB of memory each), in steps of 0.5.");
    l.comment("  ", "A minimum of 0 pauses an idle cluster on versions that support it.");
    l.add("  ", "serverless_v2_scaling:");
    l.add("    ", "min_capacity: 0.5");
    l.add("    ", "max_capacity: 16");
  }
  l.add("  ", "instances:");
  if (o.serverless) {
    l.add("    ", "writer: {}");
  } else {
    l.add("    ", "writer:");
    l.add("      ", "instance_class: " + cls);
  }
  l.add("    ", "readers:");
  l.comment("      ", "A reader in another zone takes over within a minute if the writer fails.");
  l.add("      ", "count: 1");
  l.option("      ", "promotion_tier: 1");
}

void rds_instance(Lines& l, const std::string& cls) {
  l.add("  ", "instance_class: " + cls);
  l.comment("  ", "Secure default: a synchronous standby in a second zone, for failover.");
  l.option("  ", "multi_az: true");
}

void existing_network(Lines& l) {
  l.comment("    ", "Replace with your VPC and at least two of its private subnets, in different");
  l.comment("    ", "availability zones.");
  l.add("    ", "vpc_id: vpc-0123456789abcdef0");
  l.add("    ", "subnet_ids:");
  l.add("      ", "- subnet-0123456789abcdef0");
  l.add("      ", "- subnet-0123456789abcdef1");
}

void new_network(Lines& l, const StarterOptions& o) {
  const std::string r = zone_region(o);
  l.comment("    ", "A new VPC: a private subnet per zone, no route from the internet.");
  l.add("    ", "create_vpc:");
  l.add("      ", "cidr_block: 10.0.0.0/16");
  l.add("      ", "availability_zones: [" + r + "a, " + r + "b, " + r + "c]");
  l.option("      ", "nat_gateways: none          # single or one_per_az for outbound access");
  l.option("      ", "vpc_endpoints: [s3, secretsmanager, logs, monitoring, kms]");
}

void network(Lines& l, const StarterOptions& o) {
  l.add("  ", "network:");
  if (o.create_vpc) {
    new_network(l, o);
  } else {
    existing_network(l);
  }
  l.comment("    ", "Who may connect on the database port: your clients' CIDR blocks or security");
  l.comment("    ", "groups. Nothing else can reach the database.");
  l.add("    ", "allowed_cidr_blocks:");
  l.add("      ", "- 10.0.0.0/16");
  l.option("    ", "allowed_security_group_ids: [sg-0123456789abcdef0]");
  l.comment("    ", "Secure default: no public IP address.");
  l.option("    ", "publicly_accessible: false");
}

void credentials(Lines& l) {
  l.comment("  ", "Secure default: RDS generates the master password and keeps it in Secrets");
  l.comment("  ", "Manager; no artifact holds it, and the outputs name the secret.");
  l.options("  ", {"credentials:", "  username: " + std::string(defaults::kMasterUsername),
                   "  manage_master_user_password: true",
                   "  rotation:", "    automatically_after_days: 30"});
}

void storage(Lines& l, const StarterOptions& o) {
  l.comment("  ", "Secure default: storage encrypted at rest, by the AWS-managed key unless a key");
  l.comment("  ", "is named or created (create_kms_key: a customer-managed key, rotated yearly).");
  l.options("  ", {"storage:", "  encrypted: true", "  create_kms_key: true"});
  if (!is_aurora(o)) {
    l.options("  ", {"  type: gp3", "  allocated_gb: 20",
                     "  max_allocated_gb: 100     # storage autoscaling up to this size"});
  }
}

void protection(Lines& l) {
  l.comment("  ", "Secure defaults: daily backups kept 7 days, a final snapshot when the database");
  l.comment("  ", "is deleted, and no deletion at all while deletion_protection is on.");
  l.options("  ", {"deletion_protection: true", "backup:", "  retention_period: 7",
                   "  preferred_window: \"03:00-04:00\"            # UTC",
                   "  copy_tags_to_snapshot: true", "  skip_final_snapshot: false"});
  l.comment("  ",
            "Minor versions are applied in the maintenance window; a major upgrade only when");
  l.comment("  ", "allow_major_version_upgrade is true.");
  l.options("  ", {"maintenance:", "  preferred_window: \"sun:05:00-sun:06:00\"    # UTC",
                   "  auto_minor_version_upgrade: true"});
}

void monitoring(Lines& l, const StarterOptions& o) {
  std::string exports;
  for (const std::string& type : defaults::log_exports(o.engine)) {
    exports += (exports.empty() ? "" : ", ") + type;
  }
  // Not an option line: a list of exports also needs the parameters that write MySQL's logs,
  // which the default sets by itself (logs.needs-parameter).
  l.comment("  ", "Secure defaults: the logs " + exports + " exported to CloudWatch Logs");
  l.comment("  ", "(with the parameters that write them) and kept a year; enhanced monitoring");
  l.comment("  ", "every minute. enabled_cloudwatch_logs_exports: [...] chooses other logs.");
  l.comment("  ", "Performance Insights and alarms only when asked for.");
  l.options("  ",
            {"monitoring:", "  log_retention_days: " + std::to_string(defaults::kLogRetentionDays),
             "  enhanced_monitoring_interval: " + std::to_string(defaults::kMonitoringInterval),
             "  performance_insights:", "    enabled: true", "    retention_period: 7", "  alarms:",
             "    notify_emails: [dba@example.com]", "    cpu_utilization_percent: 80"});
}

void proxy(Lines& l) {
  l.comment("  ", "An RDS Proxy in front of the database, with the same secret; TLS required.");
  l.options("  ", {"proxy:", "  require_tls: true", "  idle_client_timeout: 1800"});
}

}  // namespace

std::vector<std::string> engines_for(const std::string& kind) {
  if (kind == "AuroraCluster") return {"aurora-postgresql", "aurora-mysql"};
  return {"postgres", "mysql", "mariadb"};
}

std::string starter_manifest(const StarterOptions& o) {
  const std::string version = catalog::newest_version(o.engine);
  const std::string cls = instance_class(o, version);
  Lines l;
  header(l, o);
  metadata(l, o);
  engine(l, o, version);
  if (is_aurora(o)) {
    aurora_instances(l, o, cls);
  } else {
    rds_instance(l, cls);
  }
  network(l, o);
  credentials(l);
  storage(l, o);
  protection(l);
  monitoring(l, o);
  proxy(l);
  return l.str();
}

}  // namespace ag
