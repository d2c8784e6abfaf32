# expect: main.tf:8:3: error: unsupported block type "serverless_v2_scaling" in aws_rds_cluster
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true

  serverless_v2_scaling {
    min_capacity = 0.5
  }
}
