// The bad-value corpus: one malformed value per case, written into a copy of the healthy fixture
// (real AWS CLI output). Each must stop `scan` with exit 2 and one line naming the file, the JSON
// path and the value, before anything is printed or analysed: a bad value never becomes a verdict.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runScan } from '../../agent/src/cli/scan.ts';

const HEALTHY = join(import.meta.dirname, '..', 'fixtures', 'healthy');
const REGION_DIR = join('aws_configs', 'accounts', '111122223333', 'eu-west-1');

type Key = string | number;
/** One change: set the value at the path (undefined deletes the field). */
type Change = [path: Key[], value: unknown];

interface Case {
  file: string;
  changes: Change[];
  /** The JSON path the error must name. */
  jsonPath: string;
  /** The value as the error must quote it, when it is quoted. */
  quoted?: string;
}

const SG = 'ec2-describe-security-groups.json';
const NACL = 'ec2-describe-network-acls.json';
const RT = 'ec2-describe-route-tables.json';
const SUBNET = 'ec2-describe-subnets.json';
const ENI = 'ec2-describe-network-interfaces.json';
const EC2 = 'ec2-describe-instances.json';
const TG = 'elbv2-describe-target-groups.json';
const TH = 'elbv2-describe-target-health.json';
const LB = 'elbv2-describe-load-balancers.json';
const LISTENER = 'elbv2-describe-listeners.json';
const TASKS = 'ecs-describe-tasks-prod.json';
const TASKDEF = 'task-definition-web-12.json';
const SVC = 'ecs-describe-services-prod.json';

// SecurityGroups[1].IpPermissions[0] is "tcp 80-80 from 0.0.0.0/0" (the web ALB's listener rule).
const perm: Key[] = ['SecurityGroups', 1, 'IpPermissions', 0];
const permPath = '$.SecurityGroups[1].IpPermissions[0]';
const sg = (key: Key[], value: unknown, at: string, quoted?: string): Case => ({
  file: SG,
  changes: [[[...perm, ...key], value]],
  jsonPath: `${permPath}${at}`,
  ...(quoted !== undefined ? { quoted } : {}),
});
// NetworkAcls[0].Entries[0] is "100 allow all egress 0.0.0.0/0".
const entry: Key[] = ['NetworkAcls', 0, 'Entries', 0];
const entryPath = '$.NetworkAcls[0].Entries[0]';
const nacl = (changes: Change[], at: string, quoted?: string): Case => ({
  file: NACL,
  changes: changes.map(([k, v]) => [[...entry, ...k], v]),
  jsonPath: `${entryPath}${at}`,
  ...(quoted !== undefined ? { quoted } : {}),
});
// RouteTables[1].Routes[1] is the public table's 0.0.0.0/0 → IGW.
const route: Key[] = ['RouteTables', 1, 'Routes', 1];
const routePath = '$.RouteTables[1].Routes[1]';
const target: Key[] = ['LoadBalancerTargetHealth', 0, 'TargetHealthDescriptions', 0];
const targetPath = '$.LoadBalancerTargetHealth[0].TargetHealthDescriptions[0]';
const binding: Key[] = ['tasks', 0, 'containers', 0, 'networkBindings', 0];
const bindingPath = '$.tasks[0].containers[0].networkBindings[0]';
const mapping: Key[] = ['taskDefinition', 'containerDefinitions', 0, 'portMappings', 0];
const mappingPath = '$.taskDefinition.containerDefinitions[0].portMappings[0]';
const one = (file: string, key: Key[], value: unknown, jsonPath: string, quoted?: string): Case => ({
  file,
  changes: [[key, value]],
  jsonPath,
  ...(quoted !== undefined ? { quoted } : {}),
});

