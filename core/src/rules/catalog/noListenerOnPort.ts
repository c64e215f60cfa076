// no-listener-on-port: someone asked for a port the ALB does not listen on (seed: browsing to the container
// port :8081). The answer changes the caller, not AWS: "call :80", with the real chain listener → target
// group → host port → container port. Adding a listener is only an explicit alternative, and the ALB SG / NACL
// that also refuse the unlistened port are evidence here, never findings of their own.
import type { Evidence, Finding, FixAlternative } from '@porthole/shared';
import type { EstateModel, ListenerModel, LoadBalancerModel } from '../../model/types.ts';
import { INTERNET_PROBE_ADDRESS } from '../../net/paths/egressAddress.ts';
import { networkAclHop, prefixListResolver } from '../../net/paths/hops.ts';
import { evaluateSecurityGroups } from '../../net/securityGroups.ts';
import { clientRange } from './albSgBlocksListener.ts';
import { securityGroupFix } from '../fix/securityGroupFix.ts';
import { makeFinding, regionFlag } from '../support/finding.ts';
import type { Probe, Rule } from '../types.ts';

/** "listener 80 → target group web-tg → host port 32768 → container 8081", for each listener. */
export function describeChains(model: EstateModel, lb: LoadBalancerModel): string[] {
  return lb.listeners.flatMap((listener) => {
    const tgArns = [...new Set(listener.rules.flatMap((r) => r.targetGroupArns))];
    if (tgArns.length === 0) return [`listener ${listener.port} → (no forward action)`];
    return tgArns.map((arn) => {
      const tg = model.targetGroups.get(arn);
      const target = tg?.targets?.find((t) => t.port !== null);
      const service = tg?.services[0] ? model.services.get(tg.services[0]) : undefined;
      const mapping = service?.loadBalancers.find((l) => l.targetGroupArn === arn);
      const host = target?.port ?? tg?.port;
      return (
        `listener ${listener.port} → target group ${tg?.name ?? arn} → ` +
        `${tg?.targetType === 'ip' ? 'task IP' : 'host'} port ${host ?? '?'}` +
        (mapping?.containerPort ? ` → container ${mapping.containerName ?? ''}:${mapping.containerPort}` : '')
      );
    });
  });
}

export const noListenerOnPort: Rule = {
  id: 'no-listener-on-port',
  summary: 'The ALB has no listener on the asked port (e.g. someone browses to the container port)',
  doc: 'ALB guide, "Listeners for your Application Load Balancers"',
  evaluate(model, ctx) {
    const probe = ctx.probe;
    if (!probe) return [];
    const lb = model.loadBalancers.get(probe.loadBalancerArn);
    if (!lb || lb.listeners.some((l) => l.port === probe.port)) return [];
    const ports = lb.listeners.map((l) => `${l.port} (${l.protocol ?? '?'})`).join(', ') || 'no port at all';
    const chains = describeChains(model, lb);
    const containerMatch = chains.some((c) => c.endsWith(`:${probe.port}`));
    const first = lb.listeners.find((l) => l.port !== null);
    const url = first ? listenerUrl(lb, first) : null;
    const refusals = frontDoorRefusals(model, lb, probe);
    const finding: Finding = makeFinding({
      scope: lb.scope,
      rule: 'no-listener-on-port',
      severity: 'critical',
      title: first
        ? `${lb.name} has no listener on port ${probe.port} — use :${first.port}`
        : `${lb.name} has no listener on port ${probe.port} (it has no listener at all)`,
      explanation:
        `${lb.name} listens on ${ports} only. Nothing accepts connections on ${probe.port}, so the request ` +
        `hangs until it times out. ` +
        (containerMatch
          ? `${probe.port} is the container port: the ALB forwards from its listener to the target's host port, ` +
            `which Docker maps to the container port. `
          : '') +
        `The path is: ${chains.join('; ')}.` +
        (url ? ` Use ${url} instead.` : ''),
      resources: [
        lb.arn,
        ...lb.listeners.map((l) => l.arn),
        ...refusals.flatMap((r) => r.component.split(',')),
      ],
      service: null,
      targets: [],
      evidence: [
        { kind: 'port', component: lb.arn, detail: `asked port ${probe.port}; listeners: ${ports}` },
        ...chains.map((c) => ({ kind: 'listener' as const, component: lb.arn, detail: c })),
        ...refusals,
      ],
      fix: first
        ? {
            // Change the caller: nothing in AWS needs to change.
            summary: `Call ${url} — not :${probe.port}. ${chainsOf(chains, first, probe.port)}`,
            awsCli: [],
            terraform: '',
            alternatives: [addListener(model, lb, first, probe)],
          }
        : {
            summary: `${lb.name} has no listener: add one for the port clients use.`,
            awsCli: [],
            terraform: '',
          },
    });
    return [finding];
  },
};

function listenerUrl(lb: LoadBalancerModel, l: ListenerModel): string {
  const scheme = l.protocol?.toUpperCase() === 'HTTPS' ? 'https' : 'http';
  return `${scheme}://${lb.dnsName ?? lb.name}:${l.port}/`;
}

