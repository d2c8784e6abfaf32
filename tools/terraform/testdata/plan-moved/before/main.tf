resource "aws_db_subnet_group" "this" {
  name       = "shop-subnets"
  subnet_ids = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  tags = {
    Name = "shop-subnets"
  }
}

resource "aws_security_group" "db" {
  name   = "shop-db"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_vpc_security_group_ingress_rule" "db" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "10.20.0.0/16"
}
