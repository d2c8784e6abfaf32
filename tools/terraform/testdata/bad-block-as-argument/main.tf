# expect: main.tf:7:3: error: "serverlessv2_scaling_configuration" is a block in aws_rds_cluster, not an argument; write serverlessv2_scaling_configuration { ... }
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
  serverlessv2_scaling_configuration = { min_capacity = 0.5, max_capacity = 4 }
}