const CASES: Record<string, Case> = {
  // Security groups (EC2 API reference, IpPermission / IpRange / Ipv6Range)
  'SG CidrIp with a /33 prefix': sg(
    ['IpRanges', 0, 'CidrIp'],
    '10.0.0.0/33',
    '.IpRanges[0].CidrIp',
    '"10.0.0.0/33"',
  ),
  'SG CidrIp with an octet above 255': sg(
    ['IpRanges', 0, 'CidrIp'],
    '300.1.1.1/32',
    '.IpRanges[0].CidrIp',
    '"300.1.1.1/32"',
  ),
  'SG CidrIp empty': sg(['IpRanges', 0, 'CidrIp'], '', '.IpRanges[0].CidrIp', '""'),
  'SG CidrIp not a CIDR': sg(['IpRanges', 0, 'CidrIp'], 'not-a-cidr', '.IpRanges[0].CidrIp', '"not-a-cidr"'),
  'SG CidrIp with a negative prefix': sg(
    ['IpRanges', 0, 'CidrIp'],
    '0.0.0.0/-1',
    '.IpRanges[0].CidrIp',
    '"0.0.0.0/-1"',
  ),
  'SG CidrIp without a prefix': sg(
    ['IpRanges', 0, 'CidrIp'],
    '10.0.0.1',
    '.IpRanges[0].CidrIp',
    '"10.0.0.1"',
  ),
  'SG CidrIp that is IPv6': sg(['IpRanges', 0, 'CidrIp'], '::/0', '.IpRanges[0].CidrIp', '"::/0"'),
  'SG CidrIpv6 with a /129 prefix': sg(
    ['Ipv6Ranges'],
    [{ CidrIpv6: '2001:db8::/129' }],
    '.Ipv6Ranges[0].CidrIpv6',
    '"2001:db8::/129"',
  ),
  'SG CidrIpv6 with ":::"': sg(
    ['Ipv6Ranges'],
    [{ CidrIpv6: '2001:db8:::/64' }],
    '.Ipv6Ranges[0].CidrIpv6',
    '"2001:db8:::/64"',
  ),
  'SG CidrIpv6 that is IPv4': sg(
    ['Ipv6Ranges'],
    [{ CidrIpv6: '10.0.0.0/8' }],
    '.Ipv6Ranges[0].CidrIpv6',
    '"10.0.0.0/8"',
  ),
  'SG FromPort -5 on tcp': sg(['FromPort'], -5, '.FromPort', '-5'),
  'SG ToPort 70000': sg(['ToPort'], 70000, '.ToPort', '70000'),
  'SG FromPort greater than ToPort': sg(['FromPort'], 90, '.FromPort', '90'),
  'SG tcp rule without FromPort': sg(['FromPort'], undefined, '.FromPort'),
  'SG IpProtocol "bogus"': sg(['IpProtocol'], 'bogus', '.IpProtocol', '"bogus"'),
  'SG IpProtocol number 256': sg(['IpProtocol'], '256', '.IpProtocol', '"256"'),
  'SG fractional port': sg(['FromPort'], 80.5, '.FromPort'),
  'SG egress CidrIp with a trailing space': one(
    SG,
    ['SecurityGroups', 0, 'IpPermissionsEgress', 0, 'IpRanges', 0, 'CidrIp'],
    '0.0.0.0/0 ',
    '$.SecurityGroups[0].IpPermissionsEgress[0].IpRanges[0].CidrIp',
    '"0.0.0.0/0 "',
  ),
  // Network ACLs (EC2 API reference, NetworkAclEntry / CreateNetworkAclEntry)
  'NACL CidrBlock /33': nacl([[['CidrBlock'], '10.0.0.0/33']], '.CidrBlock', '"10.0.0.0/33"'),
  'NACL RuleNumber 99999999': nacl([[['RuleNumber'], 99999999]], '.RuleNumber', '99999999'),
  'NACL RuleNumber 0': nacl([[['RuleNumber'], 0]], '.RuleNumber', '0'),
  'NACL Protocol "bogus"': nacl([[['Protocol'], 'bogus']], '.Protocol', '"bogus"'),
  'NACL tcp entry without PortRange': nacl([[['Protocol'], '6']], '.PortRange'),
  'NACL PortRange From > To': nacl(
    [
      [['Protocol'], '6'],
      [['PortRange'], { From: 2000, To: 1000 }],
    ],
    '.PortRange.From',
    '2000',
  ),
  'NACL PortRange To 70000': nacl(
    [
      [['Protocol'], '6'],
      [['PortRange'], { From: 0, To: 70000 }],
    ],
    '.PortRange.To',
    '70000',
  ),
  'NACL RuleAction "maybe"': nacl([[['RuleAction'], 'maybe']], '.RuleAction'),
  'NACL Ipv6CidrBlock not an address': nacl(
    [
      [['CidrBlock'], undefined],
      [['Ipv6CidrBlock'], 'zz::/0'],
    ],
    '.Ipv6CidrBlock',
    '"zz::/0"',
  ),
  'NACL ICMP type 300': nacl(
    [
      [['Protocol'], '1'],
      [['IcmpTypeCode'], { Type: 300, Code: -1 }],
    ],
    '.IcmpTypeCode.Type',
    '300',
  ),
  // Route tables (EC2 API reference, Route)
  'route 999.0.0.0/0': one(
    RT,
    [...route, 'DestinationCidrBlock'],
    '999.0.0.0/0',
    `${routePath}.DestinationCidrBlock`,
    '"999.0.0.0/0"',
  ),
  'route without a prefix': one(
    RT,
    [...route, 'DestinationCidrBlock'],
    '0.0.0.0',
    `${routePath}.DestinationCidrBlock`,
    '"0.0.0.0"',
  ),
  'route State "sideways"': one(RT, [...route, 'State'], 'sideways', `${routePath}.State`, '"sideways"'),
  'route IPv6 destination /200': one(
    RT,
    [...route, 'DestinationIpv6CidrBlock'],
    '::/200',
    `${routePath}.DestinationIpv6CidrBlock`,
    '"::/200"',
  ),
  // Subnets
  'subnet CidrBlock /40': one(
    SUBNET,
    ['Subnets', 0, 'CidrBlock'],
    '10.0.0.0/40',
    '$.Subnets[0].CidrBlock',
    '"10.0.0.0/40"',
  ),
  'subnet IPv6 block not a CIDR': one(
    SUBNET,
    ['Subnets', 0, 'Ipv6CidrBlockAssociationSet'],
    [{ Ipv6CidrBlock: '2001:db8::/xx' }],
    '$.Subnets[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock',
    '"2001:db8::/xx"',
  ),
  // Network interfaces
  'ENI PrivateIpAddress 10.0.1.300': one(
    ENI,
    ['NetworkInterfaces', 0, 'PrivateIpAddress'],
    '10.0.1.300',
    '$.NetworkInterfaces[0].PrivateIpAddress',
    '"10.0.1.300"',
  ),
  'ENI secondary address with three octets': one(
    ENI,
    ['NetworkInterfaces', 0, 'PrivateIpAddresses', 0, 'PrivateIpAddress'],
    '10.0.1',
    '$.NetworkInterfaces[0].PrivateIpAddresses[0].PrivateIpAddress',
    '"10.0.1"',
  ),
  'ENI public IP 1.2.3.999': one(
    ENI,
    ['NetworkInterfaces', 0, 'Association'],
    { PublicIp: '1.2.3.999' },
    '$.NetworkInterfaces[0].Association.PublicIp',
    '"1.2.3.999"',
  ),
  // Instances
  'instance PrivateIpAddress 10.0.10.256': one(
    EC2,
    ['Reservations', 0, 'Instances', 0, 'PrivateIpAddress'],
    '10.0.10.256',
    '$.Reservations[0].Instances[0].PrivateIpAddress',
    '"10.0.10.256"',
  ),
  'instance PublicIpAddress "abc"': one(
    EC2,
    ['Reservations', 0, 'Instances', 0, 'PublicIpAddress'],
    'abc',
    '$.Reservations[0].Instances[0].PublicIpAddress',
    '"abc"',
  ),
  // Load balancers, listeners, target groups (ELB API reference)
  'LB Scheme "public"': one(
    LB,
    ['LoadBalancers', 0, 'Scheme'],
    'public',
    '$.LoadBalancers[0].Scheme',
    '"public"',
  ),
  'LB Type "classic"': one(
    LB,
    ['LoadBalancers', 0, 'Type'],
    'classic',
    '$.LoadBalancers[0].Type',
    '"classic"',
  ),
  'listener Port 0': one(LISTENER, ['Listeners', 0, 'Port'], 0, '$.Listeners[0].Port', '0'),
  'TG Port 0': one(TG, ['TargetGroups', 0, 'Port'], 0, '$.TargetGroups[0].Port', '0'),
  'TG TargetType "container"': one(
    TG,
    ['TargetGroups', 0, 'TargetType'],
    'container',
    '$.TargetGroups[0].TargetType',
    '"container"',
  ),
  'TG HealthCheckPort 99999': one(
    TG,
    ['TargetGroups', 0, 'HealthCheckPort'],
    '99999',
    '$.TargetGroups[0].HealthCheckPort',
    '"99999"',
  ),
  'TG health-check interval 1 s': one(
    TG,
    ['TargetGroups', 0, 'HealthCheckIntervalSeconds'],
    1,
    '$.TargetGroups[0].HealthCheckIntervalSeconds',
    '1',
  ),
  'TG matcher "ok"': one(
    TG,
    ['TargetGroups', 0, 'Matcher', 'HttpCode'],
    'ok',
    '$.TargetGroups[0].Matcher.HttpCode',
    '"ok"',
  ),
  // Target health
  'target Port 70000': one(TH, [...target, 'Target', 'Port'], 70000, `${targetPath}.Target.Port`, '70000'),
  'target Id 10.0.1.300': one(
    TH,
    [...target, 'Target', 'Id'],
    '10.0.1.300',
    `${targetPath}.Target.Id`,
    '"10.0.1.300"',
  ),
  'target State not a state': one(
    TH,
    [...target, 'TargetHealth', 'State'],
    'Bogus State!',
    `${targetPath}.TargetHealth.State`,
    '"Bogus State!"',
  ),
  'target State empty': one(
    TH,
    [...target, 'TargetHealth', 'State'],
    '',
    `${targetPath}.TargetHealth.State`,
    '""',
  ),
  'target HealthCheckPort "traffic"': one(
    TH,
    [...target, 'HealthCheckPort'],
    'traffic',
    `${targetPath}.HealthCheckPort`,
    '"traffic"',
  ),
  // Tasks (ECS API reference, NetworkBinding)
  'task hostPort 70000': one(TASKS, [...binding, 'hostPort'], 70000, `${bindingPath}.hostPort`, '70000'),
  'task binding protocol "sctp"': one(
    TASKS,
    [...binding, 'protocol'],
    'sctp',
    `${bindingPath}.protocol`,
    '"sctp"',
  ),
  'task bindIP 0.0.0.256': one(
    TASKS,
    [...binding, 'bindIP'],
    '0.0.0.256',
    `${bindingPath}.bindIP`,
    '"0.0.0.256"',
  ),
  // Task definitions (ECS API reference, PortMapping, RegisterTaskDefinition)
  'task definition containerPort 70000': one(
    TASKDEF,
    [...mapping, 'containerPort'],
    70000,
    `${mappingPath}.containerPort`,
    '70000',
  ),
  'task definition protocol "http"': one(
    TASKDEF,
    [...mapping, 'protocol'],
    'http',
    `${mappingPath}.protocol`,
    '"http"',
  ),
  'task definition networkMode "overlay"': one(
    TASKDEF,
    ['taskDefinition', 'networkMode'],
    'overlay',
    '$.taskDefinition.networkMode',
    '"overlay"',
  ),
  // Services (ECS API reference, Service)
  'service desiredCount -3': one(
    SVC,
    ['services', 0, 'desiredCount'],
    -3,
    '$.services[0].desiredCount',
    '-3',
  ),
  'service runningCount 1.5': one(SVC, ['services', 0, 'runningCount'], 1.5, '$.services[0].runningCount'),
  'service containerPort 70000': one(
    SVC,
    ['services', 0, 'loadBalancers', 0, 'containerPort'],
    70000,
    '$.services[0].loadBalancers[0].containerPort',
    '70000',
  ),
  'service grace period -1': one(
    SVC,
    ['services', 0, 'healthCheckGracePeriodSeconds'],
    -1,
    '$.services[0].healthCheckGracePeriodSeconds',
    '-1',
  ),
  'service deployment runningCount -1': one(
    SVC,
    ['services', 0, 'deployments', 0, 'runningCount'],
    -1,
    '$.services[0].deployments[0].runningCount',
    '-1',
  ),
};

