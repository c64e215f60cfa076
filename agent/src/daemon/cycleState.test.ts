// The cycle state is stored as deltas: after any sequence of cycles the stored baseline and verdicts equal
// the last cycle's, each cycle writes only what changed, and an older database's kv blobs move over.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceVerdict, TargetVerdict } from '@porthole/shared';
import type { Fact, FactSet } from '@porthole/core/timeline/diff/facts.js';
import { MIGRATIONS } from '../store/migrations.ts';
import { Store } from '../store/store.ts';
import { factDelta } from './analyzer.ts';
import { verdictDelta } from './cyclePublish.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-state-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const fact = (owner: string, state: string, resources: string[]): Fact => ({
  kind: 'target',
  owner,
  text: `i-1:80`,
  fields: { state },
  service: null,
  resources,
});
const factSet = fc.dictionary(
  fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  fc
    .tuple(
      fc.constantFrom('web-tg', 'api-tg'),
      fc.constantFrom('healthy', 'unhealthy'),
      fc.array(fc.constantFrom('sg-1', 'tg-1'), { maxLength: 2 }),
    )
    .map(([o, s, r]) => fact(o, s, r)),
) as fc.Arbitrary<FactSet>;

const service = (name: string, status: ServiceVerdict['status']): ServiceVerdict =>
  ({ name, cluster: 'prod', service: name, account: '111', region: 'eu-west-1', status }) as ServiceVerdict;
const target = (id: string, state: string): TargetVerdict => ({
  targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111:targetgroup/web/1',
  id,
  port: 80,
  availabilityZone: null,
  state,
  reason: null,
  description: null,
  service: 'prod/web',
  rootCause: null,
});
const scan = (services: ServiceVerdict[], targets: TargetVerdict[]) => ({
  schemaVersion: 1 as const,
  findings: [],
  warnings: [],
  services,
  targets,
});

describe('cycle state deltas', () => {
  it('a fresh store has no baseline; an empty committed one is a baseline', () => {
    const store = Store.open(tempDir());
    expect(store.state.facts()).toBeNull();
    store.tx(() => store.state.applyFacts(factDelta(null, {})));
    expect(store.state.facts()).toEqual({});
    store.close();
  });

  it('stores exactly the last cycle’s facts, writing only the facts that changed', () => {
    fc.assert(
      fc.property(fc.array(factSet, { minLength: 1, maxLength: 6 }), (cycles) => {
        const store = Store.open(tempDir());
        let committed: FactSet | null = null;
        for (const facts of cycles) {
          const delta = factDelta(committed, facts);
          const changed = Object.keys(facts).filter(
            (k) => JSON.stringify(committed?.[k]) !== JSON.stringify(facts[k]),
          );
          expect(Object.keys(delta.upsert).sort()).toEqual(changed.sort());
          store.tx(() => store.state.applyFacts(delta));
          committed = facts;
          expect(store.state.facts()).toEqual(facts);
        }
        store.close();
      }),
      { numRuns: 40 },
    );
  });

  it('stores the last verdicts as rows, upserting the changed ones and removing the gone ones', () => {
    const store = Store.open(tempDir());
    const first = scan(
      [service('prod/web', 'healthy'), service('prod/api', 'down')],
      [target('i-1', 'healthy')],
    );
    store.tx(() => store.state.applyVerdicts(verdictDelta(null, first)));
    const second = scan(
      [service('prod/web', 'down')],
      [target('i-1', 'unhealthy'), target('i-2', 'healthy')],
    );
    const delta = verdictDelta(first, second);
    expect(delta.services).toEqual({
      upsert: [service('prod/web', 'down')],
      remove: ['111|eu-west-1|prod/api'],
    });
    expect(delta.targets.upsert.map((t) => t.id)).toEqual(['i-1', 'i-2']);
    expect(verdictDelta(second, second)).toEqual({
      services: { upsert: [], remove: [] },
      targets: { upsert: [], remove: [] },
    });
    store.tx(() => store.state.applyVerdicts(delta));
    expect(store.state.verdicts()).toEqual({ services: second.services, targets: second.targets });
    store.close();
  });

  it('moves an older version’s kv baseline and last scan into rows (migration 3)', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'porthole.db'));
    MIGRATIONS.slice(0, 2).forEach((sql) => db.exec(sql));
    db.pragma('user_version = 2');
    const baseline = { 'tg|i-1': fact('web-tg', 'healthy', ['tg-1']) };
    const last = scan([service('prod/web', 'healthy')], [target('i-1', 'healthy')]);
    const put = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?)');
    put.run('diff.baseline', JSON.stringify(baseline));
    put.run('scan.last', JSON.stringify({ ...last, findings: [{ id: 'x' }] }));
    db.close();
    const store = Store.open(dir);
    expect(store.state.facts()).toEqual(baseline);
    expect(store.state.verdicts()).toEqual({ services: last.services, targets: last.targets });
    expect(store.kv.get('diff.baseline')).toBeNull();
    expect(store.kv.get('scan.last')).toBeNull();
    store.close();
  });
});
