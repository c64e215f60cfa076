# The data dir on EFS (data_volume = "efs"): history and open alerts survive a task replacement. SQLite
# documents that WAL mode (which Porthole's store uses) does not work over a network filesystem; the
# service keeps a single task (one host, one writer), but the risk is the operator's: deploy/README.md.

resource "aws_efs_file_system" "data" {
  count = local.use_efs ? 1 : 0

  encrypted        = true
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"
  tags             = merge(local.tags, { Name = "${var.name}-data" })
}

resource "aws_security_group" "efs" {
  count = local.use_efs ? 1 : 0

  name        = "${var.name}-efs"
  description = "Porthole data dir"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "efs_from_task" {
  count = local.use_efs ? 1 : 0

  security_group_id            = aws_security_group.efs[0].id
  description                  = "NFS from the Porthole task only"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.task.id
}

resource "aws_efs_mount_target" "data" {
  for_each = local.use_efs ? toset(var.subnet_ids) : toset([])

  file_system_id  = aws_efs_file_system.data[0].id
  subnet_id       = each.value
  security_groups = [aws_security_group.efs[0].id]
}

# The image runs as the `node` user (uid/gid 1000): the access point writes as it, in /porthole.
resource "aws_efs_access_point" "data" {
  count = local.use_efs ? 1 : 0

  file_system_id = aws_efs_file_system.data[0].id
  tags           = local.tags

  posix_user {
    uid = 1000
    gid = 1000
  }

  root_directory {
    path = "/porthole"

    creation_info {
      owner_uid   = 1000
      owner_gid   = 1000
      permissions = "0750"
    }
  }
}
