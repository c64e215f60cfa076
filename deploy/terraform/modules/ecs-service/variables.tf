variable "name" {
  description = "Name of the service, task family, ALB, target group and security groups"
  type        = string
  default     = "porthole"
}

variable "cluster_arn" {
  description = "ECS cluster to run the service in"
  type        = string
}

variable "vpc_id" {
  description = "VPC of the ALB, the task and EFS"
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets, one per Availability Zone, at least two (ALB, task and one EFS mount target each)"
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids: an Application Load Balancer needs subnets in at least two Availability Zones."
  }
}

variable "allowed_cidrs" {
  description = "Client networks that may open the dashboard (e.g. the VPN range); never defaults to the world"
  type        = list(string)
}

variable "api_egress_cidrs" {
  description = "Where the task may connect on 443: AWS APIs (through NAT or VPC endpoints), ECR, logs, alert webhooks"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "image" {
  description = "Porthole image (built from the repository's Dockerfile), e.g. 111111111111.dkr.ecr.eu-west-1.amazonaws.com/porthole:0.1.0"
  type        = string
}

variable "token_secret_arn" {
  description = "Secrets Manager secret holding PORTHOLE_TOKEN (at least 16 characters)"
  type        = string
}

variable "data_volume" {
  description = "Where the SQLite data dir lives: ephemeral (task storage, lost with the task) or efs (kept, but SQLite's WAL mode is not supported on network filesystems: deploy/README.md)"
  type        = string
  default     = "ephemeral"

  validation {
    condition     = contains(["efs", "ephemeral"], var.data_volume)
    error_message = "data_volume: efs or ephemeral."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for an HTTPS listener on 443; null for HTTP on 80"
  type        = string
  default     = null
}

variable "assume_role_arns" {
  description = "Cross-account read roles (cross-account-role module) Porthole may assume, for `accounts:`"
  type        = list(string)
  default     = []
}

variable "policy_name" {
  description = "Name of the read-only policy in Porthole's account"
  type        = string
  default     = "PortholeReadOnly"
}

variable "cpu" {
  description = "Fargate task CPU units"
  type        = string
  default     = "512"
}

variable "memory" {
  description = "Fargate task memory (MiB), valid for the CPU value"
  type        = string
  default     = "1024"
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention"
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags for every resource"
  type        = map(string)
  default     = {}
}

variable "daemon_count" {
  description = "How many daemons (tasks) to run: 1 keeps SQLite in the data dir; more is the HA mode, which needs a PostgreSQL store (store_url_secret_arn or create_database)"
  type        = number
  default     = 1

  validation {
    condition     = var.daemon_count >= 1 && floor(var.daemon_count) == var.daemon_count
    error_message = "daemon_count: a whole number, at least 1."
  }
}

variable "store_url_secret_arn" {
  description = "HA mode with your own RDS/Aurora PostgreSQL: Secrets Manager secret holding the postgres:// URL (with its password), passed as PORTHOLE_STORE_URL; null for none"
  type        = string
  default     = null
}

variable "store_security_group_id" {
  description = "Security group of the database behind store_url_secret_arn: the module admits the task to it on 5432 (and lets the task reach it on 5432 only); null to manage that yourself"
  type        = string
  default     = null
}

variable "create_database" {
  description = "HA mode: create an RDS for PostgreSQL instance (Multi-AZ, encrypted, private, in subnet_ids) and a Secrets Manager secret with its URL"
  type        = bool
  default     = false
}

variable "database_instance_class" {
  description = "Instance class of the database made with create_database"
  type        = string
  default     = "db.t4g.small"
}

variable "database_engine_version" {
  description = "PostgreSQL major version of the database made with create_database"
  type        = string
  default     = "16"
}

variable "database_deletion_protection" {
  description = "Protect the database made with create_database from deletion (and take a final snapshot when it is deleted)"
  type        = bool
  default     = true
}
