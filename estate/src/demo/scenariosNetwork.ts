// Seed stories about security groups and NACLs: the change, and the target health AWS then reports.
import { TIMED_OUT, items, securityGroup, setTargetHealth, type ScenarioKit } from './scenarioKit.ts';
import type { ScenarioName } from './scenarioNames.ts';
import { naclEntry, sgPermission, sortNaclEntries, type Json } from './shapes.ts';

type Apply = (kit: ScenarioKit) => void;

export const networkScenarios: Partial<Record<ScenarioName, Apply>> = {
  'dynamic-ports-blocked'(kit) {
    // A deploy "tidied" the rule to the container port; bridge targets are registered on host ports 32768+.
    securityGroup(kit, 'ecsInstances').IpPermissions = [
      sgPermission(kit.ids.account, 'tcp', [8081, 8081], {
        group: kit.ids.sgs.alb,
        description: 'web container port from web-alb',
      }),
    ];
    setTargetHealth(kit, 'web', TIMED_OUT, 95);
    setTargetHealth(kit, 'admin', TIMED_OUT, 96);
  },

  'alb-sg-reference-bastion'(kit) {
    // Someone "restricted" the listener to the bastion; health checks are unaffected, the bastion is not.
    securityGroup(kit, 'alb').IpPermissions = [
      sgPermission(kit.ids.account, 'tcp', [80, 80], {
        group: kit.ids.sgs.bastion,
        description: 'bastion only',
      }),
      sgPermission(kit.ids.account, 'tcp', [443, 443], { cidr: '0.0.0.0/0' }),
    ];
  },

  'nacl-return-blocked'(kit) {
    const acl = items(kit, 'NetworkAcls').find((a) => a.NetworkAclId === kit.ids.nacls.private);
    if (!acl) throw new Error('demo scenario: private NACL not found in the estate');
    acl.Entries = sortNaclEntries([
      ...(acl.Entries as Json[]),
      naclEntry({
        ruleNumber: 90,
        egress: true,
        action: 'deny',
        cidr: kit.ids.publicRange,
        protocol: '6',
        ports: [1024, 65535],
      }),
    ]);
    setTargetHealth(kit, 'web', TIMED_OUT, 95);
    setTargetHealth(kit, 'admin', TIMED_OUT, 96);
    setTargetHealth(kit, 'api', TIMED_OUT, 97);
  },

  'alb-egress-restricted'(kit) {
    securityGroup(kit, 'alb').IpPermissionsEgress = [
      sgPermission(kit.ids.account, 'tcp', [443, 443], { cidr: '0.0.0.0/0' }),
    ];
    setTargetHealth(kit, 'web', TIMED_OUT, 95);
    setTargetHealth(kit, 'admin', TIMED_OUT, 96);
    setTargetHealth(kit, 'api', TIMED_OUT, 97);
  },

  'api-task-sg-wrong-port'(kit) {
    securityGroup(kit, 'apiTasks').IpPermissions = [
      sgPermission(kit.ids.account, 'tcp', [80, 80], {
        group: kit.ids.sgs.alb,
        description: 'api from web-alb',
      }),
    ];
    setTargetHealth(kit, 'api', TIMED_OUT, 97);
  },

  'overly-open-instance-sg'(kit) {
    securityGroup(kit, 'ecsInstances').IpPermissions = [
      sgPermission(kit.ids.account, 'tcp', [0, 65535], { cidr: '0.0.0.0/0', description: 'temporary debug' }),
    ];
  },
};
