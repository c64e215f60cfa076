import { describe, expect, it } from 'vitest';
import { loadConfig } from '../daemon/config/load.ts';
import { createLogger, readableLine } from './logger.ts';

function captured(level: Parameters<typeof createLogger>[0]['level'], pretty = false) {
  const lines: string[] = [];
  const logger = createLogger({ level, pretty, destination: { write: (l: string) => void lines.push(l) } });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON object per line, with the level by name and the message', () => {
    const { logger, lines } = captured('info');
    logger.info({ finding: 'f1' }, 'finding opened');
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'info', msg: 'finding opened', finding: 'f1', name: 'porthole' });
    expect(typeof record.time).toBe('string');
    expect(lines[0]!.endsWith('\n')).toBe(true);
  });

  it('writes nothing below its level', () => {
    const { logger, lines } = captured('warn');
    logger.info('not shown');
    logger.debug('not shown');
    logger.warn('shown');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });

  it('never writes the token, AWS credentials or sink secrets', () => {
    const { logger, lines } = captured('info');
    logger.info({ token: 'TOKEN-SECRET', config: { token: 'TOKEN-SECRET' } }, 'config');
    logger.info(
      { credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'AWS-SECRET', sessionToken: 'S' } },
      'c',
    );
    logger.info({ sink: { name: 'team', url: 'https://hooks.slack.com/services/T0/B0/SECRET' } }, 'sink');
    logger.info({ sinks: [{ routingKey: 'ROUTING-SECRET', url: 'https://x/SECRET' }] }, 'sinks');
    expect(lines.join('')).not.toMatch(/SECRET|AKIA1/);
    expect(JSON.parse(lines[2]!).sink.name).toBe('team');
  });

  it('reads well on a terminal: "porthole: …", the level named unless info, fields as key=value', () => {
    expect(readableLine(JSON.stringify({ level: 'info', time: 't', msg: 'stopped', name: 'porthole' }))).toBe(
      'porthole: stopped\n',
    );
    expect(
      readableLine(JSON.stringify({ level: 'warn', msg: 'poll failed', sink: 'team', attempt: 2 })),
    ).toBe('porthole: warn: poll failed sink=team attempt=2\n');
    const { logger, lines } = captured('info', true);
    logger.error({ err: new Error('boom') }, 'request failed');
    expect(lines[0]).toMatch(/^porthole: error: request failed Error: boom\n/);
  });
});

describe('log level setting', () => {
  it('defaults to info, takes logLevel from the file, and PORTHOLE_LOG_LEVEL wins', () => {
    expect(loadConfig({}, {}).logLevel).toBe('info');
    expect(loadConfig({}, { PORTHOLE_LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => loadConfig({}, { PORTHOLE_LOG_LEVEL: 'loud' })).toThrow(/PORTHOLE_LOG_LEVEL|logLevel/);
  });
});
