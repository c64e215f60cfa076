import type { Route, RouteTable } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import { describeRoute, lookupRoute, routeTableForSubnet, routeTarget } from './routes.ts';

const noLists = () => null;
const local: Route = {
  DestinationCidrBlock: '10.0.0.0/16',
  GatewayId: 'local',
  State: 'active',
  Origin: 'CreateRouteTable',
};
const table = (
  id: string,
  routes: Route[],
  assoc: RouteTable['Associations'] = [],
  vpc = 'vpc-1',
): RouteTable => ({
  RouteTableId: id,
  VpcId: vpc,
  Routes: routes,
  Associations: assoc,
});

describe('routeTableForSubnet', () => {
  const main = table('rtb-main', [local], [{ Main: true, RouteTableId: 'rtb-main' }]);
  const pub = table('rtb-pub', [local], [{ Main: false, SubnetId: 'subnet-pub' }]);
  const otherVpcMain = table('rtb-other', [local], [{ Main: true }], 'vpc-2');

  it('prefers the explicit association', () => {
    expect(routeTableForSubnet([main, pub], 'subnet-pub', 'vpc-1')).toEqual({ table: pub, explicit: true });
  });

  it("falls back to the VPC's main table", () => {
    expect(routeTableForSubnet([otherVpcMain, main, pub], 'subnet-priv', 'vpc-1')).toEqual({
      table: main,
      explicit: false,
    });
  });

  it('ignores disassociated rows and returns null without a main table', () => {
    const stale = table(
      'rtb-stale',
      [local],
      [
        { SubnetId: 'subnet-x', AssociationState: { State: 'disassociated' } } as NonNullable<
          RouteTable['Associations']
        >[number],
      ],
    );
    expect(routeTableForSubnet([stale, main], 'subnet-x', 'vpc-1')?.table.RouteTableId).toBe('rtb-main');
    expect(routeTableForSubnet([pub], 'subnet-x', 'vpc-1')).toBeNull();
  });
});

