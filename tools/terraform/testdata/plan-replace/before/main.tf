# Reads that would call AWS (caller identity, region, the master password's secret): tfplan
# edit plans them offline with stand-ins.
data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

ephemeral "aws_secretsmanager_secret_version" "master_password" {
  secret_id = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ledger/master-AbCdEf"
}

resource "aws_kms_key" "a" {
  description         = "ledger storage key in ${data.aws_region.current.name}"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Account"
      Effect    = "Allow"
      Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_rds_cluster" "this" {
  cluster_identifier         = "ledger"
  engine                     = "aurora-postgresql"
  engine_version             = "16.8"
  master_username            = "ledger_admin"
  master_password_wo         = jsondecode(ephemeral.aws_secretsmanager_secret_version.master_password.secret_string)["password"]
  master_password_wo_version = 1
  storage_encrypted          = true
  kms_key_id                 = aws_kms_key.a.arn
  skip_final_snapshot        = true
}

resource "aws_rds_cluster_instance" "writer" {
  identifier         = "ledger-writer"
  cluster_identifier = aws_rds_cluster.this.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.this.engine
}
