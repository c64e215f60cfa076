# In each account Porthole scans: a role that Porthole's own identity may assume, with the read-only
# policy. The `accounts:` entry of porthole.yaml names it (roleArn) and, if set, the same externalId.

# A copy of docs/iam-policy.json (a test keeps the two equal).
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
      type        = "AWS"
      identifiers = [var.porthole_role_arn]
    }

    # The confused-deputy guard (IAM user guide, "The confused deputy problem"): AssumeRole must carry
    # this ExternalId. Porthole sends it from the account entry's `externalId`.
    dynamic "condition" {
      for_each = var.external_id == null ? [] : [var.external_id]

      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "Porthole: read-only access for the Porthole daemon in another account"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.read.arn
}
