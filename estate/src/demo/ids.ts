// Every id, ARN, name and address of the demo estate, derived from the account and region so a second
// partition (multi-region fixture) gets different ids. Builders and scenarios read names from here.
import { ec2Id, hexOf, intOf } from './hash.ts';

export const DEFAULT_ACCOUNT = '111122223333';
export const DEFAULT_REGION = 'eu-west-1';

export interface DemoScopeOptions {
  account?: string;
  region?: string;
}

export type SubnetKey = 'publicA' | 'publicB' | 'privateA' | 'privateB';
export type SgKey =
  | 'default'
  | 'alb'
  | 'ecsInstances'
  | 'apiTasks'
  | 'ordersAlb'
  | 'ordersTasks'
  | 'workerTasks'
  | 'bastion'
  | 'natInstance';
export type TgKey = 'web' | 'api' | 'admin' | 'orders';
export type LbKey = 'web' | 'orders';

export interface SubnetIds {
  id: string;
  cidr: string;
  az: string;
  azId: string;
  name: string;
  public: boolean;
}

export interface LoadBalancerIds {
  name: string;
  arn: string;
  /** The `app/<name>/<id>` part, also the ENI description after "ELB ". */
  resourceId: string;
  dnsName: string;
  listener80Arn: string;
  subnets: [SubnetKey, SubnetKey];
  sg: SgKey;
  scheme: 'internet-facing' | 'internal';
  /** Node ENI per subnet. */
  enis: Array<{ subnet: SubnetKey; eniId: string; privateIp: string; publicIp: string | null }>;
}

export interface DemoIds {
  account: string;
  region: string;
  azs: [string, string];
  vpcId: string;
  vpcCidr: string;
  igwId: string;
  subnets: Record<SubnetKey, SubnetIds>;
  /** The public subnets' common range (10.0.0.0/22 holds 10.0.0.0/24 and 10.0.1.0/24 only). */
  publicRange: string;
  routeTables: { main: string; public: string; private: string };
  nacls: { default: string; private: string };
  natGateway: { id: string; eniId: string; allocationId: string; privateIp: string; publicIp: string };
  sgs: Record<SgKey, string>;
  instances: Record<'ecsA' | 'ecsB' | 'bastion' | 'nat', InstanceIds>;
  loadBalancers: Record<LbKey, LoadBalancerIds>;
  targetGroups: Record<TgKey, string>;
  rules: { apiHost: string; adminPath: string; webDefault: string; ordersDefault: string };
  clusters: { prod: string; ops: string };
  ecrRegistry: string;
}

export interface InstanceIds {
  id: string;
  eniId: string;
  subnet: SubnetKey;
  privateIp: string;
  publicIp: string | null;
  reservationId: string;
  name: string;
}

/** eu-west-1 → euw1, ap-southeast-2 → apse2 (the AZ-id prefix). */
function regionShort(region: string): string {
  const dirs: Record<string, string> = {
    north: 'n',
    south: 's',
    east: 'e',
    west: 'w',
    central: 'c',
    northeast: 'ne',
    northwest: 'nw',
    southeast: 'se',
    southwest: 'sw',
  };
  const [geo = '', dir = '', num = ''] = region.split('-').filter((p) => p !== 'gov');
  return `${geo}${dirs[dir] ?? dir.slice(0, 1)}${num}`;
}

// First two octets of addresses AWS hands out in each region (illustrative, stable per region).
const PUBLIC_PREFIX: Record<string, string> = { 'eu-west-1': '34.246', 'us-east-1': '3.214' };

