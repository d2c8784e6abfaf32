resource "aws_db_subnet_group" "this" {
  name        = "orders-subnets"
  description = "Subnets of the orders database"
  subnet_ids  = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  tags = {
    Name = "orders-subnets"
    Team = "payments"
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  engine_version              = "16.8"
  master_username             = "orders_admin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.this.name
  storage_encrypted           = true
  backup_retention_period     = 14
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "writer" {
  identifier         = "orders-writer"
  cluster_identifier = aws_rds_cluster.this.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.this.engine
  engine_version     = aws_rds_cluster.this.engine_version
}

output "master_user_secret_arn" {
  value = aws_rds_cluster.this.master_user_secret[0].secret_arn
}
