# A role for the CI gate (action.yml with live: true): GitHub Actions jobs of the listed repositories
# assume it through GitHub's OIDC provider (aws-actions/configure-aws-credentials, role-to-assume) and
# get the read-only policy, nothing else.

# A copy of docs/iam-policy.json (a test keeps the two equal).
resource "aws_iam_policy" "read" {
  name        = var.policy_name
  description = "Porthole: read-only Describe/List/Get calls on ECS, Elastic Load Balancing and EC2"
  policy      = file("${path.module}/iam-policy.json")
  tags        = var.tags
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    # Only these repositories (and, with subject_filter, only these branches or environments).
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [for repo in var.repositories : "repo:${repo}:${var.subject_filter}"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "Porthole CI gate: read-only, for GitHub Actions of the listed repositories"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.read.arn
}
