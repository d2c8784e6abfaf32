// Keys and secrets: the customer-managed KMS key and the managed secret's rotation.
#include "lower_context.h"

namespace ag::lowering {
// "rds.<region>.amazonaws.com" ("....amazonaws.com.cn" in China): the endpoint a call through
// the service comes from, for kms:ViaService.
ir::Value via_service(const std::string& service) {
  return ir::Concat{{service + ".", ir::Pseudo::Region, ".", ir::Pseudo::UrlSuffix}};
}

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

// Grants let whoever holds one use the key without the key policy: only RDS and the other
// services that use the key on the account's behalf (kms:GrantIsForAWSResource) or AWS
// service principals may create them (AWS KMS Developer Guide, "kms:GrantIsForAWSResource";
// the statement is the one the Control Tower control's documentation gives).
ir::Map deny_grants_outside_aws() {
  return {
      {"Sid", "DenyGrantsOutsideAwsServices"},
      {"Effect", "Deny"},
      {"Principal", ir::Map{{"AWS", "*"}}},
      {"Action", "kms:CreateGrant"},
      {"Resource", "*"},
      {"Condition", ir::Map{{"BoolIfExists", ir::Map{{"kms:GrantIsForAWSResource", "false"},
                                                     {"aws:PrincipalIsAWSService", "false"}}}}}};
}

namespace {

// CloudWatch Logs encrypts the database's log groups with the key, and only those (AWS
// CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS": the
// service principal and the kms:EncryptionContext:aws:logs:arn condition).
ir::Map logs_use(const Context& c) {
  const ir::Value groups = ir::Concat{{"arn:", ir::Pseudo::Partition, ":logs:", ir::Pseudo::Region,
                                       ":", ir::Pseudo::AccountId, ":log-group:/aws/rds/",
                                       c.aurora ? "cluster/" : "instance/", c.name, "/*"}};
  return {
      {"Sid", "CloudWatchLogsUse"},
      {"Effect", "Allow"},
      {"Principal",
       ir::Map{{"Service", ir::Concat{{"logs.", ir::Pseudo::Region, ".", ir::Pseudo::UrlSuffix}}}}},
      {"Action", ir::List{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                          "kms:Describe*"}},
      {"Resource", "*"},
      {"Condition", ir::Map{{"ArnLike", ir::Map{{"kms:EncryptionContext:aws:logs:arn", groups}}}}}};
}

// The account administers the key; RDS and Secrets Manager may use it on the account's
// behalf, and only through those services; CloudWatch Logs for the database's log groups.
ir::Value key_policy(const Context& c) {
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
  ir::List statements{admin, use};
  if (creates_log_groups(c)) statements.push_back(logs_use(c));
  if (!c.defaults_0_2) statements.push_back(deny_grants_outside_aws());
  return ir::json(ir::Map{{"Version", "2012-10-17"}, {"Statement", statements}});
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
       {"policy", key_policy(c)},
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
