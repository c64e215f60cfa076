# Porthole on ECS Fargate behind an internal ALB: the read-only task role, an execution role that can
# read the token secret, the log group, security groups, optionally EFS for the data dir, the task
# definition and the service. The same layout as deploy/ecs/*.json.

data "aws_region" "current" {}

locals {
  container_name = "porthole"
  container_port = 7070
  use_efs        = var.data_volume == "efs"
  https          = var.certificate_arn != null
  listener_port  = local.https ? 443 : 80
  scheme         = local.https ? "https" : "http"
  tags           = merge({ app = "porthole" }, var.tags)
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
