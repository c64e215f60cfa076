// The daemon's one logger (pino), made in the shell (serve) and passed to the parts that log: the
// daemon, the poll loop, the server, the alerts dispatcher. JSON lines when stdout is not a terminal
// (for a log collector); on a terminal, one readable line per record. The core never logs.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../daemon/config/schema.ts';

export type { Logger };

/**
 * Never written, wherever they appear in a record: the API token, AWS credentials, and alert sink
 * secrets (Slack and webhook URLs carry their secret in the path, PagerDuty a routing key).
 */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'accessKeyId',
  '*.accessKeyId',
  'secretAccessKey',
  '*.secretAccessKey',
  'sessionToken',
  '*.sessionToken',
  'credentials',
  '*.credentials',
  'routingKey',
  '*.routingKey',
  'sink.url',
  'sinks[*].url',
  'sinks[*].routingKey',
  '*.sinks[*].url',
  '*.sinks[*].routingKey',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default stdout). */
  destination?: DestinationStream;
  /** Readable lines instead of JSON (default: when stdout is a terminal). */
  pretty?: boolean;
}

export function createLogger(opts: LoggerOptions): Logger {
  const pretty = opts.pretty ?? process.stdout.isTTY === true;
  const out = opts.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: opts.level,
      base: { name: 'porthole' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    pretty ? readable(out) : out,
  );
}

/** A logger that writes nothing, for tests and tools that do not want the daemon's lines. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

const OWN_KEYS = new Set(['level', 'time', 'msg', 'name', 'pid', 'hostname', 'err']);

/** "porthole: msg key=value", with the level named when it is not info, and an error's message. */
export function readableLine(json: string): string {
  const record = JSON.parse(json) as Record<string, unknown>;
  const level = String(record.level ?? 'info');
  const extra = Object.entries(record)
    .filter(([k]) => !OWN_KEYS.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const err = record.err as { message?: string; stack?: string } | undefined;
  const parts = [
    `porthole:${level === 'info' ? '' : ` ${level}:`}`,
    String(record.msg ?? ''),
    ...extra,
    ...(err ? [err.stack ?? err.message ?? ''] : []),
  ];
  return `${parts.filter(Boolean).join(' ')}\n`;
}

function readable(out: DestinationStream): DestinationStream {
  return { write: (line: string) => out.write(readableLine(line)) };
}
