// The one explicit list of rules. Order = precedence when choosing a target's root cause:
// the most specific explanation first, elimination-based ones last.
import { albSgBlocksListener } from './albSgBlocksListener.ts';
import { albSgEgressBlocksTargets } from './albSgEgressBlocksTargets.ts';
import { naclBlocksReturnTraffic } from './naclBlocksReturnTraffic.ts';
import { naclBlocksTargetTraffic } from './naclBlocksTargetTraffic.ts';
import { noListenerOnPort } from './noListenerOnPort.ts';
import { appNotListening } from './appNotListening.ts';
import { healthCheckMismatch } from './healthCheckMismatch.ts';
import { naclBlocksListener } from './naclBlocksListener.ts';
import { sgBlocksHealthCheckPort } from './sgBlocksHealthCheckPort.ts';
import { targetAzNotEnabled } from './targetAzNotEnabled.ts';
import { targetGroupNotRouted } from './targetGroupNotRouted.ts';
import { sgBlocksDynamicPorts } from './sgBlocksDynamicPorts.ts';
import { sgBlocksTargetPort } from './sgBlocksTargetPort.ts';
import { sgReferencePublicIp } from './sgReferencePublicIp.ts';
import { publicSubnetNoIgw } from './publicSubnetNoIgw.ts';
import { natInstanceSourceDestCheck } from './natInstanceSourceDestCheck.ts';
import { privateSubnetNoEgress } from './privateSubnetNoEgress.ts';
import { healthCheckGraceTooShort } from './healthCheckGraceTooShort.ts';
import { staticHostPortConflict } from './staticHostPortConflict.ts';
import { overlyOpenDynamicPorts } from './overlyOpenDynamicPorts.ts';
import type { Rule } from './types.ts';

export const RULES: readonly Rule[] = [
  targetGroupNotRouted,
  targetAzNotEnabled,
  sgBlocksDynamicPorts,
  sgBlocksTargetPort,
  sgBlocksHealthCheckPort,
  albSgEgressBlocksTargets,
  naclBlocksTargetTraffic,
  naclBlocksReturnTraffic,
  healthCheckMismatch,
  albSgBlocksListener,
  naclBlocksListener,
  publicSubnetNoIgw,
  sgReferencePublicIp,
  noListenerOnPort,
  natInstanceSourceDestCheck,
  privateSubnetNoEgress,
  healthCheckGraceTooShort,
  staticHostPortConflict,
  overlyOpenDynamicPorts,
  // Elimination-based: only when nothing above explains the target.
  appNotListening,
];
