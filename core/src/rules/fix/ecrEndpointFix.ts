// AWS CLI and Terraform for the VPC endpoints an image pull needs without internet access (ECR guide,
// "Amazon ECR interface VPC endpoints"): ecr.api and ecr.dkr interface endpoints with private DNS and an SG
// admitting tcp 443 from the tasks, and the S3 gateway endpoint on the subnets' route tables.
import { pushAll } from '@porthole/shared';
import type { SnapshotScope } from '@porthole/shared';
import { endpointServiceName, type EndpointProblem } from '../support/ecrEndpoints.ts';
import { regionFlag } from '../support/finding.ts';
import type { FixParts } from './egressRouteFix.ts';

export interface EndpointFixInput {
  scope: SnapshotScope;
  vpcId: string;
  subnetIds: string[];
  routeTableIds: string[];
  /** The tasks' / instances' security groups: the source the endpoint SG must admit on 443. */
  sourceGroupIds: string[];
  problems: EndpointProblem[];
}

const tfName = (service: string) => service.replace(/\./g, '_');
const list = (ids: string[]) => `[${ids.map((id) => `"${id}"`).join(', ')}]`;

export function ecrEndpointFix(input: EndpointFixInput): FixParts {
  const { scope, vpcId, subnetIds, routeTableIds, sourceGroupIds, problems } = input;
  const region = regionFlag(scope);
  const awsCli: string[] = [];
  const terraform: string[] = [];
  const source = sourceGroupIds[0] ?? 'TASK_SECURITY_GROUP_ID';
  for (const p of problems) {
    const name = endpointServiceName(scope.region, p.service);
    if (p.service === 's3' && p.endpointId) {
      awsCli.push(
        `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${p.endpointId} --add-route-table-ids ${routeTableIds.join(' ')}${region}`,
      );
      pushAll(
        terraform,
        routeTableIds.flatMap((rtb) => [
          `resource "aws_vpc_endpoint_route_table_association" "s3_${rtb.replace(/-/g, '_')}" {`,
          `  vpc_endpoint_id = "${p.endpointId}"`,
          `  route_table_id  = "${rtb}"`,
          `}`,
        ]),
      );
    } else if (p.service === 's3') {
      awsCli.push(
        `aws ec2 create-vpc-endpoint --vpc-id ${vpcId} --vpc-endpoint-type Gateway --service-name ${name} --route-table-ids ${routeTableIds.join(' ')}${region}`,
      );
      terraform.push(
        `resource "aws_vpc_endpoint" "s3" {`,
        `  vpc_id            = "${vpcId}"`,
        `  service_name      = "${name}"`,
        `  vpc_endpoint_type = "Gateway"`,
        `  route_table_ids   = ${list(routeTableIds)}`,
        `}`,
      );
    } else if (p.blockingGroupId) {
      awsCli.push(
        `aws ec2 authorize-security-group-ingress --group-id ${p.blockingGroupId}${region} --ip-permissions ` +
          `'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${source},Description="ECS tasks to ${p.service}"}]'`,
      );
      terraform.push(
        `resource "aws_vpc_security_group_ingress_rule" "${tfName(p.service)}_443" {`,
        `  security_group_id            = "${p.blockingGroupId}"`,
        `  referenced_security_group_id = "${source}"`,
        `  ip_protocol                  = "tcp"`,
        `  from_port                    = 443`,
        `  to_port                      = 443`,
        `}`,
      );
    } else if (p.endpointId && /private DNS disabled/.test(p.detail)) {
      awsCli.push(
        `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${p.endpointId} --private-dns-enabled${region}`,
      );
      terraform.push(`# on aws_vpc_endpoint ${p.endpointId}: private_dns_enabled = true`);
    } else {
      // The endpoint SG must admit tcp 443 from the tasks: an SG that does not exist yet, so a placeholder.
      awsCli.push(
        `aws ec2 create-vpc-endpoint --vpc-id ${vpcId} --vpc-endpoint-type Interface --service-name ${name} ` +
          `--subnet-ids ${subnetIds.join(' ')} --security-group-ids ENDPOINT_SECURITY_GROUP_ID --private-dns-enabled${region}`,
      );
      terraform.push(
        `resource "aws_vpc_endpoint" "${tfName(p.service)}" {`,
        `  vpc_id              = "${vpcId}"`,
        `  service_name        = "${name}"`,
        `  vpc_endpoint_type   = "Interface"`,
        `  subnet_ids          = ${list(subnetIds)}`,
        `  security_group_ids  = ["ENDPOINT_SECURITY_GROUP_ID"] # admits tcp 443 from ${source}`,
        `  private_dns_enabled = true`,
        `}`,
      );
    }
  }
  const services = problems.map((p) => p.service).join(', ');
  return {
    summary:
      problems.length > 0
        ? `Or keep the subnets private and add the VPC endpoints image pulls need (${services}).`
        : 'Or, if ECR interface endpoints (ecr.api, ecr.dkr) and an S3 gateway endpoint exist, check that they serve these subnets.',
    awsCli,
    terraform,
  };
}
