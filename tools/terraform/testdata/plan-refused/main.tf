# A data source tfplan edit has no offline stand-in for: it must refuse (exit 2).
data "aws_vpc" "this" {
  id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_security_group" "db" {
  name   = "shop-db"
  vpc_id = data.aws_vpc.this.id
}
