# expect: main.tf:7:3: error: unsupported argument "storage_encryptd" in aws_rds_cluster (did you mean "storage_encrypted"?)
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
  storage_encryptd            = true
}