export function demoIds(opts: DemoScopeOptions = {}): DemoIds {
  const account = opts.account ?? DEFAULT_ACCOUNT;
  const region = opts.region ?? DEFAULT_REGION;
  const scope = `${account}/${region}`;
  const k = (name: string) => `${scope}/${name}`;
  const publicIp = (name: string) =>
    `${PUBLIC_PREFIX[region] ?? '18.200'}.${intOf(k(`pub/${name}`), 1, 254)}.${intOf(k(`pub2/${name}`), 1, 254)}`;
  const azs: [string, string] = [`${region}a`, `${region}b`];
  const short = regionShort(region);
  const subnet = (key: SubnetKey, cidr: string, az: 0 | 1, isPublic: boolean, name: string): SubnetIds => ({
    id: ec2Id('subnet', k(`subnet/${key}`)),
    cidr,
    az: azs[az],
    azId: `${short}-az${az + 1}`,
    name,
    public: isPublic,
  });
  const subnets: Record<SubnetKey, SubnetIds> = {
    publicA: subnet('publicA', '10.0.0.0/24', 0, true, 'prod-public-a'),
    publicB: subnet('publicB', '10.0.1.0/24', 1, true, 'prod-public-b'),
    privateA: subnet('privateA', '10.0.10.0/24', 0, false, 'prod-private-a'),
    privateB: subnet('privateB', '10.0.11.0/24', 1, false, 'prod-private-b'),
  };
  const sgKeys: SgKey[] = [
    'default',
    'alb',
    'ecsInstances',
    'apiTasks',
    'ordersAlb',
    'ordersTasks',
    'workerTasks',
    'bastion',
    'natInstance',
  ];
  const sgs = Object.fromEntries(sgKeys.map((key) => [key, ec2Id('sg', k(`sg/${key}`))])) as Record<
    SgKey,
    string
  >;
  const instance = (key: string, subnetKey: SubnetKey, ip: string, pub: boolean, name: string) => ({
    id: ec2Id('i', k(`instance/${key}`)),
    eniId: ec2Id('eni', k(`eni/instance/${key}`)),
    subnet: subnetKey,
    privateIp: ip,
    publicIp: pub ? publicIp(`instance/${key}`) : null,
    reservationId: ec2Id('r', k(`reservation/${key}`)),
    name,
  });
  const elbArn = (resource: string) => `arn:aws:elasticloadbalancing:${region}:${account}:${resource}`;
  const lb = (key: LbKey, name: string, internal: boolean, subnetKeys: [SubnetKey, SubnetKey]) => {
    const lbHex = hexOf(k(`lb/${key}`), 16);
    const resourceId = `app/${name}/${lbHex}`;
    const dnsNumber = intOf(k(`lbdns/${key}`), 1_000_000_000, 1_999_999_999);
    const ips = internal ? ['10.0.10.250', '10.0.11.250'] : ['10.0.0.37', '10.0.1.142'];
    return {
      name,
      arn: elbArn(`loadbalancer/${resourceId}`),
      resourceId,
      dnsName: `${internal ? 'internal-' : ''}${name}-${dnsNumber}.${region}.elb.amazonaws.com`,
      listener80Arn: elbArn(`listener/${resourceId}/${hexOf(k(`listener/${key}/80`), 16)}`),
      subnets: subnetKeys,
      sg: internal ? ('ordersAlb' as const) : ('alb' as const),
      scheme: internal ? ('internal' as const) : ('internet-facing' as const),
      enis: subnetKeys.map((s, i) => ({
        subnet: s,
        eniId: ec2Id('eni', k(`eni/lb/${key}/${s}`)),
        privateIp: ips[i]!,
        publicIp: internal ? null : publicIp(`lb/${key}/${s}`),
      })),
    };
  };
  const loadBalancers = {
    web: lb('web', 'web-alb', false, ['publicA', 'publicB']),
    orders: lb('orders', 'orders-internal', true, ['privateA', 'privateB']),
  };
  const tg = (name: string) => elbArn(`targetgroup/${name}/${hexOf(k(`tg/${name}`), 16)}`);
  const ruleArn = (lbKey: LbKey, name: string) => {
    const listener = loadBalancers[lbKey].listener80Arn;
    return listener.replace(':listener/', ':listener-rule/') + `/${hexOf(k(`rule/${lbKey}/${name}`), 16)}`;
  };
  return {
    account,
    region,
    azs,
    vpcId: ec2Id('vpc', k('vpc')),
    vpcCidr: '10.0.0.0/16',
    igwId: ec2Id('igw', k('igw')),
    subnets,
    publicRange: '10.0.0.0/22',
    routeTables: {
      main: ec2Id('rtb', k('rtb/main')),
      public: ec2Id('rtb', k('rtb/public')),
      private: ec2Id('rtb', k('rtb/private')),
    },
    nacls: { default: ec2Id('acl', k('acl/default')), private: ec2Id('acl', k('acl/private')) },
    natGateway: {
      id: ec2Id('nat', k('nat')),
      eniId: ec2Id('eni', k('eni/nat')),
      allocationId: ec2Id('eipalloc', k('eipalloc/nat')),
      privateIp: '10.0.0.201',
      publicIp: publicIp('nat'),
    },
    sgs,
    instances: {
      ecsA: instance('ecsA', 'privateA', '10.0.10.21', false, 'ecs-prod-a'),
      ecsB: instance('ecsB', 'privateB', '10.0.11.84', false, 'ecs-prod-b'),
      bastion: instance('bastion', 'publicA', '10.0.0.10', true, 'bastion'),
      nat: instance('nat', 'publicA', '10.0.0.20', true, 'nat-instance'),
    },
    loadBalancers,
    targetGroups: { web: tg('web-tg'), api: tg('api-tg'), admin: tg('admin-tg'), orders: tg('orders-tg') },
    rules: {
      apiHost: ruleArn('web', 'api-host'),
      adminPath: ruleArn('web', 'admin-path'),
      webDefault: ruleArn('web', 'default'),
      ordersDefault: ruleArn('orders', 'default'),
    },
    clusters: {
      prod: `arn:aws:ecs:${region}:${account}:cluster/prod`,
      ops: `arn:aws:ecs:${region}:${account}:cluster/ops`,
    },
    ecrRegistry: `${account}.dkr.ecr.${region}.amazonaws.com`,
  };
}
