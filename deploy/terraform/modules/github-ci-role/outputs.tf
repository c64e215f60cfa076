output "role_arn" {
  description = "The role-to-assume for aws-actions/configure-aws-credentials"
  value       = aws_iam_role.this.arn
}
