# The task definition and the service, as in deploy/ecs/task-definition.json and service.json.

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  task_role_arn            = module.task_role.role_arn
  execution_role_arn       = aws_iam_role.execution.arn
  tags                     = local.tags

  runtime_platform {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }

  container_definitions = jsonencode([
    {
      name                   = local.container_name
      image                  = var.image
      essential              = true
      command                = ["serve", "--live"]
      readonlyRootFilesystem = true
      stopTimeout            = 30
      portMappings = [
        { name = "http", containerPort = local.container_port, protocol = "tcp", appProtocol = "http" }
      ]
      # Listening on 0.0.0.0 in the task: Porthole refuses to start without PORTHOLE_TOKEN.
      environment = [
        { name = "PORTHOLE_HOST", value = "0.0.0.0" },
        { name = "PORTHOLE_PORT", value = tostring(local.container_port) },
        { name = "PORTHOLE_DATA_DIR", value = "/data" },
        { name = "AWS_REGION", value = data.aws_region.current.name },
      ]
      secrets = local.container_secrets
      mountPoints = [
        { sourceVolume = "data", containerPath = "/data", readOnly = false },
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
      ]
      healthCheck = {
        command     = ["CMD", "node", "-e", "fetch('http://127.0.0.1:7070/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 120
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.this.name
          "awslogs-region"        = data.aws_region.current.name
          "awslogs-stream-prefix" = "porthole"
        }
      }
    }
  ])

  # The data dir: EFS (kept across task replacements) or the task's ephemeral storage (lost with it).
  volume {
    name = "data"

    dynamic "efs_volume_configuration" {
      for_each = local.use_efs ? [1] : []

      content {
        file_system_id     = aws_efs_file_system.data[0].id
        transit_encryption = "ENABLED"

        authorization_config {
          access_point_id = aws_efs_access_point.data[0].id
          iam             = "DISABLED"
        }
      }
    }
  }

  volume {
    name = "tmp"
  }
}

resource "aws_ecs_service" "this" {
  name                              = var.name
  cluster                           = var.cluster_arn
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.daemon_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 180
  enable_execute_command            = false
  propagate_tags                    = "SERVICE"
  tags                              = local.tags

  # SQLite: one task on the data dir at a time, the old task stops before the new one starts (SQLite has
  # one writer; two daemons would also poll AWS twice). HA: tasks are replaced one at a time; the stopping
  # daemon releases its leases on SIGTERM and the others take its shards.
  deployment_maximum_percent         = local.ha ? 200 : 100
  deployment_minimum_healthy_percent = local.ha ? 50 : 0

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.task.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container_name
    container_port   = local.container_port
  }

  depends_on = [aws_lb_listener.this, aws_efs_mount_target.data, aws_secretsmanager_secret_version.store_url]

  lifecycle {
    precondition {
      condition     = var.daemon_count == 1 || local.ha
      error_message = "daemon_count > 1 needs a PostgreSQL store: store_url_secret_arn or create_database."
    }
    precondition {
      condition     = !(var.create_database && var.store_url_secret_arn != null)
      error_message = "create_database and store_url_secret_arn: one store, not both."
    }
    precondition {
      condition     = !(local.ha && local.use_efs)
      error_message = "The HA mode keeps its state in PostgreSQL: data_volume must be ephemeral (one EFS data dir cannot be shared)."
    }
  }
}
