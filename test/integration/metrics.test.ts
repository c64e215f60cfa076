// /metrics as Prometheus tooling sees it: `promtool check metrics` clean, standard process/Node names,
// every status label present at 0, one-hot per-service status, and the alert rules and Grafana
// dashboard under docs/monitoring using only series the daemon exports.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { scriptedSource, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const RULES = path.join(ROOT, 'docs/monitoring/porthole-alerts.yml');
const DASHBOARD = path.join(ROOT, 'docs/monitoring/porthole-dashboard.json');
const hasPromtool = spawnSync('promtool', ['--version']).status === 0;
if (!hasPromtool)
  console.log('metrics.test: promtool not found (apt-get install prometheus); promtool checks skipped');

let t: TestDaemon;
let text = '';
beforeAll(async () => {
  t = await startTestDaemon({
    source: scriptedSource([[], ['dynamic-ports-blocked']]),
    deps: { processMetrics: true },
  });
  await t.step();
  await t.step();
  text = await (await t.get('/metrics')).text();
});
afterAll(() => t.stop());

/** Every sample name the daemon exports (histograms with _bucket/_sum/_count). */
function exportedNames(metrics: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of metrics.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram' || type === 'summary')
      for (const s of ['_bucket', '_sum', '_count']) names.add(name! + s);
  }
  return names;
}

const SERIES = /\b(?:porthole|process|nodejs)_[a-z0-9_]+\b/g;

describe('/metrics', () => {
  it.skipIf(!hasPromtool)('passes promtool check metrics', () => {
    const out = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${out.stdout}${out.stderr}`).toBe('');
    expect(out.status).toBe(0);
  });

  it('keeps the standard process and Node names, and no gauge ends in _total', () => {
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).not.toMatch(/porthole_(process|nodejs)_/);
    const gaugesNamedTotal = [...text.matchAll(/^# TYPE (\S+_total) gauge$/gm)].map((m) => m[1]);
    expect(gaugesNamedTotal).toEqual([]);
  });

  it('emits every status and outcome label, at 0 when nothing has it', () => {
    for (const status of ['healthy', 'degraded', 'down', 'unknown'])
      expect(text).toMatch(new RegExp(`^porthole_services\\{status="${status}"\\} \\d+$`, 'm'));
    for (const outcome of ['ok', 'partial', 'error'])
      expect(text).toMatch(new RegExp(`^porthole_poll_cycles_total\\{outcome="${outcome}"\\} \\d+$`, 'm'));
    expect(text).toContain('porthole_poll_cycles_total{outcome="error"} 0');
    expect(text).toContain('porthole_targets{state="unavailable"} 0');
  });

  it('has a one-hot status and target counts per service', () => {
    const rows = [...text.matchAll(/^porthole_service_status\{(.*),status="(\w+)"\} (\d)$/gm)];
    const perService = new Map<string, number[]>();
    for (const [, labels, , value] of rows)
      perService.set(labels!, [...(perService.get(labels!) ?? []), Number(value)]);
    expect(perService.size).toBeGreaterThan(3);
    for (const values of perService.values()) {
      expect(values).toHaveLength(4);
      expect(values.reduce((a, b) => a + b, 0)).toBe(1);
    }
    expect(text).toMatch(
      /^porthole_service_status\{account="\d+",region="[a-z0-9-]+",cluster="prod",service="web",status="down"\} 1$/m,
    );
    expect(text).toMatch(
      /^porthole_service_targets\{[^}]*cluster="prod",service="web",state="unhealthy"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(
      /^porthole_service_targets\{[^}]*cluster="prod",service="web",state="draining"\} 0$/m,
    );
  });
});

describe('/metrics for stale verdicts', () => {
  it('counts a stale service as unknown, in the one-hot status and in the totals', async () => {
    const scripted = scriptedSource([[], ['dynamic-ports-blocked']]);
    let failing = false;
    const source = {
      ...scripted,
      poll: (now: Date) => (failing ? Promise.reject(new Error('AccessDenied')) : scripted.poll(now)),
    };
    const d = await startTestDaemon({ source });
    try {
      await d.step();
      await d.step();
      const before = await (await d.get('/metrics')).text();
      const total = (metrics: string, status: string): number =>
        Number(new RegExp(`^porthole_services\\{status="${status}"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
      const services = ['healthy', 'degraded', 'down', 'unknown'].reduce((n, s) => n + total(before, s), 0);
      expect(total(before, 'healthy')).toBeGreaterThan(0);
      expect(total(before, 'unknown')).toBe(0);

      failing = true;
      expect((await d.step()).ok).toBe(false); // every verdict is stale now, with its last known status
      const after = await (await d.get('/metrics')).text();
      expect(['healthy', 'degraded', 'down'].map((s) => total(after, s))).toEqual([0, 0, 0]);
      expect(total(after, 'unknown')).toBe(services);
      // `sum by (status) (porthole_service_status)`, the dashboard's panel, agrees.
      const oneHot = [...after.matchAll(/^porthole_service_status\{.*,status="(\w+)"\} 1$/gm)].map(
        (m) => m[1],
      );
      expect(oneHot).toHaveLength(services);
      expect(new Set(oneHot)).toEqual(new Set(['unknown']));
      expect(after).not.toMatch(/^porthole_service_stale\{.*\} 0$/m);
    } finally {
      await d.stop();
    }
  });
});

describe('docs/monitoring', () => {
  const rules = parseYaml(readFileSync(RULES, 'utf8')) as {
    groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
  };
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const expressions = [
    ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
    ...dashboard.panels.flatMap((p) => p.targets.map((tg) => ({ where: `panel ${p.title}`, expr: tg.expr }))),
  ];

  it('alert rules and dashboard panels use only series the daemon exports', () => {
    const exported = exportedNames(text);
    expect(expressions.length).toBeGreaterThan(20);
    const unknown = expressions.flatMap(({ where, expr }) => {
      const used = expr.match(SERIES) ?? [];
      if (used.length === 0) return [`${where}: uses no Porthole series`];
      return used.filter((name) => !exported.has(name)).map((name) => `${where}: ${name}`);
    });
    expect(unknown).toEqual([]);
  });

  it.skipIf(!hasPromtool)('the alert rules pass promtool check rules', () => {
    const out = spawnSync('promtool', ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(out.stdout + out.stderr).toMatch(/SUCCESS: \d+ rules found/);
    expect(out.status).toBe(0);
  });
});
