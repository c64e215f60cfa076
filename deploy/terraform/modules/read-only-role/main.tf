# The identity Porthole runs as (its ECS task role): the read-only policy, and sts:AssumeRole on the
# cross-account roles listed in `accounts:` when there are any.

data "aws_caller_identity" "current" {}

# The exact Describe/List/Get actions Porthole calls. iam-policy.json is a copy of docs/iam-policy.json
# (kept in the module so it works from any module source; a test keeps the two equal).
resource "aws_iam_policy" "read" {
  name        = var.policy_name
  description = "Porthole: read-only Describe/List/Get calls on ECS, Elastic Load Balancing and EC2"
  policy      = file("${path.module}/iam-policy.json")
  tags        = var.tags
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # Only ECS tasks of this account may use the role (confused-deputy guard).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  description        = "Porthole task role: read-only towards the estate it explains"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.read.arn
}

data "aws_iam_policy_document" "assume_accounts" {
  count = length(var.assume_role_arns) > 0 ? 1 : 0

  statement {
    actions   = ["sts:AssumeRole"]
    resources = var.assume_role_arns
  }
}

resource "aws_iam_role_policy" "assume_accounts" {
  count = length(var.assume_role_arns) > 0 ? 1 : 0

  name   = "porthole-assume-read-roles"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.assume_accounts[0].json
}
