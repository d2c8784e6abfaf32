# expect: main.tf:8:3: error: missing required argument "min_capacity" in aws_rds_cluster.serverlessv2_scaling_configuration
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true

  serverlessv2_scaling_configuration {
    max_capacity = 4
  }
}
