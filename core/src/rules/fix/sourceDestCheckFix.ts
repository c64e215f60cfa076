// Fix for a NAT instance that drops forwarded traffic: disable its source/destination check (the instance
// attribute covers its primary ENI; a route to a secondary ENI needs the ENI attribute too). VPC guide,
// "NAT instances"; EC2 API ModifyInstanceAttribute / ModifyNetworkInterfaceAttribute.
import type { Fix, SnapshotScope } from '@porthole/shared';
import { regionFlag } from '../support/finding.ts';

export function sourceDestCheckFix(instanceId: string, eniIds: string[], scope: SnapshotScope): Fix {
  return {
    summary: `Disable the source/destination check on ${instanceId}${eniIds.length ? ` (ENI ${eniIds.join(', ')})` : ''} so it can forward traffic it is not the destination of.`,
    awsCli: [
      `aws ec2 modify-instance-attribute --instance-id ${instanceId} --no-source-dest-check${regionFlag(scope)}`,
      ...eniIds.map(
        (e) =>
          `aws ec2 modify-network-interface-attribute --network-interface-id ${e} --no-source-dest-check${regionFlag(scope)}`,
      ),
    ],
    terraform: [
      `resource "aws_instance" "nat" {`,
      `  # ${instanceId}`,
      `  source_dest_check = false`,
      `}`,
      ...eniIds.flatMap((e) => [
        ``,
        `resource "aws_network_interface" "nat_${e.replace(/-/g, '_')}" {`,
        `  # ${e}`,
        `  source_dest_check = false`,
        `}`,
      ]),
    ].join('\n'),
  };
}
