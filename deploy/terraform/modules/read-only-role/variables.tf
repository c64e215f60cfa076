variable "name" {
  description = "Name of the IAM role Porthole runs as"
  type        = string
  default     = "porthole-task"
}

variable "policy_name" {
  description = "Name of the customer-managed read-only policy"
  type        = string
  default     = "PortholeReadOnly"
}

variable "assume_role_arns" {
  description = "Cross-account read roles (the roleArn of each `accounts:` entry) Porthole may assume"
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for every resource"
  type        = map(string)
  default     = {}
}
