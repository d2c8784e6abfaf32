// Rendering: the three targets create the same AWS resources for every example, and each
// target's artifacts have the shape its tools expect.
#include <catch2/catch.hpp>
#include <map>
#include <regex>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "render.h"
#include "target_resources.h"
#include "test_support.h"

using namespace ag;

namespace {

// The same AWS resource in each target's vocabulary, keyed by CloudFormation type.
const std::map<std::string, std::pair<std::string, std::string>> kEquivalent = {
    {"AWS::RDS::DBCluster", {"aws_rds_cluster", "aws:rds:Cluster"}},
    {"AWS::RDS::DBInstance",
     {"aws_rds_cluster_instance|aws_db_instance", "aws:rds:ClusterInstance|aws:rds:Instance"}},
    {"AWS::RDS::GlobalCluster", {"aws_rds_global_cluster", "aws:rds:GlobalCluster"}},
    {"AWS::RDS::DBClusterEndpoint", {"aws_rds_cluster_endpoint", "aws:rds:ClusterEndpoint"}},
    {"AWS::RDS::DBSubnetGroup", {"aws_db_subnet_group", "aws:rds:SubnetGroup"}},
    {"AWS::RDS::DBClusterParameterGroup",
     {"aws_rds_cluster_parameter_group", "aws:rds:ClusterParameterGroup"}},
    {"AWS::RDS::DBParameterGroup", {"aws_db_parameter_group", "aws:rds:ParameterGroup"}},
    {"AWS::RDS::OptionGroup", {"aws_db_option_group", "aws:rds:OptionGroup"}},
    {"AWS::RDS::DBProxy", {"aws_db_proxy", "aws:rds:Proxy"}},
    {"AWS::RDS::DBProxyTargetGroup",
     {"aws_db_proxy_default_target_group", "aws:rds:ProxyDefaultTargetGroup"}},
    {"AWS::EC2::SecurityGroup", {"aws_security_group", "aws:ec2:SecurityGroup"}},
    {"AWS::EC2::SecurityGroupIngress",
     {"aws_vpc_security_group_ingress_rule", "aws:vpc:SecurityGroupIngressRule"}},
    {"AWS::EC2::SecurityGroupEgress",
     {"aws_vpc_security_group_egress_rule", "aws:vpc:SecurityGroupEgressRule"}},
    {"AWS::EC2::VPC", {"aws_vpc", "aws:ec2:Vpc"}},
    {"AWS::EC2::Subnet", {"aws_subnet", "aws:ec2:Subnet"}},
    {"AWS::EC2::InternetGateway", {"aws_internet_gateway", "aws:ec2:InternetGateway"}},
    {"AWS::EC2::EIP", {"aws_eip", "aws:ec2:Eip"}},
    {"AWS::EC2::NatGateway", {"aws_nat_gateway", "aws:ec2:NatGateway"}},
    {"AWS::EC2::RouteTable", {"aws_route_table", "aws:ec2:RouteTable"}},
    {"AWS::EC2::Route", {"aws_route", "aws:ec2:Route"}},
    {"AWS::EC2::SubnetRouteTableAssociation",
     {"aws_route_table_association", "aws:ec2:RouteTableAssociation"}},
    {"AWS::EC2::VPCEndpoint", {"aws_vpc_endpoint", "aws:ec2:VpcEndpoint"}},
    {"AWS::KMS::Key", {"aws_kms_key", "aws:kms:Key"}},
    {"AWS::KMS::Alias", {"aws_kms_alias", "aws:kms:Alias"}},
    {"AWS::IAM::Role", {"aws_iam_role", "aws:iam:Role"}},
    {"AWS::IAM::RolePolicy", {"aws_iam_role_policy", "aws:iam:RolePolicy"}},
    {"AWS::SecretsManager::RotationSchedule",
     {"aws_secretsmanager_secret_rotation", "aws:secretsmanager:SecretRotation"}},
    {"AWS::Logs::LogGroup", {"aws_cloudwatch_log_group", "aws:cloudwatch:LogGroup"}},
    {"AWS::CloudWatch::Alarm", {"aws_cloudwatch_metric_alarm", "aws:cloudwatch:MetricAlarm"}},
    {"AWS::SNS::Topic", {"aws_sns_topic", "aws:sns:Topic"}},
    {"AWS::SNS::Subscription", {"aws_sns_topic_subscription", "aws:sns:TopicSubscription"}},
    {"AWS::ApplicationAutoScaling::ScalableTarget",
     {"aws_appautoscaling_target", "aws:appautoscaling:Target"}},
    {"AWS::ApplicationAutoScaling::ScalingPolicy",
     {"aws_appautoscaling_policy", "aws:appautoscaling:Policy"}},
};

using Counts = std::map<std::string, int>;

std::string content(const std::vector<Artifact>& artifacts, const std::string& path) {
  for (const Artifact& a : artifacts) {
    if (a.path == path) return a.content;
  }
  FAIL("no artifact " << path);
  return "";
}

Counts yaml_types(const std::string& text, const char* section, const char* type_key) {
  Counts counts;
  for (const auto& r : YAML::Load(text)[section]) ++counts[r.second[type_key].as<std::string>()];
  return counts;
}

Counts terraform_types(const std::string& main_tf) {
  Counts counts;
  static const std::regex block(R"(^resource "([a-z0-9_]+)"
                                ")",
                                std::regex::multiline);
  for (auto it = std::sregex_iterator(main_tf.begin(), main_tf.end(), block);
       it != std::sregex_iterator(); ++it) {
    ++counts[(*it)[1].str()];
  }
  return counts;
}

// Maps each target's counts onto CloudFormation types; `pick` chooses the target column.
Counts as_cloudformation(const Counts& counts, bool terraform) {
  Counts out;
  for (const auto& [type, n] : counts) {
    for (const auto& [cfn, pair] : kEquivalent) {
      const std::string names = "|" + (terraform ? pair.first : pair.second) + "|";
      if (names.find("|" + type + "|") != std::string::npos) out[cfn] += n;
    }
  }
  return out;
}

int count(const Counts& c, const std::string& type) {
  auto it = c.find(type);
  return it == c.end() ? 0 : it->second;
}

}  // namespace

