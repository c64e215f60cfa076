// The services list: search, cluster/status filters and severity order. Pure, so 2,000 rows stay cheap.
import { noun, type ServiceStatus, type ServiceVerdict } from '@porthole/shared';
import { statusRank, STATUS_ORDER } from './status.ts';

export interface ServiceFilter {
  /** Free text; every whitespace-separated term must match name, why or top finding. */
  query: string;
  /** Empty string = all clusters. */
  cluster: string;
  /** Empty = all statuses. */
  statuses: readonly ServiceStatus[];
}

export const EMPTY_FILTER: ServiceFilter = { query: '', cluster: '', statuses: [] };

function haystack(s: ServiceVerdict): string {
  return `${s.name} ${s.why} ${s.topFinding?.title ?? ''} ${s.topFinding?.rule ?? ''}`.toLowerCase();
}

export function filterServices(list: readonly ServiceVerdict[], filter: ServiceFilter): ServiceVerdict[] {
  const terms = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const statuses = new Set(filter.statuses);
  return list.filter((s) => {
    if (filter.cluster && s.cluster !== filter.cluster) return false;
    if (statuses.size > 0 && !statuses.has(s.status)) return false;
    if (terms.length === 0) return true;
    const text = haystack(s);
    return terms.every((t) => text.includes(t));
  });
}

/** Worst status first; then the fewest healthy targets as a share; then name, for a stable order. */
export function compareBySeverity(a: ServiceVerdict, b: ServiceVerdict): number {
  const rank = statusRank(a.status) - statusRank(b.status);
  if (rank !== 0) return rank;
  const share = (s: ServiceVerdict) => (s.targetsTotal > 0 ? s.targetsHealthy / s.targetsTotal : 1);
  const byShare = share(a) - share(b);
  if (byShare !== 0) return byShare;
  return a.name.localeCompare(b.name);
}

export function sortBySeverity(list: readonly ServiceVerdict[]): ServiceVerdict[] {
  return [...list].sort(compareBySeverity);
}

export function clustersOf(list: readonly ServiceVerdict[]): string[] {
  return [...new Set(list.map((s) => s.cluster))].sort((a, b) => a.localeCompare(b));
}

export function countByStatus(list: readonly ServiceVerdict[]): Record<ServiceStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ServiceStatus, number>;
  for (const s of list) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return counts;
}

/** "3/4" healthy/total, or "no targets". */
export function targetsText(s: Pick<ServiceVerdict, 'targetsHealthy' | 'targetsTotal'>): string {
  return s.targetsTotal === 0 ? 'no targets' : `${s.targetsHealthy}/${s.targetsTotal}`;
}

/** For services without a load balancer the useful count is tasks: "1/1 tasks". */
export function countsText(
  s: Pick<ServiceVerdict, 'targetsHealthy' | 'targetsTotal' | 'runningCount' | 'desiredCount'>,
): string {
  if (s.targetsTotal > 0) return `${s.targetsHealthy}/${s.targetsTotal}`;
  return s.desiredCount === null
    ? 'no targets'
    : `${s.runningCount ?? '?'}/${s.desiredCount} ${noun(s.desiredCount, 'task')}`;
}

/**
 * The one-line why without a leading "cluster/service: " (the tile or row already names the service).
 * Never re-cased: it may start with a resource name ("web-alb cannot reach …"), which must stay verbatim.
 */
export function whyText(s: Pick<ServiceVerdict, 'name' | 'why'>): string {
  const prefix = `${s.name}: `;
  return s.why.startsWith(prefix) ? s.why.slice(prefix.length) : s.why;
}

/**
 * The why as it may be shown where room is short: the whole sentence, then its cause alone — the part after
 * the effect's ": " ("ALB cannot reach the tasks: sg-… blocks the dynamic host ports" → "sg-… blocks the
 * dynamic host ports"), which names what to fix; the tile's state row already shows the effect.
 */
export function reasonForms(why: string): string[] {
  const cut = why.indexOf(': ');
  const cause = cut === -1 ? '' : why.slice(cut + 2).trim();
  return cause ? [why, cause] : [why];
}

/** "1/2 targets healthy", "no load balancer · 1/1 tasks": for labels and headings with room for words. */
export function healthWords(
  s: Pick<ServiceVerdict, 'targetsHealthy' | 'targetsTotal' | 'runningCount' | 'desiredCount'>,
): string {
  if (s.targetsTotal > 0)
    return `${s.targetsHealthy}/${s.targetsTotal} ${noun(s.targetsTotal, 'target')} healthy`;
  const tasks =
    s.desiredCount === null
      ? ''
      : ` · ${s.runningCount ?? '?'}/${s.desiredCount} ${noun(s.desiredCount, 'task')}`;
  return `no load balancer${tasks}`;
}

/** Filter state ↔ URL query, so a filtered list can be bookmarked and shared. */
export function filterFromQuery(q: Record<string, string>): ServiceFilter {
  const valid = new Set<string>(STATUS_ORDER);
  const statuses = (q.status ?? '').split(',').filter((s): s is ServiceStatus => valid.has(s));
  return { query: q.q ?? '', cluster: q.cluster ?? '', statuses };
}

export function filterToQuery(f: ServiceFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.query) out.q = f.query;
  if (f.cluster) out.cluster = f.cluster;
  if (f.statuses.length > 0) out.status = f.statuses.join(',');
  return out;
}
