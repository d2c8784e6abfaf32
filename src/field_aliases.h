// What a field means to people who arrive from Terraform, CloudFormation or Pulumi: their
// property names (backup_retention_period, BackupRetentionPeriod, backupRetentionPeriod)
// mapped to the manifest field that says the same, from data/aliases.json. The validate
// stage uses it for the "did you mean spec.backup.retention_period?" of an unknown field;
// docs/field-names.md publishes the same table (tests/alias_table.py keeps them equal).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ag {

struct FieldAlias {
  std::string path;   // the manifest field, dotted ("spec.backup.retention_period"); or empty
  std::string note;   // why the manifest has no such field, or what else to know; or empty
  std::string owner;  // whose name `key` is: "Terraform", "CloudFormation", "Terraform and
                      // Pulumi"...; empty when it matched only up to case and underscores
};

// The alias row naming `key` for a manifest of `kind` ("AuroraCluster", "RdsInstance"; any
// other kind takes AuroraCluster's), or nullopt. Names match up to case, '_' and '-'.
std::optional<FieldAlias> find_field_alias(std::string_view key, std::string_view kind);

// `key` without case, '_' and '-': how the table compares names.
std::string normalized_field_name(std::string_view key);

}  // namespace ag
