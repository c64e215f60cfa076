variable "porthole_role_arn" {
  description = "ARN of the role Porthole runs as (the read-only-role module's role_arn, in Porthole's account)"
  type        = string
}

variable "external_id" {
  description = "When set, AssumeRole must pass this ExternalId (sts:ExternalId condition); put the same value in `externalId`"
  type        = string
  default     = null

  validation {
    # Length apart: RE2 (Terraform's regex) refuses repeat counts above 1000, so {2,1224} never matched.
    condition     = var.external_id == null || (can(regex("^[\\w+=,.@:/-]+$", var.external_id)) && length(coalesce(var.external_id, "")) >= 2 && length(coalesce(var.external_id, "")) <= 1224)
    error_message = "external_id: 2 to 1224 characters of letters, digits and +=,.@:/- (STS AssumeRole ExternalId)."
  }
}

variable "name" {
  description = "Name of the role in the scanned account"
  type        = string
  default     = "porthole-read"
}

variable "policy_name" {
  description = "Name of the customer-managed read-only policy in the scanned account"
  type        = string
  default     = "PortholeReadOnly"
}

variable "tags" {
  description = "Tags for every resource"
  type        = map(string)
  default     = {}
}
