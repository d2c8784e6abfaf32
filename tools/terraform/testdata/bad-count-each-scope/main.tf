# expect: main.tf:8:43: error: count.index is only valid inside a resource or data block that sets count
# expect: main.tf:9:33: error: each.key is only valid inside a resource or data block that sets for_each
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
  final_snapshot_identifier   = "orders-${count.index}"
  database_name               = each.key
}
