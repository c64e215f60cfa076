// Fix for a missing (or blackhole) route between an ALB's VPC and a peered VPC holding its targets: a route in
// the named table for the peer VPC's CIDR only (never 0.0.0.0/0), into the peering connection or transit
// gateway the other side already uses (VPC peering guide, "Update your route tables for a VPC peering
// connection"). Either side may be in another account: the command names the account it runs in.
import type { Finding, RouteTable, SnapshotScope } from '@porthole/shared';
import { regionFlag } from '../support/finding.ts';
import type { RouteTarget } from '../../net/routes.ts';

export interface PeerRouteFixInput {
  scope: SnapshotScope;
  table: RouteTable | undefined;
  tableId: string;
  /** The other VPC's CIDR (or subnet CIDR, or the address /32 when neither is known). */
  peerCidr: string;
  /** The peering connection or transit gateway the other side routes through, when known. */
  via: RouteTarget | null;
}

export function peerRouteFix(input: PeerRouteFixInput): Finding['fix'] {
  const { scope, table, tableId, peerCidr, via } = input;
  const tgw = via?.kind === 'transit-gateway';
  const id = via?.id ?? 'PEERING_CONNECTION_ID';
  const flag = tgw ? '--transit-gateway-id' : '--vpc-peering-connection-id';
  const existing = table?.Routes.find((r) => r.DestinationCidrBlock === peerCidr);
  const verb = existing ? 'replace-route' : 'create-route';
  const account = scope.account ? ` in account ${scope.account}` : '';
  const name = `${tableId.replace(/-/g, '_')}_peer`;
  return {
    summary:
      `${existing ? 'Replace' : 'Add'} the route ${peerCidr} → ${id} in ${tableId}${account}` +
      (via ? '' : ' (the active VPC peering connection between the two VPCs)') +
      `, scoped to the peer's CIDR.`,
    awsCli: [
      `aws ec2 ${verb} --route-table-id ${tableId}${regionFlag(scope)} --destination-cidr-block ${peerCidr} ${flag} ${id}`,
    ],
    terraform: [
      `resource "aws_route" "${name}" {`,
      `  route_table_id            = "${tableId}"`,
      `  destination_cidr_block    = "${peerCidr}"`,
      tgw ? `  transit_gateway_id        = "${id}"` : `  vpc_peering_connection_id = "${id}"`,
      `}`,
    ].join('\n'),
  };
}
