output "role_arn" {
  description = "ARN of the role (taskRoleArn)"
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the role"
  value       = aws_iam_role.this.name
}

output "policy_arn" {
  description = "ARN of the read-only policy"
  value       = aws_iam_policy.read.arn
}
