# The execution role: ECS uses it to pull the image, write logs and read PORTHOLE_TOKEN (and in the HA
# mode PORTHOLE_STORE_URL) from Secrets Manager (`secrets` in the container definition); Porthole itself
# never holds these permissions.

data "aws_iam_policy_document" "execution_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.execution_trust.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "read_token" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = compact([var.token_secret_arn, local.store_secret_arn])
  }
}

resource "aws_iam_role_policy" "read_token" {
  name   = "porthole-read-token"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.read_token.json
}
