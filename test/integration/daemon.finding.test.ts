// GET /api/findings/:id/detail — what the finding page (#/findings/<id>) shows: open and resolved findings
// from the store, with their open/resolved history and the timeline on their own resources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindingDetailSchema, type FindingRecord } from '@porthole/shared';
import { scriptedSource, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

let t: TestDaemon;
beforeAll(async () => {
  t = await startTestDaemon({
    source: scriptedSource([
      [],
      ['dynamic-ports-blocked'],
      ['dynamic-ports-blocked'],
      [],
      ['dynamic-ports-blocked'],
      [],
    ]),
  });
});
afterAll(() => t.stop());

const detail = async (id: string) => {
  const res = await t.get(`/api/findings/${encodeURIComponent(id)}/detail`);
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('finding detail', () => {
  let id = '';
  it('answers an open finding with its history and the changes on its own resources', async () => {
    await t.step();
    await t.step();
    const open = (await (await t.get('/api/findings')).json()) as FindingRecord[];
    const web = open.find((f) => f.service === 'prod/web' && f.rule === 'sg-blocks-dynamic-ports')!;
    id = web.id;
    const { status, body } = await detail(id);
    expect(status).toBe(200);
    const d = FindingDetailSchema.parse(body);
    expect(d.finding).toMatchObject({ id, status: 'open' });
    expect(d.history.map((e) => e.type)).toEqual(['finding-opened']);
    const blocker = web.resources[0]!;
    expect(
      d.timeline.some((e) => e.type === 'security-group-rule-removed' && e.resources[0] === blocker),
    ).toBe(true);
    expect(
      d.timeline.every(
        (e) => e.service === 'prod/web' || web.resources.includes(e.resources[0]!) || e.resources[0] === id,
      ),
    ).toBe(true);
  });

  it('still answers once resolved (from the store), with every episode', async () => {
    await t.step();
    await t.step(); // fixed
    await t.step(); // broken again: reopened
    await t.step(); // fixed again
    await t.step();
    const { body } = await detail(id);
    const d = FindingDetailSchema.parse(body);
    expect(d.finding.status).toBe('resolved');
    expect(d.history.map((e) => e.type)).toEqual([
      'finding-opened',
      'finding-resolved',
      'finding-opened',
      'finding-resolved',
    ]);
    expect(d.history[2]!.message).toMatch(/^Finding reopened/);
    expect(FindingDetailSchema.parse((await detail(id)).body).finding.resolvedAt).not.toBeNull();
  });

  it('answers 404 naming an unknown id', async () => {
    const { status, body } = await detail('no-such:finding');
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'no finding with id no-such:finding' });
  });
});
