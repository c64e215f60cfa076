// AWS CLI and Terraform for restoring a subnet's way to the internet: a default route to a working NAT gateway
// (or, for a NAT gateway's own subnet, to the VPC's internet gateway), or a public IP for tasks/instances.
import type { SnapshotScope } from '@porthole/shared';
import type { EstateModel, ServiceModel } from '../../model/types.ts';
import { INTERNET_PROBE_ADDRESS } from '../../net/paths/egressAddress.ts';
import { routeHop } from '../../net/paths/hops.ts';
import type { Placement } from '../../analysis/ecsPlacement.ts';
import { regionFlag } from '../support/finding.ts';
import type { Egress } from '../../analysis/internetEgress.ts';

export interface FixParts {
  summary: string;
  awsCli: string[];
  terraform: string[];
}

type Broken = Extract<Egress, { status: 'broken' }>;

function hasDefaultRoute(model: EstateModel, scope: SnapshotScope, tableId: string): boolean {
  return (model.routeTables.get(scope, tableId)?.Routes ?? []).some(
    (r) => r.DestinationCidrBlock === '0.0.0.0/0',
  );
}

/** The IGW attached to the VPC, from describe-internet-gateways. */
export function attachedIgw(model: EstateModel, scope: SnapshotScope, vpcId: string | null): string | null {
  for (const igw of model.internetGateways.inScope(scope)) {
    if ((igw.Attachments ?? []).some((a) => a.VpcId === vpcId && (a.State ?? 'available') !== 'detached'))
      return igw.InternetGatewayId;
  }
  return null;
}

function routesToIgw(model: EstateModel, scope: SnapshotScope, subnetId: string, vpcId: string): boolean {
  const hop = routeHop(model, {
    scope,
    subnetId,
    vpcId,
    destination: INTERNET_PROBE_ADDRESS,
    leg: 'request',
  });
  return hop.verdict === 'allow' && hop.route?.target?.kind === 'internet-gateway';
}

/** A public NAT gateway that works (available, its subnet routed to an IGW), preferring the subnet's AZ. */
export function workingNatGateway(
  model: EstateModel,
  scope: SnapshotScope,
  vpcId: string,
  az: string | null,
) {
  const working = model.natGateways
    .inScope(scope)
    .filter(
      (n) =>
        n.VpcId === vpcId &&
        (n.State ?? 'available') === 'available' &&
        n.ConnectivityType !== 'private' &&
        n.SubnetId !== null &&
        n.SubnetId !== undefined &&
        routesToIgw(model, scope, n.SubnetId, vpcId),
    );
  return (
    working.find((n) => model.subnets.get(scope, n.SubnetId!)?.AvailabilityZone === az) ?? working[0] ?? null
  );
}

function publicSubnet(model: EstateModel, scope: SnapshotScope, vpcId: string): string | null {
  for (const s of model.subnets.inScope(scope)) {
    if (s.VpcId === vpcId && routesToIgw(model, scope, s.SubnetId, vpcId)) return s.SubnetId;
  }
  return null;
}

function routeParts(
  model: EstateModel,
  scope: SnapshotScope,
  tableId: string,
  flag: string,
  id: string,
): FixParts {
  const verb = hasDefaultRoute(model, scope, tableId) ? 'replace-route' : 'create-route';
  const tfFlag = flag === 'gateway-id' ? 'gateway_id    ' : 'nat_gateway_id';
  return {
    summary: '',
    awsCli: [
      `aws ec2 ${verb} --route-table-id ${tableId}${regionFlag(scope)} --destination-cidr-block 0.0.0.0/0 --${flag} ${id}`,
    ],
    terraform: [
      `resource "aws_route" "${tableId.replace(/-/g, '_')}_default" {`,
      `  route_table_id         = "${tableId}"`,
      `  destination_cidr_block = "0.0.0.0/0"`,
      `  ${tfFlag}         = "${id}"`,
      `}`,
    ],
  };
}

