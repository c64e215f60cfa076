// no-listener-on-port: someone asked for a port the ALB does not listen on (seed: browsing to the container
// port :8081). Explains the real chain listener → target group → host port → container port.
import type { Finding } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../model/types.ts';
import { makeFinding } from './finding.ts';
import type { Rule } from './types.ts';

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
    const first = lb.listeners[0];
    const finding: Finding = makeFinding({
      scope: lb.scope,
      rule: 'no-listener-on-port',
      severity: 'critical',
      title: `${lb.name} has no listener on port ${probe.port}`,
      explanation:
        `${lb.name} listens on ${ports} only. Nothing accepts connections on ${probe.port}, so the request ` +
        `hangs until it times out. ` +
        (containerMatch
          ? `${probe.port} is the container port: the ALB forwards from its listener to the target's host port, ` +
            `which Docker maps to the container port. `
          : '') +
        `The path is: ${chains.join('; ')}.` +
        (first
          ? ` Use ${first.protocol?.toLowerCase() === 'https' ? 'https' : 'http'}://${lb.dnsName ?? lb.name}:${first.port}/ instead.`
          : ''),
      resources: [lb.arn, ...lb.listeners.map((l) => l.arn)],
      service: null,
      targets: [],
      evidence: [
        { kind: 'port', component: lb.arn, detail: `asked port ${probe.port}; listeners: ${ports}` },
        ...chains.map((c) => ({ kind: 'listener' as const, component: lb.arn, detail: c })),
      ],
      fix: {
        summary: first
          ? `Call the listener port ${first.port}, not ${probe.port}. Only if clients must use ${probe.port}, add a listener for it.`
          : `Add a listener to ${lb.name}.`,
        awsCli: first
          ? [
              `aws elbv2 create-listener --load-balancer-arn ${lb.arn}${lb.scope.region ? ` --region ${lb.scope.region}` : ''} ` +
                `--protocol HTTP --port ${probe.port} --default-actions Type=forward,TargetGroupArn=${first.rules.at(-1)?.targetGroupArns[0] ?? '<target-group-arn>'}`,
            ]
          : [],
        terraform: [
          `resource "aws_lb_listener" "port_${probe.port}" {`,
          `  load_balancer_arn = "${lb.arn}"`,
          `  port              = ${probe.port}`,
          `  protocol          = "HTTP"`,
          `  default_action {`,
          `    type             = "forward"`,
          `    target_group_arn = "${first?.rules.at(-1)?.targetGroupArns[0] ?? '<target-group-arn>'}"`,
          `  }`,
          `}`,
        ].join('\n'),
      },
    });
    return [finding];
  },
};
