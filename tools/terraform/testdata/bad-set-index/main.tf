# expect: main.tf:7:11: error: invalid reference aws_security_group.db.ingress[0].from_port: aws_security_group.db.ingress is a set, whose elements cannot be selected by index (use one(), tolist() or a for expression)
resource "aws_security_group" "db" {
  name = "db"
}

output "port" {
  value = aws_security_group.db.ingress[0].from_port
}