let base: string;
const stdout: string[] = [];
const stderr: string[] = [];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'porthole-bad-values-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function setAt(root: unknown, path: Key[], value: unknown): void {
  let node = root as Record<Key, unknown>;
  for (const key of path.slice(0, -1)) {
    if (node[key] === undefined)
      throw new Error(`fixture has no ${String(key)} on the way to ${path.join('.')}`);
    node = node[key] as Record<Key, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

async function folderWith(name: string, c: Case): Promise<string> {
  const dir = join(base, name.replace(/[^a-z0-9]+/gi, '-'));
  await cp(HEALTHY, dir, { recursive: true });
  const file = join(dir, REGION_DIR, c.file);
  const json: unknown = JSON.parse(await readFile(file, 'utf8'));
  for (const [path, value] of c.changes) setAt(json, path, value);
  await writeFile(file, JSON.stringify(json, null, 2));
  return dir;
}

async function scan(dir: string): Promise<number> {
  stdout.length = 0;
  stderr.length = 0;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => stdout.push(String(s)) > 0);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => stderr.push(String(s)) > 0);
  try {
    return await runScan({ snapshot: dir, json: true });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('bad-value corpus: every malformed value stops the scan with exit 2, file, JSON path and value', () => {
  it('holds at least 40 cases across every kind the brief names', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(40);
    const files = new Set(Object.values(CASES).map((c) => c.file));
    for (const f of [SG, NACL, RT, SUBNET, ENI, EC2, TG, TH, TASKS, TASKDEF, SVC]) expect(files).toContain(f);
  });

  it('the unmodified copy scans clean (so each failure below is the mutation)', async () => {
    expect(await scan(await folderWith('unmodified', { file: SG, changes: [], jsonPath: '$' }))).toBe(0);
  });

  it.each(Object.entries(CASES))('%s', async (name, c) => {
    const dir = await folderWith(name, c);
    const code = await scan(dir);
    const message = stderr.join('');
    expect(code, message).toBe(2);
    const where = `${join(dir, REGION_DIR, c.file)}: ${c.jsonPath}: `;
    expect(message).toContain(where);
    if (c.quoted !== undefined) expect(message).toContain(`${where}${c.quoted}: `);
    // One line, no stack trace, and nothing half-loaded reached stdout.
    expect(message.trim().split('\n')).toHaveLength(1);
    expect(message).not.toMatch(/\n\s+at /);
    expect(stdout.join('')).toBe('');
  });
});
