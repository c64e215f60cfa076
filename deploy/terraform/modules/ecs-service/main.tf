# Porthole on ECS Fargate behind an internal ALB: the read-only task role, an execution role that can
# read the token secret, the log group, security groups, optionally EFS for the data dir, the task
# definition and the service. The same layout as deploy/ecs/*.json; with daemon_count > 1 the HA
# variant (task-definition.ha.json, service.ha.json) on a PostgreSQL store (store.tf).

data "aws_region" "current" {}

locals {
  container_name = "porthole"
  container_port = 7070
  use_efs        = var.data_volume == "efs"
  https          = var.certificate_arn != null
  listener_port  = local.https ? 443 : 80
  scheme         = local.https ? "https" : "http"
  tags           = merge({ app = "porthole" }, var.tags)

  # The HA mode: several daemons sharing the shards through PostgreSQL (a store of either kind).
  store_secret_arn = var.create_database ? aws_secretsmanager_secret.store_url[0].arn : var.store_url_secret_arn
  store_sg_id      = var.create_database ? aws_security_group.store[0].id : var.store_security_group_id
  # Decided from the variables, not from ARNs and ids only known after apply (count and plan need it).
  ha          = var.create_database || var.store_url_secret_arn != null
  store_rules = var.create_database || var.store_security_group_id != null
  # Secrets reach the container from Secrets Manager; the store URL holds the database password.
  container_secrets = concat(
    [{ name = "PORTHOLE_TOKEN", valueFrom = var.token_secret_arn }],
    local.ha ? [{ name = "PORTHOLE_STORE_URL", valueFrom = local.store_secret_arn }] : [],
  )
}

module "task_role" {
  source = "../read-only-role"

  name             = "${var.name}-task"
  policy_name      = var.policy_name
  assume_role_arns = var.assume_role_arns
  tags             = local.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}
