# expect: main.tf:4:1: error: unsupported block type "module"; expected terraform, provider, variable, output, locals, resource, data, ephemeral or moved
# expect: main.tf:8:10: error: unknown resource type "aws_rds_clustr" (not in the AWS provider 6.66.0 schema; if it is real, add it to tools/terraform/types.txt and refresh)
# expect: main.tf:10:1: error: resource block must have 2 label(s), has 1
module "x" {
  source = "./x"
}

resource "aws_rds_clustr" "this" {}

resource "aws_kms_key" {}
