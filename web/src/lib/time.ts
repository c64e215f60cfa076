// Time words for the dashboard: "4 min ago", clock text, and when data counts as stale.
import type { DataFreshness } from '@porthole/shared';

/** Compact elapsed time: "now", "42 s", "5 min", "3 h 20 min", "2 d". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) ms = 0;
  const s = Math.floor(ms / 1000);
  if (s < 5) return 'now';
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d`;
}

/** "5 min ago" / "just now", from an ISO time; "—" when unknown. */
export function ago(iso: string | null | undefined, now: number): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '—';
  const text = formatElapsed(now - t);
  return text === 'now' ? 'just now' : `${text} ago`;
}

/** 24-hour wall-clock "14:05:09" in the viewer's time zone. */
export function clockText(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Building a DateTimeFormat costs ~1 ms; the header and the timeline ask every second. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short', timeZone });
    zoneFormats.set(key, format);
  }
  return format;
}

/**
 * The viewer's time zone as people write it next to a clock: "UTC", "CET", "GMT+1"; "local" when the
 * browser cannot name it. A wall clock without a zone is ambiguous in a team spread over zones.
 */
export function zoneText(now: number, timeZone?: string): string {
  try {
    const parts = zoneFormat(timeZone).formatToParts(now);
    const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    return name === 'GMT' && new Date(now).getTimezoneOffset() === 0 && !timeZone ? 'UTC' : name || 'local';
  } catch {
    return 'local';
  }
}

export interface Staleness {
  stale: boolean;
  /** Plain words for the banner; empty when fresh. */
  reason: string;
}

/**
 * Data is stale when the live connection is down, no cycle has completed, or the last completed
 * cycle is older than two poll intervals (one missed cycle is normal jitter, two are not).
 */
export function staleness(
  freshness: DataFreshness | null,
  connection: 'connected' | 'connecting' | 'disconnected' | 'unauthorized',
  now: number,
): Staleness {
  if (connection === 'unauthorized') {
    return {
      stale: true,
      reason: 'The daemon refused the connection: open the dashboard with ?token=<PORTHOLE_TOKEN>.',
    };
  }
  if (connection !== 'connected') {
    return { stale: true, reason: 'Lost connection to the Porthole daemon; reconnecting.' };
  }
  if (!freshness || !freshness.lastCycleAt)
    return { stale: true, reason: 'Waiting for the first poll cycle.' };
  // From the first failed poll: the data shown is from before it.
  if (freshness.pollError) {
    const from = freshness.lastOkAt ? ` Showing ${dataAgeText(freshness.lastOkAt, now)}.` : '';
    return { stale: true, reason: `The last poll failed: ${freshness.pollError}.${from}` };
  }
  // A failed poll never moves lastOkAt; older daemons only send lastCycleAt.
  const last = Date.parse(freshness.lastOkAt ?? freshness.lastCycleAt);
  const limitMs = 2 * freshness.pollIntervalSeconds * 1000;
  if (Number.isNaN(last)) return { stale: true, reason: 'The daemon reported an unreadable cycle time.' };
  const age = now - last;
  if (age > limitMs) {
    return {
      stale: true,
      reason: `No completed poll for ${formatElapsed(age)} (expected every ${freshness.pollIntervalSeconds} s).`,
    };
  }
  return { stale: false, reason: '' };
}

/** Kinds of AWS data whose last fetch failed, for a smaller warning than the stale banner. */
export function staleKindsText(freshness: DataFreshness | null): string {
  if (!freshness || freshness.staleKinds.length === 0) return '';
  return `Some data is out of date: ${freshness.staleKinds.map((k) => k.kind).join(', ')}.`;
}

/** "14:02 UTC": wall-clock time in UTC, for data times shared across an ops room. */
export function utcClockText(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "data from 14:02 UTC · 6 min old" (or "… · just fetched"); "" when unknown. */
export function dataAgeText(iso: string | null | undefined, now: number): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '';
  const age = formatElapsed(now - t);
  return `data from ${utcClockText(t)} · ${age === 'now' ? 'just fetched' : `${age} old`}`;
}
