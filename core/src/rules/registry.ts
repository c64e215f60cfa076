// The one explicit list of rules. Order = precedence when choosing a target's root cause:
// the most specific explanation first, elimination-based ones last.
import { albSgBlocksListener } from './catalog/albSgBlocksListener.ts';
import { albSgEgressBlocksTargets } from './catalog/albSgEgressBlocksTargets.ts';
import { naclBlocksReturnTraffic } from './catalog/naclBlocksReturnTraffic.ts';
import { naclBlocksTargetTraffic } from './catalog/naclBlocksTargetTraffic.ts';
import { noListenerOnPort } from './catalog/noListenerOnPort.ts';
import { appNotListening } from './catalog/appNotListening.ts';
import { healthCheckMismatch } from './catalog/healthCheckMismatch.ts';
import { naclBlocksListener } from './catalog/naclBlocksListener.ts';
import { sgBlocksHealthCheckPort } from './catalog/sgBlocksHealthCheckPort.ts';
import { targetAzNotEnabled } from './catalog/targetAzNotEnabled.ts';
import { targetGroupNotRouted } from './catalog/targetGroupNotRouted.ts';
import { sgBlocksDynamicPorts } from './catalog/sgBlocksDynamicPorts.ts';
import { sgBlocksTargetPort } from './catalog/sgBlocksTargetPort.ts';
import { sgReferencePublicIp } from './catalog/sgReferencePublicIp.ts';
import { publicSubnetNoIgw } from './catalog/publicSubnetNoIgw.ts';
import { natInstanceSourceDestCheck } from './catalog/natInstanceSourceDestCheck.ts';
import { privateSubnetNoEgress } from './catalog/privateSubnetNoEgress.ts';
import { healthCheckGraceTooShort } from './catalog/healthCheckGraceTooShort.ts';
import { staticHostPortConflict } from './catalog/staticHostPortConflict.ts';
import { peerRouteMissing } from './catalog/peerRouteMissing.ts';
import { overlyOpenDynamicPorts } from './catalog/overlyOpenDynamicPorts.ts';
import type { Rule } from './types.ts';

export const RULES: readonly Rule[] = [
  targetGroupNotRouted,
  targetAzNotEnabled,
  peerRouteMissing,
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
