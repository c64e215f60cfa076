// Ids, names and addresses of one unit (VPC): hash-derived from seed, account, region and unit index, so
// every unit gets distinct ids and the same seed always gives the same estate. Each unit owns 10.<n>.0.0/16.
import { ec2Id, hexOf, intOf } from '@porthole/estate/demo/hash.js';

export type SubnetKey = 'pubA' | 'pubB' | 'appA' | 'appB' | 'dataA' | 'dataB';
export const SUBNET_KEYS: readonly SubnetKey[] = ['pubA', 'pubB', 'appA', 'appB', 'dataA', 'dataB'];
export type LbKey = 'web' | 'internal';
export type NaclKey = 'default' | 'appA' | 'appB' | 'dataA' | 'dataB';
export type FixedSgKey = 'default' | 'webAlb' | 'internalAlb' | 'instances' | 'bastion' | 'shared';

export interface SubnetIds {
  key: SubnetKey;
  id: string;
  cidr: string;
  /** First three octets of the /24 (or /20) the generator hands addresses out of. */
  base: [number, number];
  az: string;
  azId: string;
  name: string;
  public: boolean;
}

export interface LbIds {
  key: LbKey;
  name: string;
  arn: string;
  resourceId: string;
  dnsName: string;
  listenerArn: string;
  subnets: [SubnetKey, SubnetKey];
  sg: string;
  scheme: 'internet-facing' | 'internal';
  enis: Array<{ subnet: SubnetKey; eniId: string; privateIp: string; publicIp: string | null }>;
}

export interface UnitIds {
  seed: number;
  account: string;
  region: string;
  /** Global unit number: 10.<index>.0.0/16. */
  index: number;
  key: string;
  team: string;
  vpcId: string;
  cidr: string;
  /** The public subnets' range, 10.<n>.0.0/23. */
  publicRange: string;
  azs: [string, string];
  subnets: Record<SubnetKey, SubnetIds>;
  igwId: string;
  nats: Array<{
    id: string;
    eniId: string;
    subnet: SubnetKey;
    privateIp: string;
    publicIp: string;
    allocationId: string;
  }>;
  routeTables: { main: string; public: string; privateA: string; privateB: string };
  nacls: Record<NaclKey, string>;
  sgs: Record<FixedSgKey, string>;
  lbs: Record<LbKey, LbIds>;
  cluster: { name: string; arn: string };
  ecrRegistry: string;
}

export const TEAMS = [
  'payments',
  'checkout',
  'catalog',
  'identity',
  'search',
  'shipping',
  'billing',
  'media',
  'growth',
  'platform',
  'ledger',
  'notify',
  'pricing',
  'reviews',
  'inventory',
  'support',
  'analytics',
  'maps',
  'orders',
  'loyalty',
] as const;

/** eu-west-1 → euw1 (the AZ-id prefix). */
function regionShort(region: string): string {
  const [geo = '', dir = '', num = ''] = region.split('-');
  const d = { north: 'n', south: 's', east: 'e', west: 'w', central: 'c', southeast: 'se', northeast: 'ne' };
  return `${geo}${(d as Record<string, string>)[dir] ?? dir.slice(0, 1)}${num}`;
}

