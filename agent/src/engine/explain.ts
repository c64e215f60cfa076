// `explain URL`: resolve the host to an ALB, then listener → rule → target group → targets → path, every blocker.
import { pushAll } from '@porthole/shared';
import type { Finding, PathResult } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';
import { evaluateFrontDoor } from '../net/paths/frontDoor.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import { createRuleContext } from '../rules/context.ts';
import { resolveCaller, findLoadBalancer } from './endpoints.ts';
import { PathInputError } from './errors.ts';
import { forwardHops } from './forwardHops.ts';
import { pathResult, relevantFindings } from './pathResult.ts';
import { runRules } from './runRules.ts';

export function parseUrl(raw: string): URL {
  try {
    return new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new PathInputError(`"${raw}" is not a valid URL`);
  }
}

export function explainUrl(model: EstateModel, rawUrl: string, from?: string, now = new Date(0)): PathResult {
  const url = parseUrl(rawUrl);
  resolveCaller(model, from); // validates --from before anything else
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const lb = findLoadBalancer(model, url.hostname);
  if (!lb) {
    const known = [...model.loadBalancers.values()].map((l) => l.dnsName ?? l.name);
    return {
      reachable: false,
      verdict: 'unknown',
      summary: `${url.hostname} is not the DNS name of any load balancer in the snapshot (known: ${known.join(', ') || 'none'}).`,
      hops: [],
      findings: [],
    };
  }
  return explainLoadBalancer(model, lb.arn, port, url.hostname, url.pathname || '/', from, now);
}

export function explainLoadBalancer(
  model: EstateModel,
  lbArn: string,
  port: number,
  host: string,
  path: string,
  from: string | undefined,
  now: Date,
): PathResult {
  const lb = model.loadBalancers.get(lbArn)!;
  const caller = resolveCaller(model, from);
  const front = evaluateFrontDoor(model, lb, caller, port);
  const hops: EvaluatedHop[] = [...front.hops];
  const ctx = createRuleContext(model, now, { loadBalancerArn: lb.arn, port, protocol: 'tcp' });
  const listener = lb.listeners.find((l) => l.port === port);
  const callerText =
    caller.kind === 'endpoint'
      ? caller.endpoint.id
      : caller.kind === 'internet'
        ? 'internet'
        : caller.address;
  hops.unshift({
    component: callerText,
    kind: 'client',
    check: 'other',
    leg: 'request',
    direction: 'forward',
    verdict: 'allow',
    detail: `${callerText} → ${lb.dnsName ?? lb.name}:${port}${front.arrivesFrom ? ` (arrives from ${front.arrivesFrom})` : ''}`,
    ports: { from: port, to: port },
    evidence: [],
    gaps: [],
  });
  if (!listener) {
    hops.push({
      component: lb.arn,
      kind: 'listener',
      check: 'other',
      leg: 'request',
      direction: 'inbound',
      verdict: 'deny',
      detail: `no listener on port ${port} (listeners: ${lb.listeners.map((l) => l.port).join(', ') || 'none'})`,
      ports: { from: port, to: port },
      evidence: [],
      gaps: [],
    });
  } else {
    pushAll(hops, forwardHops(model, ctx, lb, listener, host, path));
  }
  const findings: Finding[] = relevantFindings(runRules(model, ctx), lb, hops);
  return pathResult(model, hops, findings, `${callerText} → http://${host}:${port}${path}`);
}
