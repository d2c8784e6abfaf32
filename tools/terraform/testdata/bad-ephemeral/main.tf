# expect: main.tf:10:36: error: reference to undeclared ephemeral resource ephemeral.aws_secretsmanager_secret_version.other
# expect: main.tf:14:1: error: ephemeral block must have 2 label(s), has 1

ephemeral "aws_secretsmanager_secret_version" "master" {
  secret_id = "arn:aws:secretsmanager:us-east-1:123456789012:secret:m"
}

resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  password_wo         = jsondecode(ephemeral.aws_secretsmanager_secret_version.other.secret_string)["password"]
  password_wo_version = 1
}

ephemeral "aws_secretsmanager_secret_version" {
}
