// The one ARN module: every ARN Porthole splits goes through the SDK's parser (@aws-sdk/util-arn-parser,
// arn:partition:service:region:account-id:resource, IAM User Guide "Amazon Resource Names"), and the
// resource part is read here once: ECS (cluster/, service/, task/, container-instance/, task-definition/,
// both the old and the long ARN formats) and ELBv2 (loadbalancer/, targetgroup/, listener/, listener-rule/).
import { build, parse, validate } from '@aws-sdk/util-arn-parser';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** The parts of an ARN; null for anything else (a bare id or name). */
export function parseArn(text: string): Arn | null {
  return validate(text) ? parse(text) : null;
}

export function buildArn(arn: Arn): string {
  return build(arn);
}

/** "cluster/prod" of "arn:aws:ecs:eu-west-1:1111:cluster/prod"; "" for what is not an ARN. */
export function arnResource(arn: string): string {
  return parseArn(arn)?.resource ?? '';
}

/** The account and region an ARN names (either may be "" for global resources); null for a non-ARN. */
export function arnScope(arn: string): { account: string; region: string } | null {
  const parsed = parseArn(arn);
  return parsed ? { account: parsed.accountId, region: parsed.region } : null;
}

/** "arn:aws:iam::123456789012:role/porthole" → "123456789012"; null unless an IAM role ARN. */
export function accountOfRoleArn(arn: string): string | null {
  const parsed = parseArn(arn);
  return parsed?.service === 'iam' && /^\d{12}$/.test(parsed.accountId) && parsed.resource.startsWith('role/')
    ? parsed.accountId
    : null;
}

/**
 * The last part of an ARN's resource, or the id itself: short names for the timeline and the CLI
 * ("task/prod/0f1e" → "0f1e", "task-definition/web:3" → "web:3", "sg-1" → "sg-1").
 */
export function arnShortName(arnOrId: string): string {
  const parsed = parseArn(arnOrId);
  const text = parsed ? parsed.resource : arnOrId;
  const slash = text.split('/');
  return slash.length > 1 ? slash.at(-1)! : (text.split(':').at(-1) ?? text);
}

/** "arn:…:task-definition/web:3" (or "web:3") → "web"; null when it names no task definition. */
export function taskDefinitionFamily(arnOrName: string): string | null {
  const parsed = parseArn(arnOrName);
  if (parsed && !parsed.resource.startsWith('task-definition/')) return null;
  const text = parsed ? parsed.resource.slice('task-definition/'.length) : arnOrName;
  return /^([^:/]+)(?::\d+)?$/.exec(text)?.[1] ?? null;
}

/** "arn:aws:ecs:eu-west-1:1111:cluster/prod" → "prod"; a bare name stays; no cluster is "default". */
export function clusterNameFromArn(arn: string | null | undefined): string {
  if (!arn) return 'default';
  if (!arn.startsWith('arn:')) return arn;
  const resource = arnResource(arn);
  return resource.startsWith('cluster/') ? resource.slice('cluster/'.length) : resource;
}

/**
 * The cluster a container instance ARN names: the long format is container-instance/<cluster>/<id>,
 * the old one container-instance/<id> names none (ECS Developer Guide, "Amazon Resource Names (ARNs)
 * and IDs").
 */
export function containerInstanceCluster(arn: string): string | null {
  const parts = arnResource(arn).split('/');
  return parts.length === 3 && parts[0] === 'container-instance' ? parts[1]! : null;
}

/** listener-rule/app/name/lb-id/listener-id/rule-id → listener/app/name/lb-id/listener-id */
export function listenerArnFromRuleArn(ruleArn: string): string | null {
  const parsed = parseArn(ruleArn);
  if (parsed?.service !== 'elasticloadbalancing') return null;
  const match = /^listener-rule\/(.+)\/[^/]+$/.exec(parsed.resource);
  return match ? buildArn({ ...parsed, resource: `listener/${match[1]}` }) : null;
}

/** A target-group ARN's short name: …:targetgroup/web-tg/0123 → web-tg; anything else stays. */
export function targetGroupNameFromArn(arn: string): string {
  const match = /^targetgroup\/([^/]+)\//.exec(arnResource(arn));
  return match?.[1] ?? arn;
}

/** "…:loadbalancer/app/web-alb/50dc6c495c0c9188" → "app/web-alb/50dc6c495c0c9188" (ELB ENI descriptions). */
export function loadBalancerIdFromArn(arn: string): string | null {
  const match = /^loadbalancer\/(.+)$/.exec(arnResource(arn));
  return match?.[1] ?? null;
}

/** ARNs are long: the resource part for display ("listener/app/web"), the id when not an ARN. */
export function shortArnResource(component: string): string {
  const parsed = parseArn(component);
  if (!parsed) return component;
  const parts = parsed.resource.split('/');
  // targetgroup/<name>/<id> → targetgroup/<name>; listener/app/<lb>/<id>/<id> → listener/app/<lb>
  if (parts[0] === 'targetgroup') return parts.slice(0, 2).join('/');
  return parts.length <= 3 ? parsed.resource : parts.slice(0, 3).join('/');
}
