// Words shared by the CLI, the daemon and the dashboard: real plurals ("1 target", "2 targets", never
// "target(s)") and "did you mean" suggestions for mistyped names (service routes, config keys).

const RULES = new Intl.PluralRules('en');

/** Irregular plurals of the nouns Porthole counts; everything else takes "s". */
const IRREGULAR: Record<string, string> = {
  policy: 'policies',
  entry: 'entries',
  address: 'addresses',
  match: 'matches',
};

/** The noun for a count: `noun(1, 'hop')` = "hop", `noun(2, 'hop')` = "hops"; the last word is inflected. */
export function noun(count: number, singular: string, pluralForm?: string): string {
  if (RULES.select(count) === 'one') return singular;
  if (pluralForm) return pluralForm;
  const m = /^(.*?)(\w+)$/.exec(singular);
  if (!m) return singular;
  const [, head = '', last = ''] = m;
  return head + (IRREGULAR[last] ?? `${last}s`);
}

/** "1 target", "0 targets", "2 container instances". */
export function plural(count: number, singular: string, pluralForm?: string): string {
  return `${count} ${noun(count, singular, pluralForm)}`;
}

/** Edit distance (insert, delete, substitute, and swap of two neighbours), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The candidates a mistyped `word` most likely meant, best first (at most `max`): a small edit
 * distance (≤ a third of the longer name, at least 1), or one name being the start of the other
 * ("pollInterval" → "pollIntervalSeconds"). Empty when nothing is close.
 */
export function nearestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  if (!w) return [];
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    const n = name.toLowerCase();
    if (n === w) continue;
    const distance = editDistance(w, n);
    const limit = Math.max(1, Math.floor(Math.max(w.length, n.length) / 3));
    const prefix = w.length >= 3 && (n.startsWith(w) || w.startsWith(n));
    if (distance <= limit) scored.push({ name, score: distance });
    else if (prefix) scored.push({ name, score: limit + 1 });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

/** " (did you mean pollIntervalSeconds?)", " (did you mean a or b?)", or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = nearestNames(word, candidates, 2);
  return near.length === 0 ? '' : `did you mean ${near.join(' or ')}?`;
}
