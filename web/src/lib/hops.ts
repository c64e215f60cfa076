// Path diagram logic: split a path into its request and reply legs, name each hop, find the blocker.
import type { Hop } from '@porthole/shared';
import { shortArnResource } from '@porthole/shared';

const KIND_TITLES: Record<string, string> = {
  client: 'Client',
  internet: 'Internet',
  'load-balancer': 'Load balancer',
  'load-balancer-node': 'ALB node',
  listener: 'ALB listener',
  'listener-rule': 'Listener rule',
  rule: 'Listener rule',
  action: 'Listener action',
  address: 'Address',
  'public-address': 'Public address',
  endpoint: 'Endpoint',
  'target-group': 'Target group',
  target: 'Target',
  container: 'Container',
  task: 'Task',
  'security-group': 'Security group',
  'network-acl': 'Network ACL',
  'route-table': 'Route',
  route: 'Route',
  'internet-gateway': 'Internet gateway',
  'nat-gateway': 'NAT gateway',
};

function titleCase(kind: string): string {
  const words = kind.replace(/[-_.]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Hop';
}

/** "Security group · inbound", "ALB listener", "Route". Forward hops need no direction word. */
export function hopTitle(hop: Pick<Hop, 'kind' | 'direction'>): string {
  const base = KIND_TITLES[hop.kind] ?? titleCase(hop.kind);
  return hop.direction === 'forward' ? base : `${base} · ${hop.direction}`;
}

/** ARNs are long: keep the resource part ("listener/app/web/…/80") for display; the title keeps all. */
export function shortComponent(component: string): string {
  return shortArnResource(component);
}

export interface Legs {
  request: Hop[];
  reply: Hop[];
}

export function splitLegs(hops: readonly Hop[]): Legs {
  return {
    request: hops.filter((h) => h.leg === 'request'),
    reply: hops.filter((h) => h.leg === 'reply'),
  };
}

/**
 * The hops to look at: every one that denies (each must be fixed), or, when nothing denies, the first
 * unknown one (where the evidence runs out). Indexes in path order.
 */
export function blockingHopIndexes(hops: readonly Hop[]): number[] {
  const denies = hops.flatMap((h, i) => (h.verdict === 'deny' ? [i] : []));
  if (denies.length > 0) return denies;
  const unknown = hops.findIndex((h) => h.verdict === 'unknown');
  return unknown === -1 ? [] : [unknown];
}

/** Marker for a highlighted hop. An all-unhealthy target group "denies" too, but it is a symptom. */
export function blockerLabel(hop: Pick<Hop, 'kind' | 'verdict'>, consequence = false): string {
  if (hop.verdict !== 'deny') return 'Cannot tell from here';
  if (consequence) return 'Consequence: no healthy targets';
  return hop.kind === 'target-group' ? 'No healthy targets' : 'Blocked here';
}

/**
 * A target group that "denies" because none of its targets is healthy, while another hop really blocks
 * the path: the empty group is what that blocker causes, not a second thing to fix.
 */
export function isConsequence(
  hop: Pick<Hop, 'kind' | 'verdict'>,
  hops: readonly Pick<Hop, 'kind' | 'verdict'>[],
): boolean {
  return (
    hop.verdict === 'deny' &&
    hop.kind === 'target-group' &&
    hops.some((h) => h.verdict === 'deny' && h.kind !== 'target-group')
  );
}

export interface Blocker {
  hop: Hop;
  consequence: boolean;
}

/** The hops to look at, causes first (in path order), then their consequences. */
export function blockersCauseFirst(hops: readonly Hop[]): Blocker[] {
  const all = blockingHopIndexes(hops).map((i) => ({
    hop: hops[i]!,
    consequence: isConsequence(hops[i]!, hops),
  }));
  return [...all.filter((b) => !b.consequence), ...all.filter((b) => b.consequence)];
}

export type PathOutcome = 'reachable' | 'blocked' | 'unknown';

export function pathOutcome(hops: readonly Hop[]): PathOutcome {
  if (hops.some((h) => h.verdict === 'deny')) return 'blocked';
  if (hops.length === 0 || hops.some((h) => h.verdict === 'unknown')) return 'unknown';
  return 'reachable';
}

export const OUTCOME_WORDS: Record<PathOutcome, string> = {
  reachable: 'Reachable',
  blocked: 'Blocked',
  unknown: 'Cannot tell',
};
