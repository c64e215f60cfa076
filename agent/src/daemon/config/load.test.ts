import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveAwsConfigSchema } from '../../sources/aws/index.ts';
import { assertSafeBind } from './bind.ts';
import { ConfigError, loadConfig } from './load.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'porthole-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const issues = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('defaults to the demo estate on 127.0.0.1:7070, polling every 10 s', () => {
    const cfg = loadConfig({ config: file('empty.yaml', '') }, {});
    expect(cfg).toMatchObject({
      host: '127.0.0.1',
      port: 7070,
      source: 'demo',
      pollIntervalSeconds: 10,
      dataDir: './data',
      token: null,
    });
    expect(cfg.findings.alertAfterCycles).toBe(2);
    expect(cfg.alerts.retry.attempts).toBe(4);
  });

  it('layers file < env < flags', () => {
    const f = file('layers.yaml', 'port: 8000\nhost: 127.0.0.2\npollIntervalSeconds: 5\n');
    const cfg = loadConfig(
      { config: f, port: 9000 },
      { PORTHOLE_PORT: '8500', PORTHOLE_HOST: '127.0.0.3', PORTHOLE_DATA_DIR: '/tmp/x' },
    );
    expect(cfg).toMatchObject({ port: 9000, host: '127.0.0.3', pollIntervalSeconds: 5, dataDir: '/tmp/x' });
    expect(loadConfig({ snapshot: './snap' }, { PORTHOLE_CONFIG: f })).toMatchObject({
      source: 'snapshot',
      snapshotDir: './snap',
      pollIntervalSeconds: 5,
    });
  });

  it('names the field, and the file or env var it came from', () => {
    const f = file(
      'bad.yaml',
      'port: 70000\nalerts:\n  sinks:\n    - { type: slack, name: ops, url: not-a-url }\n  routes:\n    - { sinks: [nope] }\n',
    );
    expect(issues(() => loadConfig({ config: f }, {}))).toEqual([
      `${f}: port: Too big: expected number to be <=65535`,
      `${f}: alerts.sinks[0].url: must be an http(s) URL`,
      `${f}: alerts.routes[0].sinks[0]: no sink named "nope"`,
    ]);
    expect(issues(() => loadConfig({ config: file('ok.yaml', '') }, { PORTHOLE_PORT: 'abc' }))).toEqual([
      'PORTHOLE_PORT (port): expected a number, got "abc"',
    ]);
    expect(
      issues(() => loadConfig({ config: file('ok2.yaml', '') }, { PORTHOLE_SOURCE: 'cloud' }))[0],
    ).toMatch(/^PORTHOLE_SOURCE \(source\): Invalid option/);
  });

  it('rejects unknown keys, YAML syntax errors, a missing file and a missing snapshot dir', () => {
    expect(issues(() => loadConfig({ config: file('typo.yaml', 'pollIntervalSecond: 5\n') }, {}))[0]).toMatch(
      /pollIntervalSecond/,
    );
    expect(issues(() => loadConfig({ config: file('syntax.yaml', 'port: [1,\n') }, {}))[0]).toContain(
      'syntax.yaml',
    );
    expect(issues(() => loadConfig({ config: path.join(dir, 'absent.yaml') }, {}))[0]).toMatch(
      /absent\.yaml: file not found/,
    );
    expect(issues(() => loadConfig({ config: file('snap.yaml', 'source: snapshot\n') }, {}))).toEqual([
      `${path.join(dir, 'snap.yaml')}: snapshotDir: required when source is "snapshot"`,
    ]);
  });

  it('names an unknown key by its field and suggests the setting it most likely meant', () => {
    const typo = file('did-you-mean.yaml', 'pollInterval: 5\ndemo:\n  sed: 2\nkubernetes: true\n');
    expect(issues(() => loadConfig({ config: typo }, {}))).toEqual([
      `${typo}: demo.sed: unknown setting; did you mean seed?`,
      `${typo}: pollInterval: unknown setting; did you mean pollIntervalSeconds?`,
      expect.stringMatching(/: kubernetes: unknown setting \(known: port, host, .*pollIntervalSeconds/),
    ]);
  });

  it('expands ${VAR} from the environment and names a missing one', () => {
    const f = file(
      'vars.yaml',
      'alerts:\n  sinks:\n    - type: pagerduty\n      name: pd\n      routingKey: ${PD_KEY}\n',
    );
    expect(loadConfig({ config: f }, { PD_KEY: 'R0UT1NG' }).alerts.sinks[0]).toMatchObject({
      routingKey: 'R0UT1NG',
    });
    expect(issues(() => loadConfig({ config: f }, {}))[0]).toBe(
      `${f}: alerts.sinks[0].routingKey: environment variable PD_KEY is not set`,
    );
  });

  it('takes the token from PORTHOLE_TOKEN only, and insists on a long one', () => {
    expect(loadConfig({ config: file('t.yaml', '') }, { PORTHOLE_TOKEN: 'x'.repeat(24) }).token).toBe(
      'x'.repeat(24),
    );
    expect(issues(() => loadConfig({ config: file('t2.yaml', '') }, { PORTHOLE_TOKEN: 'short' }))[0]).toMatch(
      /^PORTHOLE_TOKEN: must be at least 16/,
    );
  });

  it('refuses a non-loopback bind address without a token', () => {
    const open = loadConfig({ config: file('h.yaml', ''), host: '0.0.0.0' }, {});
    expect(() => assertSafeBind(open)).toThrow(
      /host 0\.0\.0\.0: not a loopback address, so PORTHOLE_TOKEN must be set/,
    );
    expect(() => assertSafeBind({ ...open, token: 'x'.repeat(20) })).not.toThrow();
    expect(() => assertSafeBind({ ...open, host: '::1' })).not.toThrow();
  });
});

describe('porthole.example.yaml', () => {
  const example = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '../../../../porthole.example.yaml',
  );

  it('is valid as shipped (demo, alerts off)', () => {
    const cfg = loadConfig({ config: example }, {});
    expect(cfg).toMatchObject({ source: 'demo', host: '127.0.0.1', port: 7070 });
    expect(cfg.alerts.sinks).toEqual([]);
  });

  it('is valid with its commented alert and AWS examples switched on', () => {
    const text = readFileSync(example, 'utf8')
      .replace('  sinks: []\n  routes: []\n', '')
      .replace(/^( {2})# (?=[\w-]+:|- | {2})/gm, '$1')
      .replace(/^# (?=aws:| {2})/gm, '');
    const cfg = loadConfig(
      { config: file('example-on.yaml', text) },
      {
        SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/X',
        PAGERDUTY_ROUTING_KEY: 'key',
        PORTHOLE_EXTERNAL_ID: 'ext-id',
      },
    );
    expect(cfg.alerts.sinks.map((s) => s.name)).toEqual(['slack-oncall', 'pagerduty', 'alertmanager-bridge']);
    expect(cfg.alerts.routes).toHaveLength(2);
    expect(LiveAwsConfigSchema.parse(cfg.aws)).toMatchObject({
      regions: ['eu-west-1'],
      profile: 'prod-readonly',
      pollTimeoutSeconds: 50,
      endpoint: 'https://localstack.internal:4566',
      endpoints: { ec2: 'https://vpce-0a1b2c3d-ec2.eu-west-1.vpce.amazonaws.com' },
    });
  });
});
