variable "oidc_provider_arn" {
  description = "ARN of the account's IAM OIDC provider for token.actions.githubusercontent.com"
  type        = string
}

variable "repositories" {
  description = "GitHub repositories (owner/name) whose workflows may assume the role"
  type        = list(string)

  validation {
    condition     = length(var.repositories) > 0 && alltrue([for r in var.repositories : can(regex("^[\\w.-]+/[\\w.-]+$", r))])
    error_message = "repositories: at least one, each as owner/name."
  }
}

variable "subject_filter" {
  description = "The part of the OIDC subject after repo:owner/name:, e.g. ref:refs/heads/main or environment:prod; * for any"
  type        = string
  default     = "*"
}

variable "name" {
  description = "Name of the role (role-to-assume)"
  type        = string
  default     = "porthole-ci-read"
}

variable "policy_name" {
  description = "Name of the customer-managed read-only policy"
  type        = string
  default     = "PortholeCiReadOnly"
}

variable "tags" {
  description = "Tags for every resource"
  type        = map(string)
  default     = {}
}
