// Change correlation: when a finding opens, name the config change in the preceding window that most
// likely caused it ("ingress tcp 32768-65535 from sg-alb removed from sg-ecs at 10:42:13 UTC").
import type { Finding, TimelineEvent } from '@porthole/shared';

/**
 * Changes that take access away (an SG rule or route removed, a NACL allow removed or deny added) explain
 * a blocked path better than the additions made alongside them.
 */
function narrows(event: TimelineEvent): boolean {
  switch (event.type) {
    case 'security-group-rule-removed':
    case 'route-removed':
      return true;
    case 'network-acl-entry-added':
      return / deny /.test(event.message);
    case 'network-acl-entry-removed':
      return / allow /.test(event.message);
    default:
      return false;
  }
}

/** How strongly a config-change event relates to a finding; 0 = unrelated. */
export function relevance(finding: Finding, event: TimelineEvent): number {
  const touched = new Set([...finding.resources, ...finding.targets.map((t) => t.targetGroupArn)]);
  const [owner] = event.resources;
  const bonus = narrows(event) ? 0.5 : 0;
  if (owner !== undefined && owner === finding.resources[0]) return 4 + bonus; // the blocking component changed
  if (owner !== undefined && touched.has(owner)) return 3 + bonus;
  if (event.resources.some((r) => touched.has(r))) return 2 + bonus;
  if (event.type === 'deployment' && event.service !== null && event.service === finding.service) return 1;
  return 0;
}

export function timeOfDay(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/**
 * The most relevant change, newest first among equals. `changes` must be the config-change events of
 * the window, newest first.
 */
export function likelyCause(finding: Finding, changes: readonly TimelineEvent[]): string | null {
  let best: TimelineEvent | null = null;
  let bestScore = 0;
  let related = 0;
  for (const event of changes) {
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