describe('lookupRoute', () => {
  const rt = table('rtb-0abc', [
    local,
    { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123', State: 'active', Origin: 'CreateRoute' },
    { DestinationCidrBlock: '172.16.0.0/16', VpcPeeringConnectionId: 'pcx-1', State: 'active' },
    { DestinationCidrBlock: '172.16.5.0/24', TransitGatewayId: 'tgw-1', State: 'active' },
    {
      DestinationCidrBlock: '192.168.9.0/24',
      InstanceId: 'i-nat',
      NetworkInterfaceId: 'eni-nat',
      State: 'active',
    },
    { DestinationCidrBlock: '192.168.10.0/24', NetworkInterfaceId: 'eni-fw', State: 'active' },
    { DestinationCidrBlock: '198.51.100.0/24', GatewayId: 'igw-9', State: 'blackhole' },
    { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1', State: 'active' },
  ]);

  it('picks the longest prefix: /24 over /16 over /0', () => {
    expect(lookupRoute(rt, '172.16.5.9', noLists).target).toEqual({ kind: 'transit-gateway', id: 'tgw-1' });
    expect(lookupRoute(rt, '172.16.6.9', noLists).target).toEqual({ kind: 'vpc-peering', id: 'pcx-1' });
    const d = lookupRoute(rt, '52.1.2.3', noLists);
    expect(d.target).toEqual({ kind: 'nat-gateway', id: 'nat-0123' });
    expect(d.matchedCidr).toBe('0.0.0.0/0');
    expect(d.reason).toBe('52.1.2.3 matches rtb-0abc 0.0.0.0/0 → nat-0123 (active)');
    expect(lookupRoute(rt, '10.0.3.3', noLists).target).toEqual({ kind: 'local', id: 'local' });
  });

  it('reports a winning blackhole route as dropped', () => {
    const d = lookupRoute(rt, '198.51.100.1', noLists);
    expect(d.blackhole).toBe(true);
    expect(d.route?.GatewayId).toBe('igw-9');
    expect(d.reason).toContain('traffic is dropped');
  });

  it('distinguishes NAT instances from plain network interfaces', () => {
    expect(lookupRoute(rt, '192.168.9.1', noLists).target?.kind).toBe('instance');
    expect(lookupRoute(rt, '192.168.10.1', noLists).target?.kind).toBe('network-interface');
  });

  it('matches IPv6 destinations against IPv6 routes only', () => {
    expect(lookupRoute(rt, '2001:db8::1', noLists).target).toEqual({
      kind: 'egress-only-internet-gateway',
      id: 'eigw-1',
    });
    const v4only = table('rtb-4', [local]);
    expect(lookupRoute(v4only, '2001:db8::1', noLists).route).toBeNull();
  });

  it('returns no route when nothing matches', () => {
    const d = lookupRoute(table('rtb-iso', [local]), '8.8.8.8', noLists);
    expect(d).toMatchObject({ route: null, target: null, blackhole: false });
    expect(d.reason).toContain('no route in rtb-iso matches 8.8.8.8');
  });

  it('resolves prefix-list routes and uses the matching entry length', () => {
    const s3 = table('rtb-s3', [
      local,
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' },
      { DestinationPrefixListId: 'pl-s3', GatewayId: 'vpce-s3', State: 'active' },
      { DestinationPrefixListId: 'pl-lost', GatewayId: 'vpce-x', State: 'active' },
    ]);
    const lists = (id: string) => (id === 'pl-s3' ? ['52.216.0.0/15', '3.5.0.0/19'] : null);
    const d = lookupRoute(s3, '3.5.1.1', lists);
    expect(d.target).toEqual({ kind: 'vpc-endpoint', id: 'vpce-s3' });
    expect(d.matchedCidr).toBe('3.5.0.0/19');
    expect(d.skippedPrefixLists).toEqual(['pl-lost']);
    expect(d.reason).toContain('pl-lost');
  });

  it('breaks a same-length tie: static CIDR route, then prefix-list route, then propagated route', () => {
    const lists = () => ['172.31.0.0/24'];
    const pl: Route = {
      DestinationPrefixListId: 'pl-1',
      TransitGatewayId: 'tgw-pl',
      State: 'active',
      Origin: 'CreateRoute',
    };
    const stat: Route = {
      DestinationCidrBlock: '172.31.0.0/24',
      GatewayId: 'igw-static',
      State: 'active',
      Origin: 'CreateRoute',
    };
    const prop: Route = {
      DestinationCidrBlock: '172.31.0.0/24',
      GatewayId: 'vgw-1',
      State: 'active',
      Origin: 'EnableVgwRoutePropagation',
    };
    expect(lookupRoute(table('t', [prop, pl, stat]), '172.31.0.9', lists).target?.id).toBe('igw-static');
    expect(lookupRoute(table('t', [prop, pl]), '172.31.0.9', lists).target?.id).toBe('tgw-pl');
    // Longer prefix still wins over priority.
    const narrowProp: Route = { ...prop, DestinationCidrBlock: '172.31.0.0/25' };
    expect(lookupRoute(table('t', [stat, narrowProp]), '172.31.0.9', lists).target?.id).toBe('vgw-1');
  });
});

describe('routeTarget and describeRoute', () => {
  it('classifies gateway ids', () => {
    expect(routeTarget({ GatewayId: 'igw-1' })).toEqual({ kind: 'internet-gateway', id: 'igw-1' });
    expect(routeTarget({ GatewayId: 'vgw-1' })).toEqual({ kind: 'virtual-private-gateway', id: 'vgw-1' });
    expect(routeTarget({ CarrierGatewayId: 'cagw-1' })).toEqual({ kind: 'other', id: 'cagw-1' });
  });

  it('prints a route with its table and state', () => {
    const r: Route = { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123', State: 'active' };
    expect(describeRoute(r, 'rtb-0abc')).toBe('rtb-0abc 0.0.0.0/0 → nat-0123 (active)');
    expect(
      describeRoute({
        DestinationPrefixListId: 'pl-1',
        GatewayId: 'vgw-1',
        Origin: 'EnableVgwRoutePropagation',
      }),
    ).toBe('pl-1 → vgw-1 (active, propagated)');
  });
});
