# Security groups: clients → ALB on the listener port (only var.allowed_cidrs), ALB → task on 7070,
# task → AWS APIs on 443, task → EFS on 2049. Nothing is open to the world inbound.

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Porthole internal ALB"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb_from_clients" {
  for_each = toset(var.allowed_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "Porthole dashboard and API"
  ip_protocol       = "tcp"
  from_port         = local.listener_port
  to_port           = local.listener_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "alb_to_task" {
  security_group_id            = aws_security_group.alb.id
  description                  = "Requests and /readyz health checks to the Porthole task"
  ip_protocol                  = "tcp"
  from_port                    = local.container_port
  to_port                      = local.container_port
  referenced_security_group_id = aws_security_group.task.id
}

resource "aws_security_group" "task" {
  name        = "${var.name}-task"
  description = "Porthole task"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "task_from_alb" {
  security_group_id            = aws_security_group.task.id
  description                  = "From the Porthole ALB only"
  ip_protocol                  = "tcp"
  from_port                    = local.container_port
  to_port                      = local.container_port
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_egress_rule" "task_to_aws_apis" {
  for_each = toset(var.api_egress_cidrs)

  security_group_id = aws_security_group.task.id
  description       = "AWS APIs (ECS, ELB, EC2, STS), ECR, CloudWatch Logs and alert webhooks over HTTPS"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "task_to_efs" {
  count = local.use_efs ? 1 : 0

  security_group_id            = aws_security_group.task.id
  description                  = "NFS to the data dir on EFS"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.efs[0].id
}
