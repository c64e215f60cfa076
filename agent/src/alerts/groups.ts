// Alert grouping: findings that share a blocking component, or that one change opened in one cycle, are
// one problem for the on-call and go out as one notification. Pure: memberships in, memberships out.
import type { FindingRecord, Severity } from '@porthole/shared';

/** Findings blocked by the same component (same account/region) belong together. */
export function blockingKey(f: FindingRecord): string | null {
  const blocker = f.resources[0];
  return blocker ? `${f.account ?? '?'}|${f.region ?? '?'}|${blocker}` : null;
}

/** Findings one change opened in one cycle: the same likely cause, first seen in the same cycle. */
export function causeKey(f: FindingRecord): string | null {
  if (!f.likelyCause) return null;
  return `${f.firstSeen}|${f.likelyCause.replace(/ \(and \d+ other related changes? in the window\)$/, '')}`;
}

export interface Assignment {
  /** finding id → group key, for every finding given (existing memberships kept). */
  groupOf: Map<string, string>;
  /** Memberships made now: [finding id, group key]. */
  joined: [string, string][];
}

/**
 * Puts each alertable finding in a group. A finding already in a group stays; a new one joins the group
 * of a finding it shares a blocking component or a cause with, or founds a group keyed by its own id
 * (so a group of one keeps the dedup key a finding alone always had).
 */
export function assignGroups(
  alertable: readonly FindingRecord[],
  existing: ReadonlyMap<string, string>,
): Assignment {
  const groupOf = new Map<string, string>();
  const byLink = new Map<string, string>(); // blocking/cause key → group key
  const links = (f: FindingRecord): string[] =>
    [blockingKey(f), causeKey(f)].filter((k): k is string => k !== null);
  const ordered = [...alertable].sort(
    (a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id),
  );
  for (const f of ordered) {
    const key = existing.get(f.id);
    if (key === undefined) continue;
    groupOf.set(f.id, key);
    for (const link of links(f)) if (!byLink.has(link)) byLink.set(link, key);
  }
  const joined: [string, string][] = [];
  for (const f of ordered) {
    if (groupOf.has(f.id)) continue;
    const key =
      links(f)
        .map((l) => byLink.get(l))
        .find((k) => k !== undefined) ?? f.id;
    groupOf.set(f.id, key);
    joined.push([f.id, key]);
    for (const link of links(f)) if (!byLink.has(link)) byLink.set(link, key);
  }
  return { groupOf, joined };
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** The finding a group's notification leads with: the most severe, then the earliest. */
export function leadOf(members: readonly FindingRecord[]): FindingRecord {
  return [...members].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      a.firstSeen.localeCompare(b.firstSeen) ||
      a.id.localeCompare(b.id),
  )[0]!;
}

export function worstSeverity(members: readonly FindingRecord[]): Severity {
  return leadOf(members).severity;
}
