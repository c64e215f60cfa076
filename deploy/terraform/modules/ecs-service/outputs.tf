output "url" {
  description = "Dashboard URL inside the VPC (open it once with ?token=…)"
  value       = "${local.scheme}://${aws_lb.this.dns_name}"
}

output "task_role_arn" {
  description = "The read-only role Porthole runs as: the principal of each cross-account role"
  value       = module.task_role.role_arn
}

output "service_name" {
  description = "ECS service name"
  value       = aws_ecs_service.this.name
}

output "log_group_name" {
  description = "CloudWatch log group of the daemon"
  value       = aws_cloudwatch_log_group.this.name
}

output "task_security_group_id" {
  description = "Security group of the task (e.g. to admit it to VPC endpoints)"
  value       = aws_security_group.task.id
}

output "store_url_secret_arn" {
  description = "HA mode: the secret the daemons read PORTHOLE_STORE_URL from (made here with create_database); null on SQLite"
  value       = local.store_secret_arn
}

output "database_endpoint" {
  description = "Address of the database made with create_database; null otherwise"
  value       = var.create_database ? aws_db_instance.store[0].address : null
}
