// `aws elbv2 describe-load-balancers|listeners|rules|target-groups` and target health (Batfish's wrapper
// `{"LoadBalancerTargetHealth":[{TargetGroupArn, TargetHealthDescriptions}]}`) for a unit's two ALBs.
import { forwardAction } from '@porthole/estate/demo/elb.js';
import { hexOf } from '@porthole/estate/demo/hash.js';
import type { Json } from '@porthole/estate/demo/shapes.js';
import { TIMES } from '@porthole/estate/demo/time.js';
import type { ServicePlan, UnitPlan } from './plan.ts';
import type { LbKey } from './unitIds.ts';

const LB_KEYS: LbKey[] = ['web', 'internal'];
const lbServices = (plan: UnitPlan, lb: LbKey) => plan.services.filter((s) => s.lb === lb && s.tg);

export function loadBalancers(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return LB_KEYS.map((key) => {
    const lb = ids.lbs[key];
    return {
      LoadBalancerArn: lb.arn,
      DNSName: lb.dnsName,
      CanonicalHostedZoneId: ids.region === 'us-east-1' ? 'Z35SXDOTRQ7X7K' : 'Z32O12XQLNTSW2',
      CreatedTime: TIMES.lbCreated,
      LoadBalancerName: lb.name,
      Scheme: lb.scheme,
      VpcId: ids.vpcId,
      State: { Code: 'active' },
      Type: 'application',
      AvailabilityZones: plan.lbSubnets[key].map((s) => ({
        ZoneName: ids.subnets[s].az,
        SubnetId: ids.subnets[s].id,
        LoadBalancerAddresses: [],
      })),
      SecurityGroups: [lb.sg],
      IpAddressType: 'ipv4',
    };
  });
}

export function listeners(plan: UnitPlan): Json[] {
  return LB_KEYS.map((key) => {
    const lb = plan.ids.lbs[key];
    const dflt = lbServices(plan, key).find((s) => s.tg!.priority === null)!;
    return {
      ListenerArn: lb.listenerArn,
      LoadBalancerArn: lb.arn,
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [forwardAction(dflt.tg!.arn)],
    };
  });
}

function condition(svc: ServicePlan, host: string): Json {
  // Web services are told apart by host name, internal ones by path.
  return svc.lb === 'web'
    ? { Field: 'host-header', Values: [host], HostHeaderConfig: { Values: [host] } }
    : {
        Field: 'path-pattern',
        Values: [`/${svc.role}/*`],
        PathPatternConfig: { Values: [`/${svc.role}/*`] },
      };
}

export function rules(plan: UnitPlan): Json[] {
  return LB_KEYS.flatMap((key) => {
    const services = lbServices(plan, key);
    const numbered = services
      .filter((s) => s.tg!.priority !== null && s.tg!.routed)
      .map((s) => ({
        RuleArn: s.tg!.ruleArn,
        Priority: String(s.tg!.priority),
        Conditions: [condition(s, `${s.role}.${plan.ids.team}.example.com`)],
        Actions: [forwardAction(s.tg!.arn)],
        IsDefault: false,
      }));
    const dflt = services.find((s) => s.tg!.priority === null)!;
    const lb = plan.ids.lbs[key];
    const defaultArn = `${lb.listenerArn.replace(':listener/', ':listener-rule/')}/${hexOf(`${lb.arn}/default-rule`, 16)}`;
    return [
      ...numbered,
      {
        RuleArn: defaultArn,
        Priority: 'default',
        Conditions: [],
        Actions: [forwardAction(dflt.tg!.arn)],
        IsDefault: true,
      },
    ];
  });
}

export function targetGroups(plan: UnitPlan): Json[] {
  return plan.services.flatMap((svc) => {
    const tg = svc.tg;
    if (!tg) return [];
    return [
      {
        TargetGroupArn: tg.arn,
        TargetGroupName: tg.name,
        Protocol: 'HTTP',
        Port: tg.port,
        VpcId: plan.ids.vpcId,
        HealthCheckProtocol: 'HTTP',
        HealthCheckPort: tg.healthCheckPort,
        HealthCheckEnabled: true,
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 5,
        UnhealthyThresholdCount: 2,
        HealthCheckPath: tg.healthCheckPath,
        Matcher: { HttpCode: '200' },
        LoadBalancerArns: tg.routed ? [plan.ids.lbs[svc.lb!].arn] : [],
        TargetType: tg.targetType,
        ProtocolVersion: 'HTTP1',
        IpAddressType: 'ipv4',
      },
    ];
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
          const port = t.bridge.hostPort!;
          return {
            Target: { Id: plan.instances[t.bridge.instance]!.id, Port: port },
            HealthCheckPort: String(port),
            TargetHealth: health,
          };
        }
        const port = svc.containerPort!;
        const hcPort = svc.tg!.healthCheckPort === 'traffic-port' ? String(port) : svc.tg!.healthCheckPort;
        return {
          Target: { Id: t.awsvpc!.ip, Port: port, AvailabilityZone: plan.ids.subnets[t.subnet].az },
          HealthCheckPort: hcPort,
          TargetHealth: health,
        };
      });
    return [{ TargetGroupArn: svc.tg.arn, TargetHealthDescriptions: descriptions }];
  });
}
