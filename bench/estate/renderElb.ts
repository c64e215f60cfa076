// `aws elbv2 describe-load-balancers|listeners|rules|target-groups` and target health (Batfish's wrapper
// `{"LoadBalancerTargetHealth":[{TargetGroupArn, TargetHealthDescriptions}]}`) for a unit's two ALBs.
import { hexOf } from '@porthole/estate/demo/hash.js';
import type { Json } from '@porthole/estate/demo/shapes.js';
import { TIMES } from '@porthole/estate/demo/time.js';
import * as elb from '@porthole/estate/shapes/elb.js';
import type { ServicePlan, UnitPlan } from './plan.ts';
import type { LbKey } from './unitIds.ts';

const LB_KEYS: LbKey[] = ['web', 'internal'];
const lbServices = (plan: UnitPlan, lb: LbKey) => plan.services.filter((s) => s.lb === lb && s.tg);

export function loadBalancers(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return LB_KEYS.map((key) => {
    const lb = ids.lbs[key];
    return elb.loadBalancerShape({
      ...lb,
      vpcId: ids.vpcId,
      region: ids.region,
      createdAt: TIMES.lbCreated,
      subnets: plan.lbSubnets[key].map((s) => ids.subnets[s]),
      securityGroups: [lb.sg],
    });
  });
}

export function listeners(plan: UnitPlan): Json[] {
  return LB_KEYS.map((key) => {
    const lb = plan.ids.lbs[key];
    const dflt = lbServices(plan, key).find((s) => s.tg!.priority === null)!;
    return elb.listenerShape({ arn: lb.listenerArn, lbArn: lb.arn, port: 80, defaultTg: dflt.tg!.arn });
  });
}

// Web services are told apart by host name, internal ones by path.
const condition = (svc: ServicePlan, host: string): Json =>
  svc.lb === 'web'
    ? elb.ruleCondition('host-header', host)
    : elb.ruleCondition('path-pattern', `/${svc.role}/*`);

export function rules(plan: UnitPlan): Json[] {
  return LB_KEYS.flatMap((key) => {
    const services = lbServices(plan, key);
    const numbered = services
      .filter((s) => s.tg!.priority !== null && s.tg!.routed)
      .map((s) =>
        elb.ruleShape({
          arn: s.tg!.ruleArn!,
          priority: s.tg!.priority,
          conditions: [condition(s, `${s.role}.${plan.ids.team}.example.com`)],
          tg: s.tg!.arn,
        }),
      );
    const dflt = services.find((s) => s.tg!.priority === null)!;
    const lb = plan.ids.lbs[key];
    const defaultArn = `${lb.listenerArn.replace(':listener/', ':listener-rule/')}/${hexOf(`${lb.arn}/default-rule`, 16)}`;
    return [
      ...numbered,
      elb.ruleShape({ arn: defaultArn, priority: null, conditions: [], tg: dflt.tg!.arn }),
    ];
  });
}

export function targetGroups(plan: UnitPlan): Json[] {
  return plan.services.flatMap((svc) => {
    const tg = svc.tg;
    if (!tg) return [];
    const lbArns = tg.routed ? [plan.ids.lbs[svc.lb!].arn] : [];
    return [elb.targetGroupShape({ ...tg, vpcId: plan.ids.vpcId, lbArns })];
  });
}

/** Every running task is registered: instance id + host port (bridge) or task IP + container port (awsvpc). */
export function targetHealth(plan: UnitPlan): Json[] {
  return plan.services.flatMap((svc) => {
    if (!svc.tg) return [];
    const descriptions = svc.tasks
      .filter((t) => !t.stopped)
      .map((t) => {
        const health = { ...t.health };
        if (t.bridge) {
          const id = plan.instances[t.bridge.instance]!.id;
          return elb.targetDescriptionShape({ id, port: t.bridge.hostPort!, health });
        }
        return elb.targetDescriptionShape({
          id: t.awsvpc!.ip,
          port: svc.containerPort!,
          az: plan.ids.subnets[t.subnet].az,
          healthCheckPort: svc.tg!.healthCheckPort,
          health,
        });
      });
    return [{ TargetGroupArn: svc.tg.arn, TargetHealthDescriptions: descriptions }];
  });
}
