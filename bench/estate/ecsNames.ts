// Names shared by the ECS renderers: task definition ARN, image, deployment id, running count.
import { deploymentIdOf } from '@porthole/estate/demo/hash.js';
import type { ServicePlan, UnitPlan } from './planTypes.ts';

/**
 * Task definition family: unique in the account and region. Service names repeat across clusters (every 20th
 * unit has the same team), and a shared family:revision would be one task definition for two services.
 */
export const family = (plan: UnitPlan, svc: ServicePlan) => `${plan.ids.cluster.name}-${svc.role}`;
export const taskDefArn = (plan: UnitPlan, svc: ServicePlan) =>
  `arn:aws:ecs:${plan.ids.region}:${plan.ids.account}:task-definition/${family(plan, svc)}:${svc.revision}`;
export const image = (plan: UnitPlan, svc: ServicePlan) =>
  `${plan.ids.ecrRegistry}/${family(plan, svc)}:${svc.imageTag}`;
export const deployment = (plan: UnitPlan, svc: ServicePlan) =>
  deploymentIdOf(`${plan.ids.key}/deployment/${svc.name}`);
export const running = (svc: ServicePlan) => svc.tasks.filter((t) => !t.stopped).length;
