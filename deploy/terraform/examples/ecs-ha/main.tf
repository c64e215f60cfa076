# The HA variant: two daemons sharing the account/region shards through an RDS for PostgreSQL store made
# by the module (Multi-AZ, private; its URL in Secrets Manager as PORTHOLE_STORE_URL). With a database of
# your own, set store_url_secret_arn (and store_security_group_id) instead of create_database.

provider "aws" {
  region = "eu-west-1"
}

module "porthole" {
  source = "../../modules/ecs-service"

  cluster_arn      = "arn:aws:ecs:eu-west-1:111111111111:cluster/ops"
  vpc_id           = "vpc-0123456789abcdef0"
  subnet_ids       = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
  allowed_cidrs    = ["10.8.0.0/16"]
  image            = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/porthole:0.1.0"
  token_secret_arn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:porthole/token-AbCdEf"
  daemon_count     = 2
  create_database  = true
}

output "url" {
  value = module.porthole.url
}

output "store_url_secret_arn" {
  value = module.porthole.store_url_secret_arn
}
