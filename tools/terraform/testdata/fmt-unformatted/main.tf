resource "aws_kms_key" "db" {
  description = "x"
  enable_key_rotation = true
}
