// The one explicit list of rules. Order = precedence when choosing a target's root cause:
// the most specific explanation first, elimination-based ones last.
import { albSgBlocksListener } from './albSgBlocksListener.ts';
import { albSgEgressBlocksTargets } from './albSgEgressBlocksTargets.ts';
import { naclBlocksReturnTraffic } from './naclBlocksReturnTraffic.ts';
import { naclBlocksTargetTraffic } from './naclBlocksTargetTraffic.ts';
import { noListenerOnPort } from './noListenerOnPort.ts';
import { sgBlocksDynamicPorts } from './sgBlocksDynamicPorts.ts';
import { sgBlocksTargetPort } from './sgBlocksTargetPort.ts';
import { sgReferencePublicIp } from './sgReferencePublicIp.ts';
import type { Rule } from './types.ts';

export const RULES: readonly Rule[] = [
  sgBlocksDynamicPorts,
  sgBlocksTargetPort,
  albSgEgressBlocksTargets,
  naclBlocksTargetTraffic,
  naclBlocksReturnTraffic,
  albSgBlocksListener,
  sgReferencePublicIp,
  noListenerOnPort,
];
