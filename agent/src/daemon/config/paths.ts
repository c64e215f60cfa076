// Helpers for config loading: field paths in words, nested set, and ${VAR} / ${VAR:-default} expansion.

export interface Origin {
  kind: 'env' | 'cli';
  name: string;
}

/** ["alerts","sinks",0,"url"] → "alerts.sinks[0].url" */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

export function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces ${NAME} (and ${NAME:-fallback}) in every string, so secrets can stay in the environment. */
export function expandEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: Array<string | number>,
  onMissing: (path: Array<string | number>, name: string) => void,
): unknown {
  if (typeof value === 'string') {
    return value.replace(VAR, (_match, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      onMissing(path, name);
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, env, [...path, i], onMissing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandEnv(v, env, [...path, k], onMissing)]),
    );
  }
  return value;
}
