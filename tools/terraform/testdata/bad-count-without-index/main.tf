# expect: main.tf:21:11: error: missing instance key: aws_rds_cluster_instance.reader has count set, so aws_rds_cluster_instance.reader.endpoint must be written aws_rds_cluster_instance.reader[count.index].endpoint or aws_rds_cluster_instance.reader[*].endpoint
# expect: main.tf:25:11: error: aws_rds_cluster.this has neither count nor for_each set, so it cannot be indexed (aws_rds_cluster.this[0].endpoint)
# expect: main.tf:29:11: error: aws_rds_cluster_instance.reader has count set; its instance keys are numbers, not ["a"]
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "reader" {
  count = 2

  identifier         = "orders-${count.index}"
  cluster_identifier = aws_rds_cluster.this.id
  instance_class     = "db.serverless"
  engine             = "aurora-postgresql"
}

output "reader" {
  value = aws_rds_cluster_instance.reader.endpoint
}

output "cluster" {
  value = aws_rds_cluster.this[0].endpoint
}

output "by_name" {
  value = aws_rds_cluster_instance.reader["a"].endpoint
}