TEST_CASE("every example creates the same AWS resources in all three targets") {
  const auto names = test::example_names();
  REQUIRE(names.size() >= 13);
  for (const std::string& name : names) {
    INFO(name);
    const ir::Graph g = test::compile_example(name).graph;
    Counts cfn =
        yaml_types(content(render_cloudformation(g), "template.yaml"), "Resources", "Type");
    const Counts tf = terraform_types(content(render_terraform(g), "main.tf"));
    const Counts pulumi = yaml_types(content(render_pulumi(g), "Pulumi.yaml"), "resources", "type");
    // Where a target splits one AWS concept into two resources, the pieces must match:
    // CloudFormation attaches a gateway with a resource, Terraform and Pulumi in the gateway;
    // they attach managed policies and proxy targets with resources, CloudFormation inline.
    CHECK(count(cfn, "AWS::EC2::VPCGatewayAttachment") == count(cfn, "AWS::EC2::InternetGateway"));
    CHECK(count(tf, "aws_db_proxy_target") == count(cfn, "AWS::RDS::DBProxyTargetGroup"));
    CHECK(count(pulumi, "aws:rds:ProxyTarget") == count(cfn, "AWS::RDS::DBProxyTargetGroup"));
    CHECK(count(tf, "aws_iam_role_policy_attachment") ==
          count(pulumi, "aws:iam:RolePolicyAttachment"));
    cfn.erase("AWS::EC2::VPCGatewayAttachment");
    CHECK(as_cloudformation(tf, true) == cfn);
    CHECK(as_cloudformation(pulumi, false) == cfn);
    std::size_t mapped = 0;
    for (const auto& [type, n] : cfn)
      mapped += kEquivalent.count(type) * static_cast<std::size_t>(n);
    CHECK(mapped >= g.resources.size());
  }
}

