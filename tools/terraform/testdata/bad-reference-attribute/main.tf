# expect: main.tf:12:11: error: unsupported attribute "endpoint_address" in reference aws_rds_cluster.this.endpoint_address: aws_rds_cluster.this has no such attribute
# expect: main.tf:16:11: error: unsupported attribute "secret_arnn" in reference aws_rds_cluster.this.master_user_secret[0].secret_arnn: aws_rds_cluster.this.master_user_secret has no such attribute
# expect: main.tf:20:11: error: invalid reference aws_rds_cluster.this.master_user_secret.secret_arn: aws_rds_cluster.this.master_user_secret is a list of objects; select an element first, e.g. master_user_secret[0].secret_arn
resource "aws_rds_cluster" "this" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
}

output "a" {
  value = aws_rds_cluster.this.endpoint_address
}

output "b" {
  value = aws_rds_cluster.this.master_user_secret[0].secret_arnn
}

output "c" {
  value = aws_rds_cluster.this.master_user_secret.secret_arn
}
