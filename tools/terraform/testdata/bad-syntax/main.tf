# expect: main.tf:2:29: error: Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.
resource "aws_kms_key" "db" {
  description = "x"
