// `explain URL`: resolve the host to an ALB, then scheme → front door → listener → rule → action →
// target groups → targets, every blocker; a redirect is followed as the client would (up to 3 times).
import { pushAll } from '@porthole/shared';
import type { ExplainLeg, Finding, PathResult } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../model/types.ts';
import { evaluateFrontDoor } from '../net/paths/frontDoor.ts';
import type { PortRange } from '../net/cidr.ts';
import {
  clientPorts,
  describeClientPorts,
  judgesReplies,
  type ClientPorts,
} from '../net/paths/clientPorts.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import { createRuleContext } from '../rules/support/context.ts';
import { albHop, legVerdict, worseOf, type LegVerdict } from './albHops.ts';
import { resolveCaller, findLoadBalancer } from './endpoints.ts';
import { explainSummary } from './explainSummary.ts';
import { listenerHops, type ListenerEvaluation } from './forwardHops.ts';
import { parseUrl, requestFromUrl, requestUrl, type AlbRequest, type RequestOptions } from './httpRequest.ts';
import { pathResult, relevantFindings } from './pathResult.ts';
import { runRules } from './runRules.ts';
import { callerText, schemeHop } from './scheme.ts';

const MAX_REDIRECTS = 3;

/** The answer's words when the host names no load balancer of the model (a caller with several models asks on). */
export const NOT_A_LOAD_BALANCER = 'is not the DNS name of any load balancer in the snapshot';

/** The request (method, headers) plus the caller's ephemeral ports (--client-ports), when known. */
export type ExplainOptions = RequestOptions & { clientPorts?: PortRange | null };

/** One redirect chain: who asks, the client's reply ports, the URLs asked so far (a loop stops it). */
interface Chain {
  from: string | undefined;
  client: ClientPorts;
  visited: Set<string>;
}

export function explainUrl(
  model: EstateModel,
  rawUrl: string,
  from?: string,
  opts: ExplainOptions = {},
): PathResult {
  const url = parseUrl(rawUrl);
  const request = requestFromUrl(url, opts); // validates --method and --header
  resolveCaller(model, from); // validates --from before anything else
  const lb = findLoadBalancer(model, url.hostname);
  if (!lb) {
    const known = [...model.loadBalancers.values()].map((l) => l.dnsName ?? l.name);
    return {
      reachable: false,
      verdict: 'unknown',
      summary: `${url.hostname} ${NOT_A_LOAD_BALANCER} (known: ${known.join(', ') || 'none'}).`,
      hops: [],
      findings: [],
    };
  }
  const client = clientPorts(opts.clientPorts);
  return explainRequest(model, lb, request, { from, client, visited: new Set() });
}

/** `reach --to <ALB> --port N`: a request on that port in the listener's own protocol, path "/". */
export function explainLoadBalancer(
  model: EstateModel,
  target: {
    lbArn: string;
    port: number;
    host: string;
    path: string;
    from: string | undefined;
    clientPorts?: PortRange | null;
  },
): PathResult {
  const { lbArn, port, host, path, from } = target;
  const lb = model.loadBalancers.get(lbArn)!;
  const listener = lb.listeners.find((l) => l.port === port);
  const protocol = listener?.protocol?.toUpperCase() === 'HTTPS' ? 'HTTPS' : 'HTTP';
  const request: AlbRequest = {
    protocol,
    urlHost: host,
    host,
    port,
    path,
    query: '',
    method: null,
    headers: null,
    sourceIp: null,
  };
  const client = clientPorts(target.clientPorts);
  return explainRequest(model, lb, request, { from, client, visited: new Set() });
}

