// HA explain and reach: a daemon holding several shards answers from the one whose model has the load
// balancer (or both reach endpoints), whichever order the shards were claimed in; when none has it, the
// answer stays unknown / bad input and names the shards this daemon holds.
import { describe, expect, it } from 'vitest';
import { explainUrl } from '@porthole/core/engine/explain.js';
import { PathInputError } from '@porthole/core/engine/errors.js';
import { reachPath } from '@porthole/core/engine/reach.js';
import type { EstateModel } from '@porthole/core/model/types.js';
import { peerAccountDocs } from '../../../../core/test-kit/peeredEstate.ts';
import { healthy, ids, modelOf } from '../../../../core/test-kit/ruleTestKit.ts';
import type { Analyzer } from '../analyzer.ts';
import { explainOnHeldShards, reachOnHeldShards } from './heldPaths.ts';
import type { ShardRunner } from './runner.ts';

/** A held shard as the estate view sees it: analysed, with an analyzer over one model. */
function heldShard(model: EstateModel): ShardRunner {
  const analyzer = {
    explainUrl: async (o: Parameters<Analyzer['explainUrl']>[0]) =>
      explainUrl(model, o.url, o.from, o.request),
    reachPath: async (q: Parameters<Analyzer['reachPath']>[0]) => reachPath(model, q),
  };
  return {
    analysed: true,
    latest: { lastOkAt: '2026-12-01T12:00:00.000Z' },
    analyzer,
  } as unknown as ShardRunner;
}

const demo = heldShard(modelOf(healthy()));
const peer = heldShard(modelOf(peerAccountDocs('eu-west-1')));
const web = ids.loadBalancers.web;

describe('paths on the shards a daemon holds', () => {
  it('explain: the shard with the load balancer answers, in either claim order', async () => {
    for (const runners of [
      new Map([
        ['444455556666/eu-west-1', peer],
        ['demo/eu-west-1', demo],
      ]),
      new Map([
        ['demo/eu-west-1', demo],
        ['444455556666/eu-west-1', peer],
      ]),
    ]) {
      const r = await explainOnHeldShards(runners, (a, at) =>
        a.explainUrl({ url: `http://${web.dnsName}/`, from: undefined }, at),
      );
      expect(r.reachable).toBe(true);
      expect(r.hops.length).toBeGreaterThan(0);
    }
  });

  it('explain: no held shard has it → unknown, naming the shards held here', async () => {
    const runners = new Map([['444455556666/eu-west-1', peer]]);
    const r = await explainOnHeldShards(runners, (a, at) =>
      a.explainUrl({ url: `http://${web.dnsName}/`, from: undefined }, at),
    );
    expect(r.reachable).toBe(false);
    expect(r.verdict).toBe('unknown');
    expect(r.summary).toContain('this daemon holds 444455556666/eu-west-1');
  });

  it('reach: bad input on every held shard is bad input, naming the shards; found on one → answered', async () => {
    const q = { from: 'internet', to: web.name, port: 80, protocol: 'tcp' as const };
    const both = new Map([
      ['444455556666/eu-west-1', peer],
      ['demo/eu-west-1', demo],
    ]);
    expect((await reachOnHeldShards(both, (a, at) => a.reachPath(q, at))).reachable).toBe(true);
    const onlyPeer = new Map([['444455556666/eu-west-1', peer]]);
    const failed = reachOnHeldShards(onlyPeer, (a, at) => a.reachPath(q, at));
    await expect(failed).rejects.toBeInstanceOf(PathInputError);
    await expect(failed).rejects.toThrow(/this daemon holds 444455556666\/eu-west-1/);
  });

  it('holding no analysed shard is "not ready", not an answer', async () => {
    await expect(
      explainOnHeldShards(new Map(), async () => {
        throw new Error('not asked');
      }),
    ).rejects.toThrow(/holds no shard/);
  });
});
