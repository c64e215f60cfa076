// An ENI with two security groups, neither admitting the ALB: the finding names each group on its own, in order
// (the union of an ENI's groups decides; VPC guide, "Security groups"), and its id is built from both ids.
import { describe, expect, it } from 'vitest';
import { FindingSchema } from '@porthole/shared';
import {
  applyScenario,
  buildDemoEstate,
  demoIds,
  type EstateDocuments,
} from '@porthole/estate/demo/index.js';
import { buildModel } from '../model/build.ts';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { analyzeModel } from './analyze.ts';
import { reachPath } from './reach.ts';

const ids = demoIds();
type Json = Record<string, unknown>;

function withSecondGroup(docs: EstateDocuments): EstateDocuments {
  for (const doc of docs) {
    for (const eni of (doc.json.NetworkInterfaces as Json[] | undefined) ?? []) {
      const groups = eni.Groups as Json[];
      if (groups.some((g) => g.GroupId === ids.sgs.apiTasks))
        groups.push({ GroupName: 'worker-tasks-sg', GroupId: ids.sgs.workerTasks });
    }
  }
  return docs;
}

const analyse = (docs: EstateDocuments) => {
  const model = buildModel(snapshotFromDocuments(docs));
  return { model, result: analyzeModel(model) };
};

describe('multi-SG components', () => {
  it('single SG: the id is unchanged (rule:sg:service)', () => {
    const { result } = analyse(applyScenario(buildDemoEstate(), 'api-task-sg-wrong-port'));
    const f = result.findings.find((x) => x.rule === 'sg-blocks-target-port' && x.service === 'prod/api')!;
    expect(f.id).toBe(`sg-blocks-target-port:${ids.sgs.apiTasks}:prod/api`);
    expect(f.resources[0]).toBe(ids.sgs.apiTasks);
  });

  it('two SGs: resources list each id in order; the id is built from both; a lookup by either id finds it', () => {
    const { model, result } = analyse(
      withSecondGroup(applyScenario(buildDemoEstate(), 'api-task-sg-wrong-port')),
    );
    const f = result.findings.find((x) => x.rule === 'sg-blocks-target-port' && x.service === 'prod/api')!;
    FindingSchema.parse(f);
    expect(f.resources.slice(0, 2)).toEqual([ids.sgs.apiTasks, ids.sgs.workerTasks]);
    expect(f.resources.some((r) => r.includes(','))).toBe(false);
    expect(f.id).toBe(`sg-blocks-target-port:${ids.sgs.apiTasks}+${ids.sgs.workerTasks}:prod/api`);
    for (const sg of [ids.sgs.apiTasks, ids.sgs.workerTasks])
      expect(result.findings.filter((x) => x.resources.includes(sg)).map((x) => x.id)).toContain(f.id);
    // The same through reach: the generic blocker lists both groups too.
    const eni = model.networkInterfaces
      .inScope({ account: ids.account, region: ids.region })
      .find((e) => (e.Groups ?? []).length === 2)!;
    const answer = reachPath(model, {
      from: ids.instances.bastion.id,
      to: eni.NetworkInterfaceId,
      port: 8080,
      protocol: 'tcp',
    });
    expect(answer.reachable).toBe(false);
    const blocker = answer.findings.find((x) => x.rule === 'sg-blocks-ingress')!;
    expect(blocker.resources).toEqual([ids.sgs.apiTasks, ids.sgs.workerTasks]);
    expect(blocker.id).toBe(`sg-blocks-ingress:${ids.sgs.apiTasks}+${ids.sgs.workerTasks}:request`);
  });
});
