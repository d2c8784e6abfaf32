# expect: main.tf:8:3: error: "tags" is an argument in aws_rds_cluster, not a block; write tags = ...
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true

  tags {
    Name = "x"
  }
}
