// The security groups of one unit: the ALB, instance, bastion and task groups the paths cross, plus the
// groups a real VPC accumulates (databases, caches, endpoints, partner allow-lists). Rules are counted one per
// source and direction, as AWS counts them; the fillers absorb the rest so every unit has exactly 500.
import { ec2Id } from '@porthole/estate/demo/hash.js';
import { allocate, type Random } from './random.ts';
import { PER_UNIT } from './sizes.ts';
import type { ServicePlan } from './plan.ts';
import type { UnitIds } from './unitIds.ts';

export interface PermSpec {
  protocol: 'tcp' | 'udp' | '-1';
  ports: [number, number] | null;
  cidr?: string;
  group?: string;
  description?: string;
}

export interface SgSpec {
  id: string;
  name: string;
  description: string;
  ingress: PermSpec[];
  egress: PermSpec[];
}

export const ALL_OUT: PermSpec = { protocol: '-1', ports: null, cidr: '0.0.0.0/0' };
/** The dynamic host-port range the ECS guide tells you to open from the ALB (bridge mode). */
export const DYNAMIC: [number, number] = [32768, 65535];
const MONITORING_CIDR = '10.250.0.0/16';
const FILLER_KINDS = [
  ['rds', 5432],
  ['aurora', 3306],
  ['redis', 6379],
  ['efs', 2049],
  ['opensearch', 443],
  ['vpce', 443],
  ['lambda', 443],
  ['kafka', 9092],
  ['partner-allowlist', 443],
  ['legacy', 8443],
] as const;

export function taskSgIds(ids: UnitIds, n: number): string[] {
  return Array.from({ length: n }, (_, i) => ec2Id('sg', `${ids.key}/sg/task/${i}`));
}

export const ruleCount = (sg: SgSpec) => sg.ingress.length + sg.egress.length;

export function planSecurityGroups(ids: UnitIds, services: ServicePlan[], rng: Random): SgSpec[] {
  const s = ids.sgs;
  const tcp = (
    port: number | [number, number],
    source: { cidr?: string; group?: string },
    description?: string,
  ): PermSpec => ({
    protocol: 'tcp',
    ports: typeof port === 'number' ? [port, port] : port,
    ...source,
    ...(description ? { description } : {}),
  });
  const fixed: SgSpec[] = [
    {
      id: s.default,
      name: 'default',
      description: 'default VPC security group',
      ingress: [{ protocol: '-1', ports: null, group: s.default }],
      egress: [ALL_OUT],
    },
    {
      id: s.webAlb,
      name: `${ids.lbs.web.name}-sg`,
      description: `${ids.lbs.web.name}: HTTP and HTTPS from the internet`,
      ingress: [tcp(80, { cidr: '0.0.0.0/0' }), tcp(443, { cidr: '0.0.0.0/0' })],
      egress: [ALL_OUT],
    },
    {
      id: s.internalAlb,
      name: `${ids.lbs.internal.name}-sg`,
      description: `${ids.lbs.internal.name}: HTTP from inside the VPC`,
      ingress: [tcp(80, { cidr: ids.cidr }, 'VPC clients'), tcp(443, { cidr: ids.cidr }, 'VPC clients')],
      egress: [ALL_OUT],
    },
    {
      id: s.instances,
      name: `${ids.cluster.name}-instances-sg`,
      description: `ECS container instances of cluster ${ids.cluster.name}`,
      ingress: [
        tcp(DYNAMIC, { group: s.webAlb }, 'ECS dynamic host ports from the web ALB'),
        tcp(DYNAMIC, { group: s.internalAlb }, 'ECS dynamic host ports from the internal ALB'),
        tcp(22, { group: s.bastion }, 'SSH from the bastion'),
      ],
      egress: [ALL_OUT],
    },
    {
      id: s.bastion,
      name: `${ids.team}-bastion-sg`,
      description: 'SSH from the office and the VPN',
      ingress: [tcp(22, { cidr: '203.0.113.0/24' }, 'office'), tcp(22, { cidr: '198.51.100.0/24' }, 'vpn')],
      egress: [ALL_OUT],
    },
    {
      id: s.shared,
      name: `${ids.team}-shared-services-sg`,
      description: 'Monitoring and SSH on every task',
      ingress: [tcp(9100, { cidr: MONITORING_CIDR }, 'node exporter scrape'), tcp(22, { group: s.bastion })],
      egress: [ALL_OUT],
    },
  ];
  const awsvpc = services.filter((x) => x.taskSg !== null);
  const tasks: SgSpec[] = awsvpc.map((svc) => {
    const ingress: PermSpec[] = [];
    if (svc.lb && svc.containerPort !== null) {
      const alb = svc.lb === 'web' ? s.webAlb : s.internalAlb;
      ingress.push(tcp(svc.containerPort, { group: alb }, `${svc.name} from the ${svc.lb} ALB`));
      if (svc.tg && svc.tg.healthCheckPort !== 'traffic-port')
        ingress.push(tcp(Number(svc.tg.healthCheckPort), { group: alb }, 'health checks from the ALB'));
      // East-west: a couple of other services call this one directly.
      for (const caller of rng.shuffle(awsvpc.filter((c) => c !== svc)).slice(0, rng.int(1, 2)))
        ingress.push(tcp(svc.containerPort, { group: caller.taskSg! }, `from ${caller.name}`));
    } else if (rng.chance(0.5)) {
      ingress.push(tcp(8080, { group: rng.pick(awsvpc.filter((c) => c !== svc)).taskSg! }, 'admin hooks'));
    }
    return {
      id: svc.taskSg!,
      name: `${svc.name}-tasks-sg`,
      description: `${svc.name} tasks (awsvpc)`,
      ingress,
      egress: [ALL_OUT],
    };
  });
  const used = [...fixed, ...tasks];
  const fillerCount = PER_UNIT.securityGroups - used.length;
  const budget = PER_UNIT.securityGroupRules - used.reduce((n, g) => n + ruleCount(g), 0);
  // A few groups carry long allow-lists; most have a handful of rules.
  const weights = Array.from({ length: fillerCount }, () =>
    rng.chance(0.15) ? rng.int(8, 20) : rng.int(1, 4),
  );
  const sizes = allocate(budget, weights, 2);
  const sources = [...awsvpc.map((x) => x.taskSg!), s.instances, s.shared];
  const fillers = sizes.map((size, i): SgSpec => {
    const [kind, port] = FILLER_KINDS[i % FILLER_KINDS.length]!;
    const ingress = Array.from({ length: size - 1 }, (_, r): PermSpec =>
      kind === 'partner-allowlist' || rng.chance(0.3)
        ? tcp(port, { cidr: `198.18.${(i * 7 + r) % 256}.${rng.int(1, 254)}/32` }, `partner ${r + 1}`)
        : tcp(port, { group: rng.pick(sources) }),
    );
    return {
      id: ec2Id('sg', `${ids.key}/sg/filler/${i}`),
      name: `${ids.team}-${kind}-${i}`,
      description: `${kind} (${ids.cluster.name})`,
      ingress,
      egress: [ALL_OUT],
    };
  });
  return [...used, ...fillers];
}
