// Plans a unit's services: names, ports, network mode, target group, and each task's placement (host port on a
// container instance for bridge mode, its own ENI and address for awsvpc). Types: planTypes.ts.
import { ec2Id, hexOf, macOf, uuidOf } from '@porthole/estate/demo/hash.js';
import { allocate, type Random } from './random.ts';
import { PER_UNIT } from './sizes.ts';
import type { InstancePlan, ServicePlan, TargetGroupPlan, TargetHealthState, TaskPlan } from './planTypes.ts';
import type { LbKey, SubnetKey, UnitIds } from './unitIds.ts';

export type * from './planTypes.ts';

const LB_ROLES = [
  'web',
  'api',
  'gateway',
  'admin',
  'graphql',
  'bff',
  'edge',
  'portal',
  'public-api',
  'console',
];
const WORKER_ROLES = [
  'worker',
  'consumer',
  'scheduler',
  'indexer',
  'exporter',
  'reconciler',
  'mailer',
  'cron',
  'etl',
  'sync',
];
const PORTS = [8080, 3000, 9000, 8000, 5000];
/** Load-balanced services 1, 3, 6, 8 and workers 10, 11 run in bridge mode on the container instances. */
const BRIDGE = new Set([1, 3, 6, 8, 10, 11]);
export const HEALTHY: TargetHealthState = { State: 'healthy' };

/** Next free address of a subnet: app subnets are /20s, handed out from their second /24 on. */
function addressBook(ids: UnitIds, rng: Random) {
  const next = new Map<SubnetKey, number>();
  return (subnet: SubnetKey): string => {
    const s = ids.subnets[subnet];
    const offset = (next.get(subnet) ?? 256 + rng.int(0, 40)) + rng.int(1, 3);
    next.set(subnet, offset);
    return `10.${s.base[0]}.${s.base[1] + Math.floor(offset / 256)}.${offset % 256}`;
  };
}

export function planServices(
  ids: UnitIds,
  rng: Random,
  taskSgs: string[],
): { services: ServicePlan[]; instances: InstancePlan[] } {
  const k = (name: string) => `${ids.key}/${name}`;
  const address = addressBook(ids, rng);
  const instances: InstancePlan[] = Array.from({ length: PER_UNIT.containerInstances }, (_, i) => {
    const subnet: SubnetKey = i % 2 === 0 ? 'appA' : 'appB';
    return {
      index: i,
      id: ec2Id('i', k(`instance/${i}`)),
      eniId: ec2Id('eni', k(`eni/instance/${i}`)),
      subnet,
      ip: address(subnet),
      reservationId: ec2Id('r', k(`reservation/${i}`)),
      containerInstanceArn: `arn:aws:ecs:${ids.region}:${ids.account}:container-instance/${ids.cluster.name}/${hexOf(k(`ci/${i}`), 32)}`,
      agentConnected: true,
    };
  });
  const weights = Array.from(
    { length: PER_UNIT.services },
    (_, i) => (i < PER_UNIT.loadBalancedServices ? 2 : 1) * rng.int(1, 4),
  );
  const counts = allocate(PER_UNIT.tasks, weights, 1);
  const nextHostPort = instances.map(() => 32768 + rng.int(0, 60));
  let placed = rng.int(0, instances.length - 1);
  let taskSgIndex = 0;
  const services = counts.map((count, i): ServicePlan => {
    const lbd = i < PER_UNIT.loadBalancedServices;
    const role = lbd ? LB_ROLES[i]! : WORKER_ROLES[i - PER_UNIT.loadBalancedServices]!;
    const name = `${ids.team}-${role}`;
    const mode = BRIDGE.has(i) ? 'bridge' : 'awsvpc';
    const containerPort = lbd ? rng.pick(PORTS) : null;
    const lb: LbKey | null = lbd ? (i < 5 ? 'web' : 'internal') : null;
    const tgName = `${name.slice(0, 20)}-${hexOf(k(`tgname/${i}`), 6)}`;
    const priority = lbd && i % 5 !== 0 ? (i % 5) * 10 : null;
    const tg: TargetGroupPlan | null = lbd
      ? {
          arn: `arn:aws:elasticloadbalancing:${ids.region}:${ids.account}:targetgroup/${tgName}/${hexOf(k(`tg/${i}`), 16)}`,
          name: tgName,
          port: mode === 'bridge' ? 80 : containerPort!,
          targetType: mode === 'bridge' ? 'instance' : 'ip',
          healthCheckPath: rng.pick(['/health', '/healthz', '/status', '/ping']),
          // Every third awsvpc service checks health on a management port beside the traffic port.
          healthCheckPort: mode === 'awsvpc' && i % 3 === 2 ? String(containerPort! + 1) : 'traffic-port',
          priority,
          ruleArn:
            priority === null
              ? null
              : `${ids.lbs[lb!].listenerArn.replace(':listener/', ':listener-rule/')}/${hexOf(k(`rule/${i}`), 16)}`,
          routed: true,
        }
      : null;
    const tasks = Array.from({ length: count }, (_, t): TaskPlan => {
      const taskKey = k(`task/${i}/${t}`);
      if (mode === 'bridge') {
        const instance = placed++ % instances.length;
        const hostPort = containerPort === null ? null : (nextHostPort[instance]! += rng.int(1, 2));
        return {
          id: hexOf(taskKey, 32),
          subnet: instances[instance]!.subnet,
          bridge: { instance, hostPort },
          awsvpc: null,
          stopped: null,
          health: HEALTHY,
        };
      }
      const subnet: SubnetKey = t % 2 === 0 ? 'appA' : 'appB';
      const eniId = ec2Id('eni', taskKey);
      const awsvpc = {
        eniId,
        ip: address(subnet),
        mac: macOf(`${eniId}/mac`),
        attachmentId: uuidOf(taskKey),
      };
      return { id: hexOf(taskKey, 32), subnet, bridge: null, awsvpc, stopped: null, health: HEALTHY };
    });
    return {
      index: i,
      name,
      role,
      revision: rng.int(1, 60),
      imageTag: `${rng.int(1, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)}`,
      containerPort,
      mode,
      lb,
      tg,
      taskSg: mode === 'awsvpc' ? taskSgs[taskSgIndex++]! : null,
      cpu: rng.pick([256, 512, 1024]),
      memory: rng.pick([512, 1024, 2048]),
      grace: lbd ? rng.pick([60, 120, 180]) : null,
      tasks,
      events: [],
    };
  });
  return { services, instances };
}