function explainRequest(
  model: EstateModel,
  lb: LoadBalancerModel,
  request: AlbRequest,
  chain: Chain,
): PathResult {
  const { from, visited } = chain;
  const caller = resolveCaller(model, from);
  const port = request.port;
  const what = `${callerText(caller)} → ${requestUrl(request)}`;
  visited.add(requestUrl(request));
  const clientHop = (arrives: string | null) =>
    albHop({
      component: callerText(caller),
      kind: 'client',
      verdict: 'allow',
      detail: `${callerText(caller)} → ${lb.dnsName ?? lb.name}:${port}${arrives ? ` (arrives from ${arrives})` : ''}`,
      ports: { from: port, to: port },
    });
  const scheme = schemeHop(lb, caller);
  if (scheme) {
    const hops = [clientHop(null), scheme];
    return pathResult(model, hops, [], what, {
      verdict: 'blocked',
      summary: () => `${what}: blocked at 1 hop. ${scheme.detail}`,
    });
  }
  const front = evaluateFrontDoor(model, lb, caller, { port, client: chain.client });
  const hops: EvaluatedHop[] = [clientHop(front.arrivesFrom), ...front.hops];
  const sourced: AlbRequest = {
    ...request,
    sourceIp:
      caller.kind === 'address' ? caller.address : caller.kind === 'endpoint' ? front.arrivesFrom : null,
  };
  const ctx = createRuleContext(model, { loadBalancerArn: lb.arn, port, protocol: 'tcp' });
  const listener = lb.listeners.find((l) => l.port === port);
  let evaluation: ListenerEvaluation | null = null;
  if (!listener) {
    hops.push(
      albHop({
        component: lb.arn,
        kind: 'listener',
        direction: 'inbound',
        verdict: 'deny',
        detail: `no listener on port ${port} (listeners: ${lb.listeners.map((l) => l.port).join(', ') || 'none'})`,
        ports: { from: port, to: port },
      }),
    );
  } else {
    evaluation = listenerHops(model, ctx, lb, listener, sourced);
    pushAll(hops, evaluation.hops);
  }
  const frontVerdict = legVerdict(hops.slice(0, 1 + front.hops.length));
  let verdict: LegVerdict = evaluation ? worseOf(frontVerdict, evaluation.verdict) : 'blocked';
  // A weight-0 group is shown on the path but receives nothing: findings about its targets are not this answer.
  const noTraffic = new Set(
    evaluation?.answer.groups.filter((g) => g.verdict === 'no-traffic').map((g) => g.targetGroupArn),
  );
  const findings: Finding[] = relevantFindings(runRules(model, ctx), lb, hops).filter(
    (f) => f.targets.length === 0 || f.targets.some((t) => !noTraffic.has(t.targetGroupArn)),
  );
  const legs: ExplainLeg[] = [];
  const redirect = evaluation?.redirect;
  if (redirect && verdict !== 'blocked') {
    const next = followRedirect(model, redirect.next, chain);
    pushAll(legs, next.legs);
    for (const f of next.findings) if (!findings.some((x) => x.id === f.id)) findings.push(f);
    verdict = worseOf(verdict, next.legs[0]!.verdict);
  }
  const result = pathResult(model, hops, findings, what, {
    verdict,
    summary: (all) =>
      explainSummary(
        model,
        { what, verdict, hops, answer: evaluation?.answer ?? null, next: legs[0] ?? null },
        all,
      ),
  });
  // Say which reply range was assumed whenever a stateless NACL judged a reply to the caller (as reach does).
  const judgedReplies = judgesReplies(front.hops);
  return {
    ...result,
    ...(evaluation ? { answer: evaluation.answer } : {}),
    ...(legs.length > 0 ? { legs } : {}),
    ...(judgedReplies ? { assumptions: [describeClientPorts(chain.client)] } : {}),
  };
}

/** The client's next request: to a load balancer in the snapshot, or unknown beyond it. */
function followRedirect(
  model: EstateModel,
  next: AlbRequest,
  chain: Chain,
): { legs: ExplainLeg[]; findings: Finding[] } {
  const { visited } = chain;
  const url = requestUrl(next);
  const stop = (summary: string): { legs: ExplainLeg[]; findings: Finding[] } => ({
    legs: [{ url, verdict: 'unknown', summary, hops: [] }],
    findings: [],
  });
  if (visited.has(url))
    return stop(`${url}: redirect loop — the client is sent back to a URL it already asked`);
  if (visited.size > MAX_REDIRECTS)
    return stop(`${url}: not followed (more than ${MAX_REDIRECTS} redirects)`);
  const lb = findLoadBalancer(model, next.urlHost);
  if (!lb) return stop(`${url}: ${next.urlHost} is not a load balancer in the snapshot; not followed`);
  const result = explainRequest(model, lb, next, chain);
  const leg: ExplainLeg = {
    url,
    verdict: result.verdict,
    summary: result.summary,
    hops: result.hops,
    ...(result.answer ? { answer: result.answer } : {}),
  };
  return { legs: [leg, ...(result.legs ?? [])], findings: result.findings };
}
