# Renamed resources: the moved blocks keep them; the subnet group's tags also change.
moved {
  from = aws_db_subnet_group.this
  to   = aws_db_subnet_group.main
}

moved {
  from = aws_security_group.db
  to   = aws_security_group.database
}

resource "aws_db_subnet_group" "main" {
  name       = "shop-subnets"
  subnet_ids = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  tags = {
    Name = "shop-subnets"
    Tier = "data"
  }
}

resource "aws_security_group" "database" {
  name   = "shop-db"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# Renamed without a moved block: destroyed and created again.
resource "aws_vpc_security_group_ingress_rule" "postgres" {
  security_group_id = aws_security_group.database.id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "10.20.0.0/16"
}
