// Change correlation: when a finding opens, name the config change in the preceding window that most
// likely caused it ("ingress tcp 32768-65535 from sg-alb removed from sg-ecs at 10:42:13 UTC").
// Ranked by (1) whether the change's effect can produce this kind of finding, (2) how close the changed
// resource is to the finding (its blocking component, its other resources — never a group that merely
// references one of them), then the newest.
import type { Finding, RuleId, TimelineEvent } from '@porthole/shared';

/** What a change did to reachability. */
export type ChangeEffect = 'opens-to-world' | 'widens' | 'narrows' | 'neutral';

const WORLD = /(?:from|to) (?:0\.0\.0\.0\/0|::\/0)\b/;

export function changeEffect(event: TimelineEvent): ChangeEffect {
  const m = event.message;
  switch (event.type) {
    case 'security-group-rule-added':
      return WORLD.test(m) ? 'opens-to-world' : 'widens';
    case 'security-group-rule-removed':
      return 'narrows';
    case 'network-acl-entry-added':
      if (/ deny /.test(m)) return 'narrows';
      return WORLD.test(m) ? 'opens-to-world' : 'widens';
    case 'network-acl-entry-removed':
      return / allow /.test(m) ? 'narrows' : 'widens';
    case 'route-removed':
      return 'narrows';
    case 'route-added':
      return /\(blackhole\)/.test(m) ? 'narrows' : 'widens';
    default:
      return 'neutral'; // listener, rule, target group, load balancer, deployment: could be either
  }
}

/** Which effect explains a rule's finding: too much access, too little, or something else. */
export function wantedEffect(rule: RuleId): 'opening' | 'blocking' | 'other' {
  if (rule.startsWith('overly-open-') || rule === 'sg-reference-public-ip') return 'opening';
  if (
    /blocks|^no-route$|no-egress|no-igw|^target-az-not-enabled$|^target-group-not-routed$|^no-listener/.test(
      rule,
    )
  )
    return 'blocking';
  return 'other';
}

/** 0 = this change cannot have caused the finding (a removal never makes a rule too open). */
function effectScore(finding: Finding, event: TimelineEvent): number {
  const effect = changeEffect(event);
  switch (wantedEffect(finding.rule)) {
    case 'opening':
      return { 'opens-to-world': 3, widens: 2, neutral: 1, narrows: 0 }[effect];
    case 'blocking':
      return { narrows: 3, neutral: 2, widens: 1, 'opens-to-world': 1 }[effect];
    case 'other':
      return { neutral: 3, narrows: 2, widens: 1, 'opens-to-world': 1 }[effect];
  }
}

/** How close the changed resource is to the finding; 0 = not one of the finding's own resources. */
function closeness(finding: Finding, event: TimelineEvent): number {
  const own = new Set([...finding.resources, ...finding.targets.map((t) => t.targetGroupArn)]);
  const [owner] = event.resources;
  if (owner !== undefined && owner === finding.resources[0]) return 3; // the blocking component changed
  if (owner !== undefined && own.has(owner)) return 2;
  if (event.type === 'deployment' && event.service !== null && event.service === finding.service) return 1;
  return 0;
}

/** How strongly a config-change event relates to a finding; 0 = unrelated or the wrong effect. */
export function relevance(finding: Finding, event: TimelineEvent): number {
  const near = closeness(finding, event);
  if (near === 0) return 0;
  const effect = effectScore(finding, event);
  return effect === 0 ? 0 : effect * 10 + near;
}

export function timeOfDay(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/** "ingress tcp 80 from sg-a added to sg-b" and "… removed from sg-b" are two states of one entry. */
function entryKey(event: TimelineEvent): string {
  return `${event.type.replace(/-(added|removed)$/, '')}|${event.message.replace(/ (added to|removed from) /, ' @ ')}`;
}

/**
 * The most relevant change, newest first among equals. `changes` must be the config-change events of
 * the correlation window, newest first. Only the finding's own window counts: changes before it last
 * resolved (`since`) belong to an earlier episode, and an entry changed several times counts once
 * (its newest change; the older ones were undone by it).
 */
export function likelyCause(
  finding: Finding,
  changes: readonly TimelineEvent[],
  since: string | null = null,
): string | null {
  let best: TimelineEvent | null = null;
  let bestScore = 0;
  let related = 0;
  const seen = new Set<string>();
  for (const event of changes) {
    if (since !== null && event.at < since) continue;
    const key = entryKey(event);
    if (seen.has(key)) continue;
    seen.add(key);
    const score = relevance(finding, event);
    if (score > 0) related++;
    if (score > bestScore) {
      best = event;
      bestScore = score;
    }
  }
  if (!best) return null;
  const others = related - 1;
  const more =
    others > 0 ? ` (and ${others} other related change${others === 1 ? '' : 's'} in the window)` : '';
  return `${best.message} at ${timeOfDay(best.at)}${more}`;
}
