// A poll source for the front-door story: healthy on the first poll, then the ALB SG loses its port-80 rule
// (no client can reach web-alb; prod/web, prod/api and prod/admin behind it go down).
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import type { PollSource } from '../../../agent/src/daemon/types.ts';
import { albSgAdmitsNobody } from '../../../core/test-kit/fixCorpus.ts';
import { healthy } from '../../../core/test-kit/ruleTestKit.ts';

/** Healthy on the first poll, then the ALB SG loses its port-80 rule. */
export function frontDoorSource(): PollSource {
  let polls = 0;
  return {
    kind: 'demo',
    label: 'front-door story',
    async poll() {
      const docs = polls++ === 0 ? healthy() : albSgAdmitsNobody();
      return { snapshot: snapshotFromDocuments(docs), calls: null };
    },
    checkpoint: () => polls,
    restore: () => undefined,
  };
}
