// Test helpers for the ALB front door: the demo estate edited with describe-listeners / describe-rules /
// describe-target-groups JSON as the AWS CLI prints it, explained through the public entry points.
import { PathResultSchema, type PathResult } from '@porthole/shared';
import { arrayOf, find, healthy, ids, modelOf, type EstateDocuments, type Json } from './ruleTestKit.ts';
import { explainUrl } from '../src/engine/explain.ts';
import { reachPath } from '../src/engine/reach.ts';

export { arrayOf, find, healthy, ids, type EstateDocuments, type Json };

export const web = ids.loadBalancers.web;
export const orders = ids.loadBalancers.orders;
export const WEB_URL = `http://${web.dnsName}`;
const elbArn = (resource: string) => `arn:aws:elasticloadbalancing:${ids.region}:${ids.account}:${resource}`;
export const LISTENER_443 = elbArn(`listener/${web.resourceId}/4c3b2a1908f7e6d5`);

let ruleCounter = 0;
let tgCounter = 0;
export function ruleArn(listenerArn = web.listener80Arn): string {
  ruleCounter += 1;
  const id = (0xa000000000000000n + BigInt(ruleCounter)).toString(16);
  return `${listenerArn.replace(':listener/', ':listener-rule/')}/${id}`;
}

export function forward(targetGroupArn: string): Json {
  return {
    Type: 'forward',
    TargetGroupArn: targetGroupArn,
    Order: 1,
    ForwardConfig: {
      TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }],
      TargetGroupStickinessConfig: { Enabled: false },
    },
  };
}

/** A multi-group forward as describe-rules prints it: no top-level TargetGroupArn. */
export function weighted(groups: Array<[arn: string, weight: number]>, sticky?: number): Json {
  return {
    Type: 'forward',
    Order: 1,
    ForwardConfig: {
      TargetGroups: groups.map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })),
      TargetGroupStickinessConfig:
        sticky === undefined ? { Enabled: false } : { Enabled: true, DurationSeconds: sticky },
    },
  };
}

/** Adds a describe-rules entry on a listener; returns its ARN. */
export function addRule(
  docs: EstateDocuments,
  priority: number,
  conditions: Json[],
  actions: Json[],
  listenerArn?: string,
): string {
  const arn = ruleArn(listenerArn);
  arrayOf(docs, 'Rules').push({
    RuleArn: arn,
    Priority: String(priority),
    Conditions: conditions,
    Actions: actions,
    IsDefault: false,
  });
  return arn;
}

/**
 * A target group of the web ALB. `healthyLike` copies the web group's (healthy) registered targets;
 * without it the group has no registered targets (the ALB answers 503).
 */
export function addTargetGroup(docs: EstateDocuments, name: string, healthyLike = false): string {
  tgCounter += 1;
  const arn = elbArn(`targetgroup/${name}/${(0xb000000000000000n + BigInt(tgCounter)).toString(16)}`);
  const webTg = find(docs, 'TargetGroups', (t) => t.TargetGroupArn === ids.targetGroups.web);
  arrayOf(docs, 'TargetGroups').push({
    ...structuredClone(webTg),
    TargetGroupArn: arn,
    TargetGroupName: name,
  });
  const webHealth = find(docs, 'LoadBalancerTargetHealth', (h) => h.TargetGroupArn === ids.targetGroups.web);
  arrayOf(docs, 'LoadBalancerTargetHealth').push({
    TargetGroupArn: arn,
    TargetHealthDescriptions: healthyLike ? structuredClone(webHealth.TargetHealthDescriptions) : [],
  });
  return arn;
}

export function listener80(docs: EstateDocuments): Json {
  return find(docs, 'Listeners', (l) => l.ListenerArn === web.listener80Arn);
}

/** An HTTPS :443 listener on the web ALB forwarding to the web target group. */
export function addHttpsListener(docs: EstateDocuments): void {
  arrayOf(docs, 'Listeners').push({
    ListenerArn: LISTENER_443,
    LoadBalancerArn: web.arn,
    Port: 443,
    Protocol: 'HTTPS',
    Certificates: [
      {
        CertificateArn: `arn:aws:acm:${ids.region}:${ids.account}:certificate/0f0e0d0c-0b0a-4090-8070-605040302010`,
      },
    ],
    SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    DefaultActions: [forward(ids.targetGroups.web)],
  });
}

/** Drops the ingress permissions of a security group that cover `port`. */
export function closePort(docs: EstateDocuments, groupId: string, port: number): void {
  const sg = find(docs, 'SecurityGroups', (g) => g.GroupId === groupId);
  sg.IpPermissions = (sg.IpPermissions as Json[]).filter(
    (p) => !((p.FromPort as number) <= port && port <= (p.ToPort as number)),
  );
}

export function openToWorld(docs: EstateDocuments, groupId: string, port: number): void {
  const sg = find(docs, 'SecurityGroups', (g) => g.GroupId === groupId);
  (sg.IpPermissions as Json[]).push({
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'world' }],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
  });
}

export interface ExplainOpts {
  from?: string;
  method?: string;
  headers?: string[];
}

export function explain(docs: EstateDocuments, url: string, opts: ExplainOpts = {}): PathResult {
  const request = {
    ...(opts.method ? { method: opts.method } : {}),
    ...(opts.headers ? { headers: opts.headers } : {}),
  };
  return PathResultSchema.parse(explainUrl(modelOf(docs), url, opts.from, request));
}

export function reach(docs: EstateDocuments, from: string, to: string, port: number): PathResult {
  return PathResultSchema.parse(reachPath(modelOf(docs), { from, to, port, protocol: 'tcp' }));
}

export const denied = (r: PathResult) => r.hops.filter((h) => h.verdict === 'deny').map((h) => h.component);
