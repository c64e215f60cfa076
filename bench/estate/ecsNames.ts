// Names shared by the ECS renderers: task definition ARN, image, deployment id, running count.
import { deploymentIdOf } from '../../agent/src/demo/hash.ts';
import type { ServicePlan, UnitPlan } from './planTypes.ts';

export const taskDefArn = (plan: UnitPlan, svc: ServicePlan) =>
  `arn:aws:ecs:${plan.ids.region}:${plan.ids.account}:task-definition/${svc.name}:${svc.revision}`;
export const image = (plan: UnitPlan, svc: ServicePlan) =>
  `${plan.ids.ecrRegistry}/${svc.name}:${svc.imageTag}`;
export const deployment = (plan: UnitPlan, svc: ServicePlan) =>
  deploymentIdOf(`${plan.ids.key}/deployment/${svc.name}`);
export const running = (svc: ServicePlan) => svc.tasks.filter((t) => !t.stopped).length;
