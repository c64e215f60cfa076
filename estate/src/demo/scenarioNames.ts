// The seed stories: each a configuration change plus what AWS then reports, in one line.

export const SCENARIOS = [
  {
    name: 'dynamic-ports-blocked',
    description:
      'The instance SG was narrowed to tcp 8081 from the ALB SG; bridge tasks listen on dynamic host ports, so web and admin targets time out',
  },
  {
    name: 'alb-sg-reference-bastion',
    description:
      "web-alb's SG admits port 80 only from the bastion SG; the bastion reaches the ALB from its public IP, which an SG reference never matches",
  },
  {
    name: 'nacl-return-blocked',
    description:
      "The private subnets' NACL denies outbound tcp 1024-65535 to the public subnets (rule 90), dropping replies to the ALB: web, admin and api targets time out",
  },
  {
    name: 'nat-route-removed',
    description:
      'The private route table lost 0.0.0.0/0 → NAT gateway; new api tasks stop with CannotPullContainerError and the ECS agents disconnect',
  },
  {
    name: 'nat-instance-source-dest-check',
    description:
      'The private subnets route 0.0.0.0/0 to a NAT instance whose source/destination check is still on, so it drops forwarded traffic',
  },
  {
    name: 'health-check-404',
    description: 'web-tg checks /healthz, which the app does not serve: web targets fail with [404]',
  },
  {
    name: 'az-disabled',
    description: 'web-alb no longer has a node in the second AZ; targets there are unused (Target.NotInUse)',
  },
  {
    name: 'alb-egress-restricted',
    description:
      "web-alb's SG egress allows only tcp 443, so health checks and traffic to the targets time out",
  },
  {
    name: 'api-task-sg-wrong-port',
    description: "The api tasks' SG allows port 80 instead of 8080 from the ALB: api targets time out",
  },
  {
    name: 'app-not-listening',
    description: 'Every hop is open, yet web targets time out: the app binds 127.0.0.1 inside the container',
  },
  {
    name: 'target-group-orphaned',
    description:
      'The /admin/* listener rule was deleted; admin-tg receives no traffic and its targets are unused',
  },
  {
    name: 'overly-open-instance-sg',
    description: 'The instance SG admits tcp 0-65535 from 0.0.0.0/0: still healthy, but far too open',
  },
  {
    name: 'grace-too-short',
    description:
      'web has a 0 s health-check grace period while checks need 2 × 30 s; slow-starting tasks are killed by ELB health checks',
  },
] as const;

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((s) => s.name);

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}