TEST_CASE("rendering is deterministic") {
  for (const std::string& name : test::example_names()) {
    const ir::Graph g = test::compile_example(name).graph;
    for (Target t : {Target::CloudFormation, Target::Terraform, Target::Pulumi}) {
      const auto first = render(g, t);
      const auto second = render(test::compile_example(name).graph, t);
      REQUIRE(first.size() == second.size());
      for (std::size_t i = 0; i < first.size(); ++i) CHECK(first[i].content == second[i].content);
    }
  }
}

TEST_CASE("CloudFormation references are intrinsic functions, never strings") {
  const ir::Graph g = test::compile_example("minimal.yaml").graph;
  const std::string t = content(render_cloudformation(g), "template.yaml");
  CHECK(t.find("DBSubnetGroupName: !Ref SubnetGroup") != std::string::npos);
  CHECK(t.find("!GetAtt [DbSecurityGroup, GroupId]") != std::string::npos);
  CHECK(t.find("DeletionPolicy: Snapshot") != std::string::npos);
  CHECK(t.find("Fn::Sub") == std::string::npos);
  CHECK(t.find("!Sub") == std::string::npos);
}

TEST_CASE("Terraform files have the layout of a root module") {
  const ir::Graph g = test::compile_example("minimal.yaml").graph;
  const auto files = render_terraform(g);
  CHECK(content(files, "versions.tf").find("version = \"~> 6.66\"") != std::string::npos);
  CHECK(content(files, "variables.tf").find("variable \"region\"") != std::string::npos);
  // minimal.yaml names no region: the variable is required
  CHECK(content(files, "variables.tf").find("default") == std::string::npos);
  CHECK(content(files, "providers.tf").find("region = var.region") != std::string::npos);
  CHECK(content(files, "main.tf").find("provider \"aws\"") == std::string::npos);
  // An ARN is not a secret: no output hides its value from plans and logs.
  CHECK(content(files, "outputs.tf").find("sensitive") == std::string::npos);
  CHECK(content(files, "main.tf").find("master_password") == std::string::npos);
}

TEST_CASE("a pinned region fails early in every target deployed elsewhere") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  const auto tf = render_terraform(g);
  CHECK(content(tf, "variables.tf").find("contains([\"us-east-1\"], var.region)") !=
        std::string::npos);
  CHECK(content(tf, "main.tf").find("contains([\"us-east-1\"], self.region)") != std::string::npos);
  const YAML::Node cfn = YAML::Load(content(render_cloudformation(g), "template.yaml"));
  CHECK(cfn["Rules"]["PinnedRegion"]["Assertions"][0]["Assert"].Tag() == "!Equals");
  // Nothing in the artifacts names the region except those checks: service names and
  // kms:ViaService come from the deployment.
  const std::string main = content(tf, "main.tf");
  CHECK(main.find("com.amazonaws.us-east-1") == std::string::npos);
  CHECK(main.find("rds.us-east-1.amazonaws.com") == std::string::npos);
}

TEST_CASE("Pulumi programs pin the plugin versions the conformance schemas come from") {
  const auto version_of = [](const std::string& schema) {
    return nlohmann::json::parse(test::read_repo_file("tools/pulumi/" + schema))["version"]
        .get<std::string>();
  };
  const ir::Graph g = test::compile_example("aurora-postgresql-own-secret.yaml").graph;
  const YAML::Node p = YAML::Load(content(render_pulumi(g), "Pulumi.yaml"));
  for (const auto& r : p["resources"]) {
    CHECK(r.second["options"]["version"].as<std::string>() == version_of("pulumi-aws-schema.json"));
  }
  for (const auto& v : p["variables"]) {
    const YAML::Node call = v.second["fn::invoke"];
    const bool std_package = call["function"].as<std::string>().rfind("std:", 0) == 0;
    CHECK(call["options"]["version"].as<std::string>() ==
          version_of(std_package ? "pulumi-std-schema.json" : "pulumi-aws-schema.json"));
  }
}

