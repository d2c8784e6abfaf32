data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  name       = "orders"
  arn_prefix = "arn:${data.aws_partition.current.partition}:rds:${var.region}:${data.aws_caller_identity.current.account_id}"
}

resource "aws_kms_key" "db" {
  description         = "${local.name} cluster key"
  enable_key_rotation = true
}

resource "aws_db_subnet_group" "this" {
  name       = local.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "db" {
  name   = "${local.name}-db"
  vpc_id = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "db" {
  for_each = var.ingress_cidrs

  security_group_id = aws_security_group.db.id
  cidr_ipv4         = each.value
  description       = each.key
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
}

resource "aws_rds_cluster_parameter_group" "this" {
  name   = local.name
  family = "aurora-postgresql16"

  dynamic "parameter" {
    for_each = { log_min_duration_statement = "500" }
    content {
      name  = parameter.key
      value = parameter.value
    }
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier              = local.name
  engine                          = "aurora-postgresql"
  engine_version                  = "16.4"
  master_username                 = "app_admin"
  manage_master_user_password     = true
  master_user_secret_kms_key_id   = aws_kms_key.db.arn
  db_subnet_group_name            = aws_db_subnet_group.this.name
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  vpc_security_group_ids          = [aws_security_group.db.id]
  availability_zones              = slice(data.aws_availability_zones.available.names, 0, 3)
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.db.arn
  deletion_protection             = true

  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 8
  }

  lifecycle {
    ignore_changes = [availability_zones, engine_version]
  }

  timeouts {
    create = "2h"
  }
}

resource "aws_rds_cluster_instance" "reader" {
  count = var.readers

  identifier         = "${local.name}-${count.index}"
  cluster_identifier = aws_rds_cluster.this.id
  instance_class     = "db.serverless"
  engine             = aws_rds_cluster.this.engine
  engine_version     = aws_rds_cluster.this.engine_version

  depends_on = [aws_vpc_security_group_ingress_rule.db]
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "${local.name}-cpu"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "CPUUtilization"
  namespace           = "AWS/RDS"
  period              = 60
  statistic           = "Average"
  threshold           = 80
  dimensions = {
    DBClusterIdentifier = aws_rds_cluster.this.cluster_identifier
  }
}

moved {
  from = aws_kms_key.this
  to   = aws_kms_key.db
}
