// Keys and secrets: the customer-managed KMS key and the managed secret's rotation.
#include "lower_context.h"

namespace ag::lowering {
namespace {}  // namespace

// "rds.<region>.amazonaws.com" ("....amazonaws.com.cn" in China): the endpoint a call through
// the service comes from, for kms:ViaService.
ir::Value via_service(const std::string& service) {
  return ir::Concat{{service + ".", ir::Pseudo::Region, ".", ir::Pseudo::UrlSuffix}};
}

namespace {}  // namespace

// The account administers a key it owns (KMS's default key policy statement).
ir::Map account_administration() {
  const ir::Value root =
      ir::Concat{{"arn:", ir::Pseudo::Partition, ":iam::", ir::Pseudo::AccountId, ":root"}};
  return {{"Sid", "AccountAdministration"},
          {"Effect", "Allow"},
          {"Principal", ir::Map{{"AWS", root}}},
          {"Action", "kms:*"},
          {"Resource", "*"}};
}

namespace {

// The account administers the key; RDS and Secrets Manager may use it on the account's
// behalf, and only through those services.
ir::Value key_policy() {
  const ir::Map admin = account_administration();
  ir::List actions{"kms:Encrypt",     "kms:Decrypt",    "kms:ReEncrypt*", "kms:GenerateDataKey*",
                   "kms:CreateGrant", "kms:ListGrants", "kms:DescribeKey"};
  ir::Map condition{
      {"StringEquals",
       ir::Map{{"kms:CallerAccount", ir::Pseudo::AccountId},
               {"kms:ViaService", ir::List{via_service("rds"), via_service("secretsmanager")}}}}};
  ir::Map use{{"Sid", "DatabaseServicesUse"},
              {"Effect", "Allow"},
              {"Principal", ir::Map{{"AWS", "*"}}},
              {"Action", actions},
              {"Resource", "*"},
              {"Condition", condition}};
  return ir::json(ir::Map{{"Version", "2012-10-17"}, {"Statement", ir::List{admin, use}}});
}

}  // namespace

bool managed_password(const Context& c) {
  return !global_secondary(c) &&
         flag(get(c.spec, "credentials"), "manage_master_user_password", true);
}

bool global_secondary(const Context& c) {
  return text(at_path(c.spec, "global_database"), "role") == "secondary";
}

std::optional<ir::Value> storage_key(const Context& c) {
  const json& storage = get(c.spec, "storage");
  if (flag(storage, "create_kms_key", false)) return ir::ref("kms_key", "arn");
  if (storage.is_object() && storage.contains("kms_key_id")) return text(storage, "kms_key_id");
  return std::nullopt;
}

void lower_kms(Context& c) {
  if (!flag(get(c.spec, "storage"), "create_kms_key", false)) return;
  c.origin = "/spec/storage/create_kms_key";
  c.add(
      "kms_key", "kms_key",
      {{"description", "Encrypts the storage, master secret and Performance Insights of " + c.name},
       {"enable_key_rotation", true},
       {"deletion_window_in_days", 30},
       {"policy", key_policy()},
       {"tags", c.tags(c.name)}});
  c.add("kms_alias", "kms_alias",
        {{"name", "alias/" + c.name}, {"target_key_id", ir::ref("kms_key", "id")}});
}

void lower_secret_rotation(Context& c) {
  const json& rotation = at_path(c.spec, "credentials.rotation");
  if (!rotation.is_object() || !managed_password(c)) return;
  const std::string db = c.aurora ? "cluster" : "db_instance";
  c.origin = "/spec/credentials/rotation";
  c.add("secret_rotation", "secret_rotation",
        {{"secret_id", ir::ref(db, "secret_arn")},
         {"automatically_after_days", integer(rotation, "automatically_after_days", 7)}});
}

}  // namespace ag::lowering
