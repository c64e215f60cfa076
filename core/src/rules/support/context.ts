// Per-target context shared by the rules: each path (traffic port, health-check port) evaluated once.
import type {
  EstateModel,
  LoadBalancerModel,
  ServiceModel,
  TargetGroupModel,
  TargetModel,
} from '../../model/types.ts';
import { evaluateAlbToTarget, type TargetPathEvaluation } from '../../net/paths/albToTarget.ts';
import type { Probe, RuleContext } from '../types.ts';

export interface TargetContext {
  targetGroup: TargetGroupModel;
  target: TargetModel;
  loadBalancer: LoadBalancerModel;
  service: ServiceModel | null;
  traffic: TargetPathEvaluation | null;
  /** Null when the health check uses the traffic port (then `traffic` covers it) or the port is unknown. */
  healthCheck: TargetPathEvaluation | null;
  healthCheckPort: number | null;
}

export function healthCheckPortOf(tg: TargetGroupModel, target: TargetModel): number | null {
  if (tg.healthCheck.port === 'traffic-port') return target.port ?? tg.port;
  const port = Number(tg.healthCheck.port);
  return Number.isInteger(port) ? port : null;
}

export function createRuleContext(model: EstateModel, probe: Probe | null = null): RuleContext {
  let cached: TargetContext[] | null = null;
  // By load balancer, then target and port: keys the model already holds (a key string built per target
  // would be hashed afresh on every lookup).
  const paths = new Map<LoadBalancerModel, Map<string, Map<number, TargetPathEvaluation>>>();
  const pathFor = (lb: LoadBalancerModel, targetId: string, port: number) => {
    let byTarget = paths.get(lb);
    if (!byTarget) paths.set(lb, (byTarget = new Map()));
    let byPort = byTarget.get(targetId);
    if (!byPort) byTarget.set(targetId, (byPort = new Map()));
    let found = byPort.get(port);
    if (!found) {
      found = evaluateAlbToTarget(model, lb, targetId, port);
      byPort.set(port, found);
    }
    return found;
  };
  return {
    probe,
    targets() {
      if (cached) return cached;
      cached = [];
      for (const tg of model.targetGroups.values()) {
        // Lambda and ALB-type targets have no network path to evaluate.
        if (tg.targetType === 'lambda' || tg.targetType === 'alb') continue;
        const service = tg.services.length > 0 ? (model.services.get(tg.services[0]!) ?? null) : null;
        for (const target of tg.targets ?? []) {
          for (const lbArn of tg.loadBalancerArns) {
            const lb = model.loadBalancers.get(lbArn);
            // Porthole models Application Load Balancers; NLB/GWLB forward differently (client IP preservation).
            if (!lb || lb.type !== 'application') continue;
            const port = target.port ?? tg.port;
            const hcPort = healthCheckPortOf(tg, target);
            cached.push({
              targetGroup: tg,
              target,
              loadBalancer: lb,
              service,
              traffic: port === null ? null : pathFor(lb, target.id, port),
              healthCheck: hcPort === null || hcPort === port ? null : pathFor(lb, target.id, hcPort),
              healthCheckPort: hcPort,
            });
          }
        }
      }
      return cached;
    },
  };
}
