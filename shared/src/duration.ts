// The one duration formatter: timeline messages, rule details and the dashboard all say "3 h 20 min".

const UNITS = [
  { name: 'd', ms: 86_400_000 },
  { name: 'h', ms: 3_600_000 },
  { name: 'min', ms: 60_000 },
  { name: 's', ms: 1000 },
] as const;

/**
 * "0 s", "42 s", "5 min 3 s", "3 h 20 min", "2 d 2 h": the two largest units, rounded down (a
 * second unit of zero is left out). Two units are enough to read at a glance; more is noise.
 */
export function formatDuration(ms: number): string {
  let rest = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) * 1000 : 0;
  const first = UNITS.findIndex((u) => rest >= u.ms);
  if (first === -1) return '0 s';
  const parts: string[] = [];
  for (const unit of UNITS.slice(first, first + 2)) {
    const n = Math.floor(rest / unit.ms);
    rest -= n * unit.ms;
    if (n > 0) parts.push(`${n} ${unit.name}`);
  }
  return parts.join(' ');
}

/** The time between two ISO instants, formatted; never negative. */
export function durationBetween(fromIso: string, toIso: string): string {
  return formatDuration(Date.parse(toIso) - Date.parse(fromIso));
}
