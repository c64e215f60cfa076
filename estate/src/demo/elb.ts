// `aws elbv2 describe-load-balancers|listeners|rules|target-groups|target-health`. Target health is
// Batfish's wrapper `{"LoadBalancerTargetHealth":[{TargetGroupArn, TargetHealthDescriptions}]}`.
import type { DemoIds, LbKey, TgKey } from './ids.ts';
import { SERVICE_PLANS, taskPlans, type TaskPlan } from './plan.ts';
import * as elb from '../shapes/elb.ts';
import type { Json } from './shapes.ts';
import { TIMES } from './time.ts';

export { forwardAction } from '../shapes/elb.ts';

export function loadBalancers(ids: DemoIds): Json[] {
  return (['web', 'orders'] as LbKey[]).map((key) => {
    const lb = ids.loadBalancers[key];
    return elb.loadBalancerShape({
      ...lb,
      vpcId: ids.vpcId,
      region: ids.region,
      createdAt: TIMES.lbCreated,
      subnets: lb.subnets.map((s) => ids.subnets[s]),
      securityGroups: [ids.sgs[lb.sg]],
    });
  });
}

export function listeners(ids: DemoIds): Json[] {
  return (['web', 'orders'] as const).map((key) => {
    const lb = ids.loadBalancers[key];
    return elb.listenerShape({
      arn: lb.listener80Arn,
      lbArn: lb.arn,
      port: 80,
      defaultTg: ids.targetGroups[key],
    });
  });
}

export function adminPathRule(ids: DemoIds): Json {
  const conditions = [elb.ruleCondition('path-pattern', '/admin/*')];
  return elb.ruleShape({ arn: ids.rules.adminPath, priority: 20, conditions, tg: ids.targetGroups.admin });
}

/** describe-rules for both listeners: numbered rules by priority, then the default rule. */
export function rules(ids: DemoIds): Json[] {
  const apiHost = [elb.ruleCondition('host-header', 'api.example.com')];
  return [
    elb.ruleShape({ arn: ids.rules.apiHost, priority: 10, conditions: apiHost, tg: ids.targetGroups.api }),
    adminPathRule(ids),
    elb.ruleShape({ arn: ids.rules.webDefault, priority: null, conditions: [], tg: ids.targetGroups.web }),
    elb.ruleShape({
      arn: ids.rules.ordersDefault,
      priority: null,
      conditions: [],
      tg: ids.targetGroups.orders,
    }),
  ];
}

const TG_SPECS: Array<{ key: TgKey; name: string; port: number; type: 'instance' | 'ip'; lb: LbKey }> = [
  { key: 'web', name: 'web-tg', port: 80, type: 'instance', lb: 'web' },
  { key: 'api', name: 'api-tg', port: 8080, type: 'ip', lb: 'web' },
  { key: 'admin', name: 'admin-tg', port: 80, type: 'instance', lb: 'web' },
  { key: 'orders', name: 'orders-tg', port: 8080, type: 'ip', lb: 'orders' },
];

export function targetGroups(ids: DemoIds): Json[] {
  return TG_SPECS.map((spec) =>
    elb.targetGroupShape({
      ...spec,
      arn: ids.targetGroups[spec.key],
      vpcId: ids.vpcId,
      targetType: spec.type,
      healthCheckPath: '/health',
      healthCheckPort: 'traffic-port',
      lbArns: [ids.loadBalancers[spec.lb].arn],
    }),
  );
}

/**
 * One healthy TargetHealthDescription for a running task: instance id + host port for bridge tasks,
 * ENI IP + container port for awsvpc tasks (ip targets also print their AZ).
 */
export function targetDescription(ids: DemoIds, task: TaskPlan): Json {
  const plan = SERVICE_PLANS.find((p) => p.name === task.service);
  const health = { State: 'healthy' };
  if (task.bridge) {
    const id = ids.instances[task.bridge.instance].id;
    return elb.targetDescriptionShape({ id, port: task.bridge.hostPort, health });
  }
  const port = plan?.containerPort ?? 80;
  return elb.targetDescriptionShape({ id: task.awsvpc?.privateIp ?? '', port, az: task.az, health });
}

export function targetHealth(ids: DemoIds): Json[] {
  const tasks = taskPlans(ids);
  return TG_SPECS.map((spec) => ({
    TargetGroupArn: ids.targetGroups[spec.key],
    TargetHealthDescriptions: tasks
      .filter((t) => SERVICE_PLANS.find((p) => p.name === t.service)?.targetGroup === spec.key)
      .map((t) => targetDescription(ids, t)),
  }));
}
