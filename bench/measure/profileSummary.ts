// Summarises a V8 .cpuprofile: self and inclusive time per function, with file:line. tsx hands V8 one-line
// transpiled modules, so the profile's own line numbers are useless; the function's definition line is found
// by searching the TypeScript source for its name instead.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  where: string;
  selfMs: number;
  totalMs: number;
}

const sourceCache = new Map<string, string[] | null>();

function definitionLine(file: string, name: string): number | null {
  if (!sourceCache.has(file))
    sourceCache.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : null);
  const lines = sourceCache.get(file);
  if (!lines || !name) return null;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [
    new RegExp(`function\\*?\\s+${escaped}\\s*[<(]`),
    new RegExp(`(const|let)\\s+${escaped}\\s*=`),
    new RegExp(`^\\s*(async\\s+)?${escaped}\\s*\\(`),
    new RegExp(`^\\s*${escaped}\\s*:`),
  ];
  for (const re of patterns) {
    const i = lines.findIndex((l) => re.test(l));
    if (i >= 0) return i + 1;
  }
  return null;
}

function label(frame: CallFrame, root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url.startsWith('file://')) return `${name} ${frame.url || '(native)'}`;
  const file = new URL(frame.url).pathname;
  const rel = path.relative(root, file);
  const line = file.endsWith('.ts') ? definitionLine(file, frame.functionName) : frame.lineNumber + 1;
  return `${name} ${rel}${line ? `:${line}` : ''}`;
}

export function summarise(
  profileFile: string,
  root: string,
  top = 25,
): { self: Hotspot[]; total: Hotspot[]; sampledMs: number } {
  const prof = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  prof.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of time) {
    const key = label(byId.get(id)!.callFrame, root);
    self.set(key, (self.get(key) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur)!.callFrame, root);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const ours = (k: string) => /\s(core|agent|shared|bench|estate)\//.test(k);
  const list = (m: Map<string, number>, keep: (k: string) => boolean) =>
    [...m]
      .filter(([k]) => keep(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where]) => ({
        where,
        selfMs: Math.round((self.get(where) ?? 0) / 1000),
        totalMs: Math.round((total.get(where) ?? 0) / 1000),
      }));
  return {
    self: list(self, () => true),
    total: list(total, ours),
    sampledMs: Math.round([...time.values()].reduce((a, b) => a + b, 0) / 1000),
  };
}