export function egressRouteFix(
  model: EstateModel,
  svc: ServiceModel,
  egress: Broken,
  placements: Placement[],
): FixParts {
  const scope = svc.scope;
  const first = placements[0];
  const vpcId = first?.vpcId ?? '';
  if (egress.cause === 'nat-no-igw') {
    const igw = attachedIgw(model, scope, vpcId);
    const parts = routeParts(model, scope, egress.tableId, 'gateway-id', igw ?? 'INTERNET_GATEWAY_ID');
    parts.summary = `Route ${egress.tableId} (the NAT gateway's subnet) 0.0.0.0/0 to ${igw ?? 'an internet gateway attached to the VPC'}.`;
    if (!igw)
      parts.awsCli.unshift(
        `aws ec2 create-internet-gateway${regionFlag(scope)}`,
        `aws ec2 attach-internet-gateway --internet-gateway-id INTERNET_GATEWAY_ID --vpc-id ${vpcId}${regionFlag(scope)}`,
      );
    return parts;
  }
  if (egress.cause === 'igw-no-public-ip') return publicIpFix(svc, placements);
  const az = first ? (model.subnets.get(scope, first.subnetId)?.AvailabilityZone ?? null) : null;
  const nat = workingNatGateway(model, scope, vpcId, az);
  const parts = routeParts(
    model,
    scope,
    egress.tableId,
    'nat-gateway-id',
    nat?.NatGatewayId ?? 'NAT_GATEWAY_ID',
  );
  if (nat) {
    parts.summary = `Route ${egress.tableId} 0.0.0.0/0 to the working NAT gateway ${nat.NatGatewayId}.`;
  } else {
    const subnet = publicSubnet(model, scope, vpcId) ?? 'PUBLIC_SUBNET_ID';
    parts.summary = `Create a NAT gateway in a public subnet (${subnet}) and route ${egress.tableId} 0.0.0.0/0 to it.`;
    parts.awsCli.unshift(
      `aws ec2 allocate-address --domain vpc${regionFlag(scope)}`,
      `aws ec2 create-nat-gateway --subnet-id ${subnet} --allocation-id EIPALLOC_ID${regionFlag(scope)}`,
    );
  }
  return parts;
}

function publicIpFix(svc: ServiceModel, placements: Placement[]): FixParts {
  const scope = svc.scope;
  if (svc.awsvpc && svc.launchType !== 'EC2') {
    const subnets = svc.awsvpc.subnets.join(',');
    const groups = svc.awsvpc.securityGroups.join(',');
    return {
      summary: `Give the tasks public IPs (assignPublicIp ENABLED, Fargate only), or move them to private subnets routed to a NAT gateway.`,
      awsCli: [
        `aws ecs update-service --cluster ${svc.clusterName} --service ${svc.name}${regionFlag(scope)} ` +
          `--network-configuration 'awsvpcConfiguration={subnets=[${subnets}],securityGroups=[${groups}],assignPublicIp=ENABLED}'`,
      ],
      terraform: [
        `resource "aws_ecs_service" "${svc.name.replace(/[^a-zA-Z0-9_]/g, '_')}" {`,
        `  # …`,
        `  network_configuration {`,
        `    subnets          = [${svc.awsvpc.subnets.map((s) => `"${s}"`).join(', ')}]`,
        `    security_groups  = [${svc.awsvpc.securityGroups.map((s) => `"${s}"`).join(', ')}]`,
        `    assign_public_ip = true`,
        `  }`,
        `}`,
      ],
    };
  }
  if (svc.awsvpc) {
    return {
      summary:
        'awsvpc tasks on EC2 never get public IPs: run them in private subnets routed to a NAT gateway, or add the ECR/S3 VPC endpoints.',
      awsCli: [],
      terraform: [],
    };
  }
  const subnets = [...new Set(placements.map((p) => p.subnetId))];
  return {
    summary:
      'Launch the container instances with public IPs (new instances only: replace the running ones), or move them to private subnets routed to a NAT gateway.',
    awsCli: subnets.map(
      (s) => `aws ec2 modify-subnet-attribute --subnet-id ${s} --map-public-ip-on-launch${regionFlag(scope)}`,
    ),
    terraform: [
      `resource "aws_launch_template" "ecs" {`,
      `  # …`,
      `  network_interfaces {`,
      `    associate_public_ip_address = true`,
      `  }`,
      `}`,
    ],
  };
}