/** The chains from this listener; only the one ending at the asked container port when there is one. */
function chainsOf(chains: string[], l: ListenerModel, asked: number): string {
  const all = chains.filter((c) => c.startsWith(`listener ${l.port} `));
  const toAsked = all.filter((c) => c.endsWith(`:${asked}`));
  const own = toAsked.length > 0 ? toAsked : all;
  return own.length > 0 ? `The chain: ${own.join('; ')}.` : '';
}

/** The ALB SG and node NACLs refuse the unlistened port too: expected, and folded in here as evidence. */
function frontDoorRefusals(model: EstateModel, lb: LoadBalancerModel, probe: Probe): Evidence[] {
  const out: Evidence[] = [];
  const clients = clientRange(model, lb);
  const groups = lb.securityGroupIds.flatMap((id) => model.securityGroups.get(lb.scope, id) ?? []);
  const range = { from: probe.port, to: probe.port };
  if (clients && groups.length > 0) {
    const peer = { address: clients, securityGroupIds: [] };
    const d = evaluateSecurityGroups(
      groups,
      'ingress',
      peer,
      'tcp',
      range,
      prefixListResolver(model, lb.scope),
    );
    if (d.verdict === 'deny')
      out.push({
        kind: 'security-group-rule',
        component: lb.securityGroupIds.join(','),
        detail: `${d.reason} — expected: nothing listens on ${probe.port}, so do not open it`,
      });
  }
  const remote = lb.scheme === 'internet-facing' ? INTERNET_PROBE_ADDRESS : clients;
  if (remote) {
    for (const node of lb.nodes) {
      const hop = networkAclHop(model, {
        scope: lb.scope,
        subnetId: node.subnetId,
        direction: 'inbound',
        remote,
        protocol: 'tcp',
        ports: range,
        leg: 'request',
      });
      if (hop.verdict === 'deny' && !out.some((e) => e.component === hop.component))
        out.push({ kind: 'network-acl-entry', component: hop.component, detail: hop.detail });
    }
  }
  return out;
}

/** Shown only under "if you really need clients on <port>": a listener plus the SG rule for it. */
function addListener(
  model: EstateModel,
  lb: LoadBalancerModel,
  like: ListenerModel,
  probe: Probe,
): FixAlternative {
  // The target group whose container listens on the asked port, else the listener's default.
  const groups = like.rules.flatMap((r) => r.targetGroupArns);
  const matching = groups.find((arn) =>
    (model.targetGroups.get(arn)?.services ?? []).some((id) =>
      model.services
        .get(id)
        ?.loadBalancers.some((m) => m.targetGroupArn === arn && m.containerPort === probe.port),
    ),
  );
  const tgArn = matching ?? like.rules.at(-1)?.targetGroupArns[0] ?? 'TARGET_GROUP_ARN';
  const protocol = like.protocol?.toUpperCase() === 'HTTPS' ? 'HTTPS' : 'HTTP';
  const sgId = lb.securityGroupIds[0];
  // Never 0.0.0.0/0: the people who need the new port have to be named (an internal ALB: its VPC).
  const clients = lb.scheme === 'internal' ? clientRange(model, lb) : null;
  const sg = sgId
    ? securityGroupFix(
        '',
        {
          groupId: sgId,
          direction: 'ingress',
          protocol: 'tcp',
          from: probe.port,
          to: probe.port,
          peer: { cidr: clients ?? 'CLIENT_CIDR' },
          description: `clients of ${lb.name} on ${probe.port}`,
        },
        lb.scope,
      )
    : null;
  const tls = protocol === 'HTTPS' ? ' (with your certificate in place of CERTIFICATE_ARN)' : '';
  return {
    when: `if you really need clients on ${probe.port}`,
    summary:
      `Add a ${protocol} listener on ${probe.port} forwarding to the same target group${tls}` +
      (sg
        ? `, and allow tcp ${probe.port} on ${sgId} from ${clients ?? 'the clients that need it (replace CLIENT_CIDR)'}`
        : '') +
      '.',
    awsCli: [
      `aws elbv2 create-listener --load-balancer-arn ${lb.arn}${regionFlag(lb.scope)} ` +
        `--protocol ${protocol} --port ${probe.port}` +
        (protocol === 'HTTPS' ? ' --certificates CertificateArn=CERTIFICATE_ARN' : '') +
        ` --default-actions Type=forward,TargetGroupArn=${tgArn}`,
      ...(sg?.awsCli ?? []),
    ],
    terraform: [
      `resource "aws_lb_listener" "port_${probe.port}" {`,
      `  load_balancer_arn = "${lb.arn}"`,
      `  port              = ${probe.port}`,
      `  protocol          = "${protocol}"`,
      ...(protocol === 'HTTPS' ? [`  certificate_arn   = "CERTIFICATE_ARN"`] : []),
      `  default_action {`,
      `    type             = "forward"`,
      `    target_group_arn = "${tgArn}"`,
      `  }`,
      `}`,
      ...(sg ? ['', sg.terraform] : []),
    ].join('\n'),
  };
}
