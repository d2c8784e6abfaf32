# expect: main.tf:3:1: error: missing required argument "engine" in aws_rds_cluster
# expect: main.tf:7:1: error: missing required argument "instance_class" in aws_rds_cluster_instance
resource "aws_rds_cluster" "this" {
  cluster_identifier = "orders"
}

resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier = aws_rds_cluster.this.id
  engine             = "aurora-postgresql"
}
