// ALB nodes → one target and back, hop by hop (ALB guide, "Target security groups" and "Network ACLs").
import { dataGaps } from '../../model/scopes.ts';
import { endpointForTarget } from '../../model/endpoints.ts';
import type { EndpointModel, EstateModel, LoadBalancerModel } from '../../model/types.ts';
import type { PortRange } from '../cidr.ts';
import {
  lazyHop,
  renderHop,
  type DecidedHop,
  type HopFacts,
  type HopTexts,
  type TextSource,
} from './decided.ts';
import { nodeHops } from './albNodeHops.ts';
import { forPort, pathClass, perAlb } from './pathClass.ts';
import { mergeDecidedHops } from './merge.ts';
import { unknownHop, type EvaluatedHop } from './hops.ts';
import { peeredNodeHops } from './peeredHops.ts';
import { insideVpc, resolvePeeredTarget } from './peeredTarget.ts';

/** ELB (and NAT gateway) replies go to the client's ephemeral port: 1024–65535 (VPC guide, "Ephemeral ports"). */
export const ELB_EPHEMERAL: PortRange = { from: 1024, to: 65535 };

export interface TargetPathEvaluation {
  targetId: string;
  port: number;
  endpoint: EndpointModel | null;
  /** Hops merged over the ALB nodes: a hop is deny when it denies any node. */
  hops: EvaluatedHop[];
  /** The hops that do not allow (deny or unknown), in order: what the rules look for, on few targets. */
  blocking: EvaluatedHop[];
}

function evaluation(
  targetId: string,
  port: number,
  endpoint: EndpointModel | null,
  hops: EvaluatedHop[],
): TargetPathEvaluation {
  return { targetId, port, endpoint, hops, blocking: hops.filter((h) => h.verdict !== 'allow') };
}

export function evaluateAlbToTarget(
  model: EstateModel,
  lb: LoadBalancerModel,
  targetId: string,
  port: number,
): TargetPathEvaluation {
  const endpoint = endpointForTarget(model, lb.scope, targetId, lb.vpcId);
  const scope = lb.scope;
  if (!endpoint && !targetId.startsWith('i-') && !insideVpc(model, scope, lb.vpcId, targetId))
    return peeredPath(model, lb, targetId, port);
  if (!endpoint) {
    const kinds = targetId.startsWith('i-') ? (['Reservations'] as const) : (['NetworkInterfaces'] as const);
    const gaps = dataGaps(model, scope, kinds);
    const why = gaps.length > 0 ? gaps : [`target ${targetId} is not in the snapshot's instances or ENIs`];
    return evaluation(targetId, port, null, [unknownHop({ component: targetId, kind: 'target', gaps: why })]);
  }
  const targetIp = targetId.startsWith('i-') ? endpoint.privateIps[0] : targetId;
  if (!targetIp) {
    return evaluation(targetId, port, endpoint, [
      unknownHop({ component: targetId, kind: 'target', gaps: [`no private IP known for ${targetId}`] }),
    ]);
  }
  if (lb.nodes.length === 0) {
    const gaps = dataGaps(model, scope, ['LoadBalancers']);
    const why = gaps.length > 0 ? gaps : [`${lb.name} has no enabled subnets`];
    return evaluation(targetId, port, endpoint, [
      unknownHop({ component: lb.arn, kind: 'load-balancer', gaps: why }),
    ]);
  }
  return evaluation(targetId, port, endpoint, pathHops(model, lb, endpoint, targetIp, port));
}

/** An ip target outside the ALB's VPC (AvailabilityZone "all"), resolved in the other partitions. */
function peeredPath(
  model: EstateModel,
  lb: LoadBalancerModel,
  ip: string,
  port: number,
): TargetPathEvaluation {
  const { endpoint, gaps } = resolvePeeredTarget(model, lb, ip);
  if (!endpoint)
    return evaluation(ip, port, null, [unknownHop({ component: ip, kind: 'peered-target', gaps })]);
  if (lb.nodes.length === 0) {
    const why = [`${lb.name} has no enabled subnets`];
    return evaluation(ip, port, endpoint, [
      unknownHop({ component: lb.arn, kind: 'load-balancer', gaps: why }),
    ]);
  }
  const perNode = lb.nodes.map((node) => peeredNodeHops(model, lb, node, endpoint, ip, port));
  return evaluation(
    ip,
    port,
    endpoint,
    mergeDecidedHops(perNode).map((h) => renderHop(h, ip)),
  );
}

/**
 * Every target of one class shares the decisions: same ALB, subnet and security groups, and the same port and
 * address class over every rule the path applies (pathClass.ts). A target's own texts (its address, its port)
 * are rendered from an exact evaluation when something reads them: a finding, the drill-down.
 */
function pathHops(
  model: EstateModel,
  lb: LoadBalancerModel,
  endpoint: EndpointModel,
  targetIp: string,
  port: number,
): EvaluatedHop[] {
  const cls = pathClass(model, lb, endpoint, targetIp, port);
  const exact = new ExactPath(model, lb, endpoint, targetIp, port);
  if (cls === null) return exact.hops().map((h, i) => lazyHop(h.facts, exact, i));
  const shared = perAlb(model, 'albTargetPath', lb, cls, () => exact.hops().map((h) => h.facts));
  exact.expect(shared, `${lb.arn}|${cls}`);
  return shared.map((facts, i) => lazyHop(forPort(facts, port), exact, i));
}

/** One target's own evaluation, made only when one of its texts is read. */
class ExactPath implements TextSource {
  #hops: DecidedHop[] | null = null;
  #shared: HopFacts[] | null = null;
  #cls = '';
  constructor(
    private readonly model: EstateModel,
    private readonly lb: LoadBalancerModel,
    private readonly endpoint: EndpointModel,
    private readonly targetIp: string,
    private readonly port: number,
  ) {}
  hops(): DecidedHop[] {
    const { model, lb, endpoint, targetIp, port } = this;
    return (this.#hops ??= mergeDecidedHops(
      lb.nodes.map((node) => nodeHops(model, lb, node, endpoint, targetIp, port)),
    ));
  }
  expect(shared: HopFacts[], cls: string) {
    this.#shared = shared;
    this.#cls = cls;
  }
  textsOf(i: number): HopTexts {
    const hop = this.hops()[i];
    const shared = this.#shared?.[i];
    // The class guarantees the same verdicts, hence the same merged hops; anything else is a bug, said loudly.
    if (
      !hop ||
      (shared && (hop.facts.component !== shared.component || hop.facts.verdict !== shared.verdict))
    )
      throw new Error(`path class ${this.#cls} does not hold for ${this.targetIp}:${this.port}`);
    return hop.texts(this.targetIp);
  }
}
