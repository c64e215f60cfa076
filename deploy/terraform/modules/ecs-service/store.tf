# The HA mode's store (daemon_count > 1, docs/daemon.md "High availability"): PostgreSQL shared by every
# daemon. Either a database you run (store_url_secret_arn: a Secrets Manager secret holding the
# postgres:// URL, and store_security_group_id: its security group) or one made here (create_database:
# RDS for PostgreSQL, Multi-AZ, encrypted, private). The URL holds the password, so it reaches the task
# only as a secret (PORTHOLE_STORE_URL in `secrets`), never in the task definition's environment. The
# password made here is kept in the Terraform state too: keep the state encrypted and private.

resource "random_password" "store" {
  count = var.create_database ? 1 : 0

  length = 40
  # Letters and digits only: the password sits in a URL (no escaping) and RDS refuses / @ " and spaces.
  special = false
}

resource "aws_db_subnet_group" "store" {
  count = var.create_database ? 1 : 0

  name       = "${var.name}-store"
  subnet_ids = var.subnet_ids
  tags       = local.tags
}

resource "aws_security_group" "store" {
  count = var.create_database ? 1 : 0

  name        = "${var.name}-store"
  description = "Porthole PostgreSQL store"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_db_instance" "store" {
  count = var.create_database ? 1 : 0

  identifier                 = "${var.name}-store"
  engine                     = "postgres"
  engine_version             = var.database_engine_version
  instance_class             = var.database_instance_class
  allocated_storage          = 20
  max_allocated_storage      = 100
  storage_encrypted          = true
  multi_az                   = true
  db_name                    = "porthole"
  username                   = "porthole"
  password                   = random_password.store[0].result
  port                       = 5432
  db_subnet_group_name       = aws_db_subnet_group.store[0].name
  vpc_security_group_ids     = [aws_security_group.store[0].id]
  publicly_accessible        = false
  backup_retention_period    = 7
  auto_minor_version_upgrade = true
  deletion_protection        = var.database_deletion_protection
  skip_final_snapshot        = !var.database_deletion_protection
  final_snapshot_identifier  = var.database_deletion_protection ? "${var.name}-store-final" : null
  tags                       = local.tags
}

resource "aws_secretsmanager_secret" "store_url" {
  count = var.create_database ? 1 : 0

  name_prefix = "${var.name}/store-url-"
  description = "PORTHOLE_STORE_URL of ${var.name}: the PostgreSQL URL with its password"
  tags        = local.tags
}

# TLS without certificate verification: node-postgres treats sslmode=require as verify-full, and Node does
# not trust the RDS certificate authority (deploy/README.md, "High availability").
resource "aws_secretsmanager_secret_version" "store_url" {
  count = var.create_database ? 1 : 0

  secret_id     = aws_secretsmanager_secret.store_url[0].id
  secret_string = "postgres://porthole:${random_password.store[0].result}@${aws_db_instance.store[0].address}:5432/porthole?sslmode=no-verify"
}

# The task reaches the store on 5432 and nothing else; the store admits only the task.
resource "aws_vpc_security_group_egress_rule" "task_to_store" {
  count = local.store_rules ? 1 : 0

  security_group_id            = aws_security_group.task.id
  description                  = "PostgreSQL store (HA mode)"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = local.store_sg_id
}

resource "aws_vpc_security_group_ingress_rule" "store_from_task" {
  count = local.store_rules ? 1 : 0

  security_group_id            = local.store_sg_id
  description                  = "PostgreSQL from the Porthole task only"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.task.id
}
