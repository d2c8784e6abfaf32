# expect: main.tf:7:3: error: "reader_endpoint" is a computed (read-only) attribute of aws_rds_cluster and cannot be set
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
  reader_endpoint             = "x"
}