TEST_CASE("Pulumi takes its region from config and marks secret outputs") {
  const ir::Graph g = test::compile_example("serverless-postgres.yaml").graph;
  const YAML::Node p = YAML::Load(content(render_pulumi(g), "Pulumi.yaml"));
  CHECK(p["runtime"].as<std::string>() == "yaml");
  CHECK(p["config"]["aws:region"]["value"].as<std::string>() == "us-east-1");
  CHECK(p["outputs"]["masterUserSecretArn"].as<std::string>().rfind("${", 0) == 0);
}

TEST_CASE("custom endpoints render to every target, named after the cluster, and are outputs") {
  const ir::Graph g = test::compile_example("custom-endpoints.yaml").graph;
  CHECK(terraform_types(content(render_terraform(g), "main.tf"))["aws_rds_cluster_endpoint"] == 2);
  CHECK(yaml_types(content(render_pulumi(g), "Pulumi.yaml"), "resources",
                   "type")["aws:rds:ClusterEndpoint"] == 2);
  const YAML::Node cfn = YAML::Load(content(render_cloudformation(g), "template.yaml"));
  const YAML::Node reporting = cfn["Resources"]["EndpointReporting"];
  CHECK(reporting["Type"].as<std::string>() == "AWS::RDS::DBClusterEndpoint");
  CHECK(reporting["Properties"]["DBClusterEndpointIdentifier"].as<std::string>() ==
        "analytics-reporting");
  CHECK(cfn["Outputs"]["CustomEndpointReporting"]["Value"].Tag() == "!GetAtt");
}

TEST_CASE("a secret's password is read at deploy time in each target's idiom, never copied") {
  const ir::Graph g = test::compile_example("rds-postgres-own-secret.yaml").graph;
  const std::string arn =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:reports/master-Zy9X8w";
  const YAML::Node cfn = YAML::Load(content(render_cloudformation(g), "template.yaml"));
  CHECK(cfn["Resources"]["DbInstance"]["Properties"]["MasterUserPassword"].as<std::string>() ==
        "{{resolve:secretsmanager:" + arn + ":SecretString:password}}");

  const std::string tf = content(render_terraform(g), "main.tf");
  // Ephemeral into write-only: the password is in neither the plan nor the state.
  CHECK(tf.find("ephemeral \"aws_secretsmanager_secret_version\" \"master_password\" {\n"
                "  secret_id = \"" +
                arn + "\"\n}") != std::string::npos);
  static const std::regex password(
      R"(\n  password_wo += jsondecode\(ephemeral\.aws_secretsmanager_secret_version\.)"
      R"(master_password\.secret_string\)\["password"\]\n)");
  CHECK(std::regex_search(tf, password));
  CHECK(tf.find("password_wo_version") != std::string::npos);
  CHECK(tf.find("data \"aws_secretsmanager") == std::string::npos);

  const YAML::Node p = YAML::Load(content(render_pulumi(g), "Pulumi.yaml"));
  const YAML::Node secret = p["variables"]["masterPasswordSecret"]["fn::invoke"];
  CHECK(secret["function"].as<std::string>() == "aws:secretsmanager:getSecretVersion");
  CHECK(secret["arguments"]["secretId"].as<std::string>() == arn);
  CHECK(secret["return"].as<std::string>() == "secretString");
  const YAML::Node fields = p["variables"]["masterPasswordFields"]["fn::invoke"];
  CHECK(fields["function"].as<std::string>() == "std:jsondecode");
  CHECK(fields["arguments"]["input"].as<std::string>() == "${masterPasswordSecret}");
  CHECK(p["resources"]["dbInstance"]["properties"]["password"]["fn::secret"].as<std::string>() ==
        "${masterPasswordFields.password}");
}

TEST_CASE("a global secondary ignores the replication source AWS sets, in Terraform and Pulumi") {
  const ir::Graph g = test::compile_example("global-secondary.yaml").graph;
  const std::string tf = content(render_terraform(g), "main.tf");
  CHECK(tf.find("      replication_source_identifier,\n    ]") != std::string::npos);
  const YAML::Node p = YAML::Load(content(render_pulumi(g), "Pulumi.yaml"));
  const YAML::Node ignored = p["resources"]["cluster"]["options"]["ignoreChanges"];
  CHECK(ignored[0].as<std::string>() == "replicationSourceIdentifier");
  // The primary has no such source.
  const ir::Graph primary = test::compile_example("global-primary.yaml").graph;
  CHECK(content(render_terraform(primary), "main.tf").find("replication_source_identifier") ==
        std::string::npos);
}

