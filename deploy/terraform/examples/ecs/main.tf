# Porthole in a tooling account (111111111111) reading its own account and a second one
# (222222222222) through the cross-account role. `terraform init && terraform apply` from here.

provider "aws" {
  region = "eu-west-1"
}

# The scanned account, reached with a role that may create IAM roles there.
provider "aws" {
  alias  = "prod"
  region = "eu-west-1"

  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}

module "porthole" {
  source = "../../modules/ecs-service"

  cluster_arn      = "arn:aws:ecs:eu-west-1:111111111111:cluster/ops"
  vpc_id           = "vpc-0123456789abcdef0"
  subnet_ids       = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
  allowed_cidrs    = ["10.8.0.0/16"]
  image            = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/porthole:0.1.0"
  token_secret_arn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:porthole/token-AbCdEf"
  data_volume      = "ephemeral"
  assume_role_arns = ["arn:aws:iam::222222222222:role/porthole-read"]
}

module "prod_read" {
  source = "../../modules/cross-account-role"

  providers = {
    aws = aws.prod
  }

  porthole_role_arn = module.porthole.task_role_arn
  external_id       = "porthole-3f9c2a"
}

# Paste into porthole.yaml under aws.accounts (plus an entry for 111111111111 itself if it is scanned).
output "accounts_entry" {
  value = module.prod_read.account_entry
}

output "url" {
  value = module.porthole.url
}
