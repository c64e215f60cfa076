import { describe, expect, it } from 'vitest';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { applyScenario, SCENARIO_NAMES } from '@porthole/estate/demo/scenarios.js';
import { buildModel } from '../../model/build.ts';
import { snapshotFromDocuments } from '../../../../agent/src/sources/snapshot/index.ts';
import { evaluateAlbToTarget } from './albToTarget.ts';
import { plainHop } from './decided.ts';
import { addressClass } from './hopCache.ts';

describe('addressClass', () => {
  it('keys an address by which CIDRs contain it, and refuses partial overlaps', () => {
    expect(addressClass(['10.0.0.0/16', '192.168.0.0/16', '0.0.0.0/0'], '10.0.4.5')).toBe('101');
    expect(addressClass(['10.0.0.0/24'], '10.0.0.0/16')).toBeNull();
  });
});

describe('memoised hops', () => {
  it('give exactly what a fresh evaluation gives, for every target of every scenario', () => {
    for (const scenario of ['healthy', ...SCENARIO_NAMES] as const) {
      const docs = scenario === 'healthy' ? buildDemoEstate() : applyScenario(buildDemoEstate(), scenario);
      const shared = buildModel(snapshotFromDocuments(docs));
      for (const tg of shared.targetGroups.values()) {
        for (const target of tg.targets ?? []) {
          const lb = shared.loadBalancers.get(tg.loadBalancerArns[0] ?? '');
          if (!lb || target.port === null) continue;
          const cached = evaluateAlbToTarget(shared, lb, target.id, target.port);
          const fresh = buildModel(snapshotFromDocuments(docs));
          const uncached = evaluateAlbToTarget(
            fresh,
            fresh.loadBalancers.get(lb.arn)!,
            target.id,
            target.port,
          );
          // Plain copies: texts are rendered on read, and every one must be the target's own.
          const plain = (hops: typeof cached.hops) => hops.map(plainHop);
          expect(plain(cached.hops), `${scenario} ${target.id}:${target.port}`).toEqual(plain(uncached.hops));
        }
      }
    }
  });
});
