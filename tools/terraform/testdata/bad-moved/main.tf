# expect: main.tf:14:10: error: moved to undeclared resource aws_kms_key.gone
# expect: main.tf:18:10: error: moved from aws_kms_key.db, which is still declared
# expect: main.tf:24:10: error: moved from aws_kms_key.old to a resource of another type aws_sns_topic
# expect: main.tf:28:10: error: moved from must be a resource address TYPE.NAME

resource "aws_kms_key" "db" {
}

resource "aws_sns_topic" "alarms" {
}

moved {
  from = aws_kms_key.this
  to   = aws_kms_key.gone
}

moved {
  from = aws_kms_key.db
  to   = aws_kms_key.db
}

moved {
  from = aws_kms_key.old
  to   = aws_sns_topic.alarms
}

moved {
  from = "aws_kms_key.quoted"
  to   = aws_kms_key.db
}