export function unitIds(seed: number, account: string, region: string, index: number): UnitIds {
  const key = `bench/${seed}/${account}/${region}/unit${index}`;
  const k = (name: string) => `${key}/${name}`;
  const n = index;
  const azs: [string, string] = [`${region}a`, `${region}b`];
  const publicIp = (name: string) =>
    `52.${intOf(k(`p1/${name}`), 16, 95)}.${intOf(k(`p2/${name}`), 0, 255)}.${intOf(k(`p3/${name}`), 1, 254)}`;
  const subnet = (
    sk: SubnetKey,
    third: number,
    bits: number,
    az: 0 | 1,
    isPublic: boolean,
    tier: string,
  ): SubnetIds => ({
    key: sk,
    id: ec2Id('subnet', k(`subnet/${sk}`)),
    cidr: `10.${n}.${third}.0/${bits}`,
    base: [n, third],
    az: azs[az],
    azId: `${regionShort(region)}-az${az + 1}`,
    name: `${TEAMS[n % TEAMS.length]}-${tier}-${az === 0 ? 'a' : 'b'}`,
    public: isPublic,
  });
  const subnets: Record<SubnetKey, SubnetIds> = {
    pubA: subnet('pubA', 0, 24, 0, true, 'public'),
    pubB: subnet('pubB', 1, 24, 1, true, 'public'),
    appA: subnet('appA', 16, 20, 0, false, 'app'),
    appB: subnet('appB', 32, 20, 1, false, 'app'),
    dataA: subnet('dataA', 48, 24, 0, false, 'data'),
    dataB: subnet('dataB', 49, 24, 1, false, 'data'),
  };
  const team = TEAMS[n % TEAMS.length]!;
  const elbArn = (resource: string) => `arn:aws:elasticloadbalancing:${region}:${account}:${resource}`;
  const sgs = Object.fromEntries(
    (['default', 'webAlb', 'internalAlb', 'instances', 'bastion', 'shared'] as FixedSgKey[]).map((s) => [
      s,
      ec2Id('sg', k(`sg/${s}`)),
    ]),
  ) as Record<FixedSgKey, string>;
  const lb = (lbKey: LbKey, internal: boolean, on: [SubnetKey, SubnetKey]): LbIds => {
    const name = `${team}-${String(n).padStart(3, '0')}-${lbKey}`;
    const resourceId = `app/${name}/${hexOf(k(`lb/${lbKey}`), 16)}`;
    return {
      key: lbKey,
      name,
      arn: elbArn(`loadbalancer/${resourceId}`),
      resourceId,
      dnsName: `${internal ? 'internal-' : ''}${name}-${intOf(k(`dns/${lbKey}`), 1e9, 1999999999)}.${region}.elb.amazonaws.com`,
      listenerArn: elbArn(`listener/${resourceId}/${hexOf(k(`listener/${lbKey}`), 16)}`),
      subnets: on,
      sg: internal ? sgs.internalAlb : sgs.webAlb,
      scheme: internal ? 'internal' : 'internet-facing',
      enis: on.map((s, i) => ({
        subnet: s,
        eniId: ec2Id('eni', k(`eni/lb/${lbKey}/${s}`)),
        privateIp: `10.${n}.${subnets[s].base[1]}.${internal ? 240 + i : 200 + i}`,
        publicIp: internal ? null : publicIp(`lb/${lbKey}/${s}`),
      })),
    };
  };
  const nat = (sk: SubnetKey, i: number) => ({
    id: ec2Id('nat', k(`nat/${sk}`)),
    eniId: ec2Id('eni', k(`eni/nat/${sk}`)),
    subnet: sk,
    privateIp: `10.${n}.${i}.220`,
    publicIp: publicIp(`nat/${sk}`),
    allocationId: ec2Id('eipalloc', k(`eip/${sk}`)),
  });
  const cluster = `${team}-${String(n).padStart(3, '0')}`;
  return {
    seed,
    account,
    region,
    index: n,
    key,
    team,
    vpcId: ec2Id('vpc', k('vpc')),
    cidr: `10.${n}.0.0/16`,
    publicRange: `10.${n}.0.0/23`,
    azs,
    subnets,
    igwId: ec2Id('igw', k('igw')),
    nats: [nat('pubA', 0), nat('pubB', 1)],
    routeTables: {
      main: ec2Id('rtb', k('rtb/main')),
      public: ec2Id('rtb', k('rtb/public')),
      privateA: ec2Id('rtb', k('rtb/privateA')),
      privateB: ec2Id('rtb', k('rtb/privateB')),
    },
    nacls: Object.fromEntries(
      (['default', 'appA', 'appB', 'dataA', 'dataB'] as NaclKey[]).map((a) => [
        a,
        ec2Id('acl', k(`acl/${a}`)),
      ]),
    ) as Record<NaclKey, string>,
    sgs,
    lbs: { web: lb('web', false, ['pubA', 'pubB']), internal: lb('internal', true, ['appA', 'appB']) },
    cluster: { name: cluster, arn: `arn:aws:ecs:${region}:${account}:cluster/${cluster}` },
    ecrRegistry: `${account}.dkr.ecr.${region}.amazonaws.com`,
  };
}
