// Seed stories about the load balancer and its target groups. Reasons and descriptions are the ones
// DescribeTargetHealth prints (ELB API reference, TargetHealth).
import type { TgKey } from './ids.ts';
import {
  TIMED_OUT,
  items,
  removeItems,
  setTargetHealth,
  targetAz,
  targetGroup,
  type ScenarioKit,
} from './scenarioKit.ts';
import type { ScenarioName } from './scenarioNames.ts';
import type { Json } from './shapes.ts';

type Apply = (kit: ScenarioKit) => void;

const AZ_NOT_ENABLED = {
  State: 'unused',
  Reason: 'Target.NotInUse',
  Description: 'Target is in an Availability Zone that is not enabled for the load balancer',
};

const NOT_ROUTED = {
  State: 'unused',
  Reason: 'Target.NotInUse',
  Description: 'Target group is not configured to receive traffic from the load balancer',
};

export const elbScenarios: Partial<Record<ScenarioName, Apply>> = {
  'health-check-404'(kit) {
    targetGroup(kit, 'web').HealthCheckPath = '/healthz';
    setTargetHealth(
      kit,
      'web',
      {
        State: 'unhealthy',
        Reason: 'Target.ResponseCodeMismatch',
        Description: 'Health checks failed with these codes: [404]',
      },
      95,
    );
  },

  'az-disabled'(kit) {
    const { ids } = kit;
    const web = ids.loadBalancers.web;
    const dropped = ids.subnets.publicB;
    const lb = items(kit, 'LoadBalancers').find((l) => l.LoadBalancerArn === web.arn);
    if (!lb) throw new Error('demo scenario: web-alb not found in the estate');
    lb.AvailabilityZones = (lb.AvailabilityZones as Json[]).filter((az) => az.SubnetId !== dropped.id);
    const nodeEni = web.enis.find((e) => e.subnet === 'publicB')?.eniId;
    removeItems(kit, 'NetworkInterfaces', (e) => e.NetworkInterfaceId === nodeEni);
    for (const key of ['web', 'admin', 'api'] as TgKey[]) {
      setTargetHealth(kit, key, AZ_NOT_ENABLED, 95, (desc) => targetAz(kit, desc) === dropped.az);
    }
  },

  'app-not-listening'(kit) {
    // Nothing in the configuration changed: the new image binds 127.0.0.1, invisible to any API.
    setTargetHealth(kit, 'web', TIMED_OUT, 95);
  },

  'target-group-orphaned'(kit) {
    const { ids } = kit;
    removeItems(kit, 'Rules', (rule) => rule.RuleArn === ids.rules.adminPath);
    targetGroup(kit, 'admin').LoadBalancerArns = [];
    setTargetHealth(kit, 'admin', NOT_ROUTED, 95);
  },
};
