// Fix for a pinned host port: register a task definition revision with hostPort 0 (bridge; host mode must switch
// to bridge, as host mode requires hostPort = containerPort), roll the service, and make sure the container
// instances' SG admits the dynamic range from the ALB SG (ECS guide, "Use an Application Load Balancer").
import type { Fix, SnapshotScope } from '@porthole/shared';
import { endpointForInstance } from '../../model/endpoints.ts';
import type { EstateModel, ServiceModel } from '../../model/types.ts';
import { prefixListResolver } from '../../net/paths/hops.ts';
import { evaluateSecurityGroups } from '../../net/securityGroups.ts';
import { serviceInstanceIds } from '../../analysis/ecsPlacement.ts';
import { regionFlag } from '../support/finding.ts';
import type { StaticPort } from '../catalog/staticHostPortConflict.ts';
import { albNeeds } from './openRuleFix.ts';
import { securityGroupFix } from './securityGroupFix.ts';

const DYNAMIC = { from: 32768, to: 65535 };

/** Does the instance SG set already admit the ALB SG on the whole dynamic range? */
function admitsDynamicRange(
  model: EstateModel,
  scope: SnapshotScope,
  groupIds: string[],
  albGroupId: string,
  vpcCidr: string,
): boolean {
  const groups = groupIds.map(
    (id) => model.securityGroups.get(scope, id) ?? { GroupId: id, missing: true as const },
  );
  const peer = { address: vpcCidr, securityGroupIds: [albGroupId] };
  return (
    evaluateSecurityGroups(groups, 'ingress', peer, 'tcp', DYNAMIC, prefixListResolver(model, scope))
      .verdict === 'allow'
  );
}

export function dynamicPortFix(model: EstateModel, svc: ServiceModel, ports: StaticPort[]): Fix {
  const region = regionFlag(svc.scope);
  const family = svc.taskDefinitionArn?.split('/').pop()?.split(':')[0] ?? svc.name;
  const host = svc.networkMode === 'host';
  const edits = ports.map(
    (p) => `${p.containerName} containerPort ${p.containerPort ?? '?'}: hostPort ${p.hostPort} → 0`,
  );
  const awsCli = [
    `aws ecs describe-task-definition --task-definition ${svc.taskDefinitionArn ?? family}${region} --query taskDefinition > taskdef.json`,
    `# edit taskdef.json: ${edits.join('; ')}${host ? '; networkMode "host" → "bridge"' : ''}; drop taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, registeredBy`,
    `aws ecs register-task-definition --cli-input-json file://taskdef.json${region}`,
    `aws ecs update-service --cluster ${svc.clusterName} --service ${svc.name} --task-definition ${family}${region}`,
  ];
  const byContainer = new Map<string, StaticPort[]>();
  for (const p of ports) byContainer.set(p.containerName, [...(byContainer.get(p.containerName) ?? []), p]);
  const terraform = [
    `resource "aws_ecs_task_definition" "${family.replace(/[^A-Za-z0-9_]/g, '_')}" {`,
    `  family       = "${family}"`,
    `  network_mode = "bridge"`,
    `  container_definitions = jsonencode([`,
    ...[...byContainer].flatMap(([name, list]) => [
      `    {`,
      `      name = "${name}"`,
      `      # … image, cpu, memory as today`,
      `      portMappings = [`,
      ...list.map(
        (p) =>
          `        { containerPort = ${p.containerPort ?? p.hostPort}, hostPort = 0, protocol = "${p.protocol}" },`,
      ),
      `      ]`,
      `    },`,
    ]),
    `  ])`,
    `}`,
  ];
  // The ALB must then reach every dynamic port: admit the range from its SG where it is not admitted yet.
  const albGroups = [...new Set(albNeeds(model, svc).flatMap((n) => (n.albGroupId ? [n.albGroupId] : [])))];
  const endpoints = serviceInstanceIds(model, svc).flatMap(
    (id) => endpointForInstance(model, svc.scope, id) ?? [],
  );
  const instanceGroups = [...new Set(endpoints.flatMap((e) => e.securityGroupIds))];
  const vpcId = endpoints[0]?.vpcId;
  const vpcCidr = (vpcId ? model.vpcs.get(svc.scope, vpcId)?.CidrBlock : undefined) ?? '10.0.0.0/8';
  const target = instanceGroups[0] ?? 'CONTAINER_INSTANCE_SECURITY_GROUP_ID';
  const sgFixes = albGroups
    .filter(
      (alb) =>
        instanceGroups.length === 0 || !admitsDynamicRange(model, svc.scope, instanceGroups, alb, vpcCidr),
    )
    .map((alb) =>
      securityGroupFix(
        '',
        {
          groupId: target,
          direction: 'ingress',
          protocol: 'tcp',
          from: DYNAMIC.from,
          to: DYNAMIC.to,
          peer: { groupId: alb },
          description: 'ALB to ECS dynamic host ports',
        },
        svc.scope,
      ),
    );
  const sgText =
    sgFixes.length > 0
      ? ` and allow tcp 32768-65535 on ${target} from the ALB's security group ${albGroups.join(', ')}`
      : '';
  return {
    summary: `Set hostPort 0 (dynamic)${host ? ' and switch the task definition to bridge mode' : ''} for ${ports.map((p) => p.containerName).join(', ')}${sgText}; the ALB registers each task's port.`,
    awsCli: [...awsCli, ...sgFixes.flatMap((f) => f.awsCli)],
    terraform: [terraform.join('\n'), ...sgFixes.map((f) => f.terraform)].join('\n\n'),
  };
}
