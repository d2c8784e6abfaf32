output "endpoint" {
  value = aws_rds_cluster.this.endpoint
}

output "secret_arn" {
  value = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "reader_endpoints" {
  value = aws_rds_cluster_instance.reader[*].endpoint
}

output "first_reader_arn" {
  value = aws_rds_cluster_instance.reader[0].arn
}

output "ingress_rule_ids" {
  value = { for k, r in aws_vpc_security_group_ingress_rule.db : k => r.security_group_rule_id }
}

output "scaling_max" {
  value = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity
}

output "arn_prefix" {
  value = local.arn_prefix
}