TEST_CASE("every CloudFormation resource says what a deletion and a replacement keep") {
  for (const std::string& name : test::example_names()) {
    const YAML::Node t = YAML::Load(
        content(render_cloudformation(test::compile_example(name).graph), "template.yaml"));
    for (const auto& r : t["Resources"]) {
      INFO(name << " " << r.first.as<std::string>());
      CHECK(r.second["DeletionPolicy"].IsScalar());
      CHECK(r.second["UpdateReplacePolicy"].IsScalar());
    }
  }
}

TEST_CASE("the key survives a destroy in every target, the database a replacement") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  const YAML::Node cfn = YAML::Load(content(render_cloudformation(g), "template.yaml"));
  CHECK(cfn["Resources"]["KmsKey"]["DeletionPolicy"].as<std::string>() == "RetainExceptOnCreate");
  CHECK(cfn["Resources"]["Cluster"]["UpdateReplacePolicy"].as<std::string>() == "Snapshot");
  CHECK(cfn["Resources"]["Writer"]["DeletionPolicy"].as<std::string>() == "Delete");
  const std::string tf = content(render_terraform(g), "main.tf");
  const std::size_t key = tf.find("resource \"aws_kms_key\" \"kms_key\"");
  CHECK(tf.find("prevent_destroy = true", key) < tf.find("resource ", key + 1));
  const YAML::Node p = YAML::Load(content(render_pulumi(g), "Pulumi.yaml"));
  CHECK(p["resources"]["kmsKey"]["options"]["retainOnDelete"].as<bool>());
}

TEST_CASE("generated names let a group be replaced while the database still uses it") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  const std::string tf = content(render_terraform(g), "main.tf");
  const std::size_t group = tf.find("resource \"aws_rds_cluster_parameter_group\"");
  CHECK(tf.find("name_prefix = \"prod-aurora-cluster-\"", group) < tf.find("resource ", group + 1));
  CHECK(tf.find("create_before_destroy = true", group) < tf.find("resource ", group + 1));
  const YAML::Node cfn = YAML::Load(content(render_cloudformation(g), "template.yaml"));
  CHECK_FALSE(
      cfn["Resources"]["ClusterParameterGroup"]["Properties"]["DBClusterParameterGroupName"]);
  CHECK_FALSE(cfn["Resources"]["MonitoringRole"]["Properties"]["RoleName"]);
  const YAML::Node p = YAML::Load(content(render_pulumi(g), "Pulumi.yaml"));
  CHECK(p["resources"]["dbSecurityGroup"]["properties"]["namePrefix"].as<std::string>() ==
        "prod-aurora-db-");
}

TEST_CASE("readers wait for the writer and for each other, in every target") {
  const ir::Graph g = test::compile_example("provisioned-postgres-ha.yaml").graph;
  const YAML::Node cfn = YAML::Load(content(render_cloudformation(g), "template.yaml"));
  const auto depends = [](const YAML::Node& deps) {
    std::vector<std::string> out;
    for (const auto& d : deps) out.push_back(d.as<std::string>());
    return out;
  };
  CHECK(depends(cfn["Resources"]["Reader1"]["DependsOn"]) == std::vector<std::string>{"Writer"});
  CHECK(depends(cfn["Resources"]["Reader2"]["DependsOn"]).back() == "Reader1");
  const std::string tf = content(render_terraform(g), "main.tf");
  CHECK(tf.find("    aws_rds_cluster_instance.reader_1,\n  ]") != std::string::npos);
  const YAML::Node p = YAML::Load(content(render_pulumi(g), "Pulumi.yaml"));
  CHECK(p["resources"]["reader2"]["options"]["dependsOn"][1].as<std::string>() == "${reader1}");
}
