#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

constexpr const char* kStorage = "/spec/storage";

// RDS storage limits for MySQL, MariaDB and PostgreSQL (RDS User Guide, "Amazon RDS DB
// instance storage"; CreateDBInstance `Iops`: a multiple of 0.5–50 of the storage for
// io1; io2 Block Express allows up to 1,000 IOPS per GiB).
constexpr double kDefaultAllocatedGb = 20;  // lowering's default when allocated_gb is absent
constexpr double kGeneralPurposeMinGb = 20;
constexpr double kProvisionedIopsMinGb = 100;
constexpr double kGp3ProvisioningFromGb = 400;  // below it gp3 has a fixed baseline
constexpr double kGp3MinIops = 12000;           // the baseline from 400 GiB
constexpr double kGp3MinThroughput = 500;
constexpr double kGp3MaxThroughputPerIops = 0.25;
constexpr double kProvisionedMinIops = 1000;
constexpr double kMinIopsPerGb = 0.5;
constexpr double kIo1MaxIopsPerGb = 50;
constexpr double kIo2MaxIopsPerGb = 1000;

std::string p(const char* field) { return std::string(kStorage) + "/" + field; }

std::string n(double d) { return nlohmann::json(d).dump(); }

void check_keys(Context& c) {
  const bool kms = c.has(p("kms_key_id"));
  const bool create = c.flag(p("create_kms_key"), false);
  if (kms && create) {
    c.error_at_key(p("create_kms_key"), "storage.kms-exclusive",
                   "spec.storage.create_kms_key cannot be combined with "
                   "spec.storage.kms_key_id",
                   "use either an existing key or a created one");
  }
  if ((kms || create) && !c.flag(p("encrypted"), true)) {
    c.error_at(p("encrypted"), "storage.encryption-off-with-key",
               "spec.storage.encrypted is false but a KMS key is configured",
               "remove encrypted: false (encryption is the default) or the key");
  }
}

void check_type_kind(Context& c) {
  auto type = c.str(p("type"));
  if (!type) return;
  const bool aurora_type = *type == "aurora" || *type == "aurora-iopt1";
  if (c.aurora() && !aurora_type) {
    c.error_at(p("type"), "storage.type-kind",
               "spec.storage.type '" + *type + "' is not an Aurora storage type",
               "AuroraCluster takes aurora or aurora-iopt1");
  } else if (c.rds_instance() && aurora_type) {
    c.error_at(p("type"), "storage.type-kind",
               "spec.storage.type '" + *type + "' is only for AuroraCluster",
               "RdsInstance takes gp3, gp2, io1 or io2");
  }
}

void check_sizes(Context& c, const std::string& type, double allocated) {
  const bool provisioned = type == "io1" || type == "io2";
  const double min_gb = provisioned ? kProvisionedIopsMinGb : kGeneralPurposeMinGb;
  if (c.has(p("allocated_gb")) && allocated < min_gb) {
    c.error_at(p("allocated_gb"), "storage.allocated-min",
               "spec.storage.allocated_gb " + n(allocated) + " is below the " + n(min_gb) +
                   " GiB minimum of " + type + " storage");
  }
  auto max = c.num(p("max_allocated_gb"));
  if (max && *max <= allocated) {
    c.error_at(p("max_allocated_gb"), "storage.max-allocated",
               "spec.storage.max_allocated_gb " + n(*max) + " must be greater than allocated_gb " +
                   n(allocated) + (c.has(p("allocated_gb")) ? "" : " (the default)"),
               "storage autoscaling grows allocated_gb up to max_allocated_gb");
  }
}

void check_gp3(Context& c, double allocated) {
  auto iops = c.num(p("iops"));
  auto throughput = c.num(p("throughput"));
  if (!iops && !throughput) return;
  if (allocated < kGp3ProvisioningFromGb) {
    c.error_at(iops ? p("iops") : p("throughput"), "storage.gp3-iops",
               "gp3 iops and throughput can only be set from 400 GiB (allocated_gb is " +
                   n(allocated) + ")",
               "below 400 GiB gp3 gives a fixed 3,000 IOPS and 125 MiB/s");
    return;
  }
  if (iops && *iops < kGp3MinIops) {
    c.error_at(p("iops"), "storage.gp3-iops",
               "spec.storage.iops " + n(*iops) + " is below gp3's 12,000 IOPS baseline");
  }
  if (throughput && *throughput < kGp3MinThroughput) {
    c.error_at(p("throughput"), "storage.gp3-iops",
               "spec.storage.throughput " + n(*throughput) + " is below gp3's 500 MiB/s baseline");
  }
  const double effective_iops = iops.value_or(kGp3MinIops);
  if (throughput && *throughput > effective_iops * kGp3MaxThroughputPerIops) {
    c.error_at(p("throughput"), "storage.gp3-iops",
               "spec.storage.throughput " + n(*throughput) + " exceeds 0.25 × IOPS (" +
                   n(effective_iops) + ")",
               "raise iops to at least " + n(*throughput / kGp3MaxThroughputPerIops));
  }
}

void check_provisioned_iops(Context& c, const std::string& type, double allocated) {
  auto iops = c.num(p("iops"));
  if (!iops) {
    c.error_at(p("type"), "storage.io-iops-required",
               "spec.storage.type " + type + " needs spec.storage.iops");
    return;
  }
  const double max_ratio = type == "io1" ? kIo1MaxIopsPerGb : kIo2MaxIopsPerGb;
  const double ratio = *iops / allocated;
  if (*iops < kProvisionedMinIops || ratio < kMinIopsPerGb || ratio > max_ratio) {
    c.error_at(p("iops"), "storage.iops-ratio",
               "spec.storage.iops " + n(*iops) + " is outside " + type + "'s limits for " +
                   n(allocated) + " GiB",
               type + " needs at least 1,000 IOPS and " + n(kMinIopsPerGb) + "–" + n(max_ratio) +
                   " IOPS per GiB");
  }
}

void check_rds_storage(Context& c) {
  if (!c.rds_instance()) return;
  const std::string type = c.str(p("type")).value_or("gp3");
  const double allocated = c.num(p("allocated_gb")).value_or(kDefaultAllocatedGb);
  check_sizes(c, type, allocated);
  if (type == "gp3") check_gp3(c, allocated);
  if (type == "io1" || type == "io2") check_provisioned_iops(c, type, allocated);
  if (type != "gp3" && c.has(p("throughput"))) {
    c.error_at_key(p("throughput"), "storage.iops-type",
                   "spec.storage.throughput can only be set for gp3 storage");
  }
  if (type == "gp2" && c.has(p("iops"))) {
    c.error_at_key(p("iops"), "storage.iops-type",
                   "spec.storage.iops cannot be set for gp2 storage",
                   "gp2 IOPS follow the size (3 per GiB); use gp3 or io1/io2");
  }
}

}  // namespace

void check_storage(Context& c) {
  check_keys(c);
  check_type_kind(c);
  check_rds_storage(c);
}

}  // namespace ag::semantic
