// static-host-port-conflict: a bridge/host-mode service reserves a fixed host port, so each container instance runs
// at most one such task; with more desired tasks than instances (or the ECS event "already using a port required
// by your task") the rest are never placed. ECS API PortMapping (hostPort; host mode: hostPort = containerPort);
// ECS guide, "Amazon ECS service event messages".
import { plural, type Evidence, type Finding } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel, ServiceModel } from '../../model/types.ts';
import { clusterContainerInstances, isAwsvpc } from '../../analysis/ecsPlacement.ts';
import { makeFinding, unknownFinding } from '../support/finding.ts';
import { dynamicPortFix } from '../fix/dynamicPortFix.ts';
import { eventEvidence, PORT_IN_USE_EVENT, serviceEvents } from '../support/taskSignals.ts';
import type { Rule } from '../types.ts';

const RULE = 'static-host-port-conflict';

export interface StaticPort {
  containerName: string;
  containerPort: number | null;
  hostPort: number;
  protocol: string;
}

/** Host ports a task reserves on its instance: non-zero hostPort in bridge mode; every mapping in host mode. */
export function staticHostPorts(svc: ServiceModel): StaticPort[] {
  if (!svc.containers || (svc.networkMode !== 'bridge' && svc.networkMode !== 'host')) return [];
  return svc.containers.flatMap((c) =>
    (c.portMappings ?? []).flatMap((m) => {
      const hostPort = svc.networkMode === 'host' ? (m.hostPort ?? m.containerPort) : m.hostPort;
      return hostPort
        ? [
            {
              containerName: c.name,
              containerPort: m.containerPort ?? null,
              hostPort,
              protocol: m.protocol ?? 'tcp',
            },
          ]
        : [];
    }),
  );
}

/** Container instances of the cluster whose EC2 instance is not known to be stopped or terminated. */
function liveInstances(model: EstateModel, svc: ServiceModel): string[] {
  return clusterContainerInstances(model, svc.clusterArn ?? svc.arn, svc.clusterName).filter((arn) => {
    const ec2 = model.containerInstances.get(arn);
    const state = ec2 ? model.instances.get(svc.scope, ec2)?.State?.Name : undefined;
    return state === undefined || state === 'running' || state === 'pending';
  });
}

export const staticHostPortConflict: Rule = {
  id: RULE,
  summary:
    'A bridge/host-mode service pins a fixed host port and wants more tasks than its cluster has container instances',
  doc: 'ECS API reference, PortMapping (hostPort); ECS developer guide, "Amazon ECS service event messages"',
  evaluate(model) {
    const findings: Finding[] = [];
    for (const svc of model.services.values()) {
      if (isAwsvpc(svc) === true) continue;
      const events = serviceEvents(svc, PORT_IN_USE_EVENT);
      if (!svc.containers) {
        const gaps = dataGaps(model, svc.scope, ['taskDefinitions']);
        const why =
          gaps.length > 0 ? gaps : [`task definition ${svc.taskDefinitionArn ?? '?'} not in the snapshot`];
        findings.push(unknownFinding(RULE, svc.scope, svc.key, [svc.taskDefinitionArn ?? svc.arn], why));
        continue;
      }
      const ports = staticHostPorts(svc);
      if (ports.length === 0) continue;
      const instances = liveInstances(model, svc);
      if (instances.length === 0 && events.length === 0) {
        const gaps = dataGaps(model, svc.scope, ['containerInstances']);
        if (gaps.length > 0)
          findings.push(unknownFinding(RULE, svc.scope, svc.key, [svc.taskDefinitionArn ?? svc.arn], gaps));
        continue;
      }
      const sharing = sharingServices(model, svc, ports);
      const demand = (svc.desiredCount ?? 0) + sharing.reduce((n, s) => n + (s.desiredCount ?? 0), 0);
      if (demand <= instances.length && events.length === 0) continue;
      findings.push(finding(model, svc, { ports, instances, sharing, demand, events }));
    }
    return findings;
  },
};

/** Other services of the cluster that reserve one of the same host ports (they compete for the same slots). */
function sharingServices(model: EstateModel, svc: ServiceModel, ports: StaticPort[]): ServiceModel[] {
  const keys = new Set(ports.map((p) => `${p.hostPort}/${p.protocol}`));
  return [...model.services.values()].filter(
    (other) =>
      other !== svc &&
      other.clusterName === svc.clusterName &&
      other.scope.account === svc.scope.account &&
      other.scope.region === svc.scope.region &&
      staticHostPorts(other).some((p) => keys.has(`${p.hostPort}/${p.protocol}`)),
  );
}

/** What the conflict is made of: the static ports, the cluster's instances and who else wants the ports. */
interface Conflict {
  ports: StaticPort[];
  instances: string[];
  sharing: ServiceModel[];
  /** Tasks wanting the port at once: this service's desired count plus the others'. */
  demand: number;
  events: ReturnType<typeof serviceEvents>;
}

function finding(model: EstateModel, svc: ServiceModel, conflict: Conflict): Finding {
  const { ports, instances, sharing, demand, events } = conflict;
  const port = ports[0]!;
  const desired = svc.desiredCount ?? 0;
  const others = sharing.map((s) => `${s.key} (desired ${s.desiredCount ?? 0})`);
  const capacity =
    `${plural(instances.length, 'container instance')} in cluster ${svc.clusterName} can run at most ${plural(instances.length, 'task')} ` +
    `holding host port ${port.hostPort}/${port.protocol}, but ${demand} are wanted (${svc.key} desired ${desired}` +
    `${others.length > 0 ? `, plus ${others.join(', ')}` : ''})`;
  const evidence: Evidence[] = [
    ...ports.map((p) => ({
      kind: 'port' as const,
      component: svc.taskDefinitionArn ?? svc.arn,
      detail: `${p.containerName}: containerPort ${p.containerPort ?? '?'} → hostPort ${p.hostPort}/${p.protocol} (${svc.networkMode} mode)`,
    })),
    {
      kind: 'config',
      component: svc.arn,
      detail: `desiredCount ${desired}, runningCount ${svc.runningCount ?? '?'}; container instances in ${svc.clusterName}: ${instances.length}`,
    },
    ...sharing.map((s) => ({
      kind: 'config' as const,
      component: s.arn,
      detail: `${s.key} also reserves host port ${port.hostPort} (desired ${s.desiredCount ?? 0})`,
    })),
    ...eventEvidence(svc, events),
  ];
  return makeFinding({
    scope: svc.scope,
    rule: RULE,
    severity: 'warning',
    title:
      demand > instances.length
        ? `${svc.key}: ${demand} tasks wanted, room for ${instances.length}: fixed host port ${port.hostPort} allows one task per container instance (${plural(instances.length, 'container instance')})`
        : `${svc.key}: tasks cannot be placed: host port ${port.hostPort} is already in use on the container instances`,
    explanation:
      `In ${svc.networkMode} mode a fixed hostPort is reserved on the container instance, so each instance runs at most one task using it. ` +
      `${capacity}. ` +
      (events.length > 0
        ? `ECS reports it: "${events[0]!.message}". `
        : 'The extra tasks stay unplaced, and a rolling deployment cannot start new tasks beside the old ones. ') +
      'With hostPort 0 Docker picks a free dynamic port per task and the ALB registers each one.',
    resources: [
      svc.taskDefinitionArn ?? svc.arn,
      svc.arn,
      ...(svc.clusterArn ? [svc.clusterArn] : []),
      ...sharing.map((s) => s.arn),
    ],
    service: svc.key,
    targets: [],
    evidence,
    fix: dynamicPortFix(model, svc, ports),
  });
}
