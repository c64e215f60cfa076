output "role_arn" {
  description = "ARN of the role: the roleArn of this account's `accounts:` entry"
  value       = aws_iam_role.this.arn
}

output "account_entry" {
  description = "The `accounts:` entry for porthole.yaml"
  value = {
    roleArn    = aws_iam_role.this.arn
    externalId = var.external_id
  }
}
