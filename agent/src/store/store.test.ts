import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '@porthole/shared';
import { MIGRATIONS } from './migrations.ts';
import type { FindingState } from '@porthole/core/timeline/state.js';
import { Store } from './store.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const finding: Finding = {
  id: 'sg-blocks-dynamic-ports:sg-ecs:prod/web',
  rule: 'sg-blocks-dynamic-ports',
  severity: 'critical',
  title: 'sg-ecs does not admit the ALB on the dynamic port range',
  explanation: 'x',
  resources: ['sg-ecs'],
  service: 'prod/web',
  services: ['prod/web'],
  confidence: 'confirmed',
  missing: [],
  targets: [],
  evidence: [],
  fix: { summary: 'add a rule', awsCli: [], terraform: '' },
  account: null,
  region: null,
};
const state = (over: Partial<FindingState> = {}): FindingState => ({
  ...finding,
  status: 'open',
  firstSeen: '2026-01-01T10:00:00.000Z',
  lastSeen: '2026-01-01T10:00:00.000Z',
  resolvedAt: null,
  likelyCause: null,
  streak: 1,
  missed: 0,
  ...over,
});

describe('Store', () => {
  it('opens with WAL, synchronous=NORMAL and every migration applied, and reopens idempotently', () => {
    const dir = tempDir();
    const store = Store.open(dir);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    store.close();
    const again = Store.open(dir);
    expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a database from a newer Porthole', () => {
    const dir = tempDir();
    const store = Store.open(dir);
    store.db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    store.close();
    expect(() => Store.open(dir)).toThrow(/newer than this Porthole/);
  });

  it('appends events and reads them by cursor, time, service and type', () => {
    const store = Store.open(tempDir());
    const base = { service: null, resources: ['sg-ecs'], likelyCause: null };
    const a = store.events.insert(
      { ...base, at: '2026-01-01T10:00:00.000Z', type: 'route-removed', message: 'a' },
      null,
    );
    const b = store.events.insert(
      { ...base, at: '2026-01-01T10:00:10.000Z', type: 'target-health', service: 'prod/web', message: 'b' },
      null,
    );
    expect(b.id).toBeGreaterThan(a.id);
    expect(store.events.query({ afterId: a.id }).map((e) => e.message)).toEqual(['b']);
    expect(store.events.query({ sinceTime: '2026-01-01T10:00:05.000Z' }).map((e) => e.message)).toEqual([
      'b',
    ]);
    expect(store.events.query({ service: 'prod/web' })).toHaveLength(1);
    expect(store.events.query({ types: ['route-removed'] })[0]).toEqual({ ...a });
    expect(store.events.lastId()).toBe(b.id);
    store.close();
  });

  it('saves and updates findings, listing open ones first', () => {
    const store = Store.open(tempDir());
    store.findings.save(state());
    store.findings.save(state({ id: 'other', status: 'resolved', resolvedAt: '2026-01-01T10:05:00.000Z' }));
    store.findings.save(state({ streak: 3, lastSeen: '2026-01-01T10:01:00.000Z' }));
    expect(store.findings.open().map((f) => [f.id, f.streak])).toEqual([[finding.id, 3]]);
    expect(store.findings.query().map((f) => f.status)).toEqual(['open', 'resolved']);
    expect(store.findings.query({ status: 'resolved' })).toHaveLength(1);
    expect(store.findings.get(finding.id)?.title).toBe(finding.title);
    store.close();
  });

  it('prunes by age and by event count', () => {
    const store = Store.open(tempDir());
    const ev = (at: string) => ({
      at,
      type: 'route-added' as const,
      service: null,
      resources: [],
      message: at,
      likelyCause: null,
    });
    store.events.insert(ev('2026-01-01T00:00:00.000Z'), null);
    for (let i = 0; i < 150; i++)
      store.events.insert(ev(`2026-01-20T00:00:${String(i % 60).padStart(2, '0')}.000Z`), null);
    store.findings.save(state({ id: 'old', status: 'resolved', resolvedAt: '2026-01-02T00:00:00.000Z' }));
    const removed = store.prune(new Date('2026-01-20T12:00:00.000Z'), { days: 14, maxEvents: 100 });
    expect(removed).toBe(1 + 50 + 1);
    expect(store.events.query({ limit: 1000 })).toHaveLength(100);
    expect(store.findings.get('old')).toBeNull();
    store.close();
  });

  it('records alert deliveries and tracks firing alert state', () => {
    const store = Store.open(tempDir());
    const d = store.deliveries.record({
      at: '2026-01-01T10:00:00.000Z',
      findingId: 'f1',
      sink: 'pd',
      action: 'trigger',
      attempt: 1,
      ok: false,
      statusCode: 500,
      error: 'HTTP 500',
    });
    expect(store.deliveries.list()).toEqual([d]);
    store.deliveries.saveState({
      findingId: 'f1',
      sink: 'pd',
      firedAt: 'a',
      lastSentAt: 'a',
      resolvedAt: null,
      members: ['f1'],
    });
    expect(store.deliveries.firing()).toHaveLength(1);
    store.deliveries.saveState({
      findingId: 'f1',
      sink: 'pd',
      firedAt: 'a',
      lastSentAt: 'a',
      resolvedAt: 'b',
      members: ['f1'],
    });
    expect(store.deliveries.firing()).toHaveLength(0);
    store.close();
  });
});
