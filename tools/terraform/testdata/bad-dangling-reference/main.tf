# expect: main.tf:10:33: error: reference to undeclared resource aws_db_subnet_group.db
# expect: main.tf:11:34: error: reference to undeclared input variable var.vpc_sg
# expect: main.tf:12:33: error: reference to undeclared local value local.kms
# expect: main.tf:14:14: error: reference to undeclared data source data.aws_region.current
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.db.name
  vpc_security_group_ids      = [var.vpc_sg]
  kms_key_id                  = local.kms
  tags = {
    Region = data.aws_region.current.region
  }
}
