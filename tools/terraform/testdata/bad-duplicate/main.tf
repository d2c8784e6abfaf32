# expect: main.tf:8:10: error: duplicate variable "name"
# expect: main.tf:17:3: error: duplicate local value "x"
# expect: main.tf:22:24: error: duplicate resource aws_kms_key.db (first declared at bad-duplicate/main.tf:20)
variable "name" {
  type = string
}

variable "name" {
  type = string
}

locals {
  x = 1
}

locals {
  x = 2
}

resource "aws_kms_key" "db" {}

resource "aws_kms_key" "db" {}
