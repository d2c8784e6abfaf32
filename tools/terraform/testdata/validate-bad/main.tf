# Errors only the provider itself finds (tfcheck accepts this module), and a 6.x-only argument.
resource "aws_db_subnet_group" "this" {
  name       = "orders-subnets"
  subnet_ids = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  region     = "eu-west-1"
}

resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgres"
  master_username             = "orders_admin"
  master_password             = "not-with-a-managed-password"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.this.name
  backup_retention_period     = 40
}
