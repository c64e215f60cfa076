// Loads the daemon config: defaults < YAML file (with ${VAR} expansion) < PORTHOLE_* env < CLI flags.
// Every error names the field and where its value came from.
import { pushAll } from '@porthole/shared';
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { DaemonConfigSchema, DEFAULT_POLL_SECONDS, type DaemonConfig } from './schema.ts';
import { expandEnv, formatPath, setPath, type Origin } from './paths.ts';
import { unknownKeyMessages } from './unknownKeys.ts';

/** The flags of `porthole serve`. */
export interface ServeOptions {
  port?: number;
  host?: string;
  snapshot?: string;
  live?: boolean;
  config?: string;
  dataDir?: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG_FILE = 'porthole.yaml';
const MIN_TOKEN_LENGTH = 16;

/** Env vars that override one config field each. */
const ENV_FIELDS: Array<[env: string, path: string[], kind: 'string' | 'number']> = [
  ['PORTHOLE_PORT', ['port'], 'number'],
  ['PORTHOLE_HOST', ['host'], 'string'],
  ['PORTHOLE_DATA_DIR', ['dataDir'], 'string'],
  ['PORTHOLE_SOURCE', ['source'], 'string'],
  ['PORTHOLE_SNAPSHOT_DIR', ['snapshotDir'], 'string'],
  ['PORTHOLE_POLL_INTERVAL_SECONDS', ['pollIntervalSeconds'], 'number'],
  ['PORTHOLE_DEMO_SEED', ['demo', 'seed'], 'number'],
  ['PORTHOLE_STORE_URL', ['store'], 'string'],
  ['PORTHOLE_DAEMON_ID', ['ha', 'daemonId'], 'string'],
];

function readFile(file: string, explicit: boolean): Record<string, unknown> {
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError([`${file}: file not found`]);
    return {};
  }
  const doc = parseDocument(readFileSync(file, 'utf8'));
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => `${file}: ${e.message.split('\n')[0]}`));
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError([`${file}: the top level must be a mapping of settings`]);
  }
  return value as Record<string, unknown>;
}

export function loadConfig(opts: ServeOptions = {}, env: NodeJS.ProcessEnv = process.env): DaemonConfig {
  const explicitFile = opts.config ?? env.PORTHOLE_CONFIG;
  const file = explicitFile ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  const raw = file ? readFile(file, explicitFile !== undefined) : {};
  const origins = new Map<string, Origin>();
  const issues: string[] = [];
  const input = expandEnv(raw, env, [], (path, name) =>
    issues.push(`${file}: ${formatPath(path)}: environment variable ${name} is not set`),
  ) as Record<string, unknown>;

  for (const [name, path, kind] of ENV_FIELDS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const parsed = kind === 'number' ? Number(value) : value;
    if (kind === 'number' && !Number.isFinite(parsed)) {
      issues.push(`${name} (${formatPath(path)}): expected a number, got "${value}"`);
      continue;
    }
    setPath(input, path, parsed);
    origins.set(formatPath(path), { kind: 'env', name });
  }

  const cli: Array<[flag: string, path: string[], value: unknown]> = [
    ['--port', ['port'], opts.port],
    ['--host', ['host'], opts.host],
    ['--data-dir', ['dataDir'], opts.dataDir],
    ['--snapshot', ['snapshotDir'], opts.snapshot],
    ['--snapshot', ['source'], opts.snapshot !== undefined ? 'snapshot' : undefined],
    ['--live', ['source'], opts.live ? 'live' : undefined],
  ];
  if (opts.snapshot !== undefined && opts.live) issues.push('--snapshot and --live cannot be used together');
  for (const [flag, path, value] of cli) {
    if (value === undefined) continue;
    setPath(input, path, value);
    origins.set(formatPath(path), { kind: 'cli', name: flag });
  }

  const token = env.PORTHOLE_TOKEN?.trim() || null;
  if (token !== null && token.length < MIN_TOKEN_LENGTH) {
    issues.push(
      `PORTHOLE_TOKEN: must be at least ${MIN_TOKEN_LENGTH} characters (use e.g. openssl rand -hex 24)`,
    );
  }

  const result = DaemonConfigSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const unknown = unknownKeyMessages(DaemonConfigSchema, issue, (p) =>
        file ? `${file}: ${formatPath(p)}` : formatPath(p),
      );
      if (unknown) {
        pushAll(issues, unknown);
        continue;
      }
      const path = formatPath(issue.path);
      const origin = origins.get(path);
      const where = origin ? `${origin.name} (${path})` : file ? `${file}: ${path}` : path;
      issues.push(`${where || '(top level)'}: ${issue.message}`);
    }
  }
  if (issues.length > 0 || !result.success) throw new ConfigError(issues);

  const cfg = result.data;
  return {
    ...cfg,
    pollIntervalSeconds: cfg.pollIntervalSeconds ?? DEFAULT_POLL_SECONDS[cfg.source],
    token,
    configFile: file,
  };
}
