// Facts: a flat, comparable view of the settings and states the timeline reports on. Two cycles' fact sets
// are diffed into timeline events; the last set is persisted so a restart diffs against it.
import type { Snapshot } from '@porthole/shared';
import { networkFacts } from './networkFacts.ts';
import { elbFacts } from './elbFacts.ts';
import { ecsFacts, serviceByTargetGroup } from './ecsFacts.ts';

export type FactKind =
  | 'sg-rule'
  | 'nacl-entry'
  | 'route'
  | 'load-balancer'
  | 'listener'
  | 'rule'
  | 'target-group'
  | 'target'
  | 'task'
  | 'deployment';

export interface Fact {
  kind: FactKind;
  /** What holds it, as the timeline names it: "sg-0ecs", "acl-0123", "web-tg", "prod/web". */
  owner: string;
  /** The thing itself in words: "ingress tcp 8081 from sg-alb", "listener HTTP:80 on web-alb". */
  text: string;
  /** Values compared field by field between cycles; empty for facts that are only present or absent. */
  fields: Record<string, string>;
  service: string | null;
  /** Ids/ARNs touched, the owner first: what a finding's resources are matched against. */
  resources: string[];
}

export type FactSet = Record<string, Fact>;

export function extractFacts(snapshot: Snapshot): FactSet {
  const services = serviceByTargetGroup(snapshot);
  return {
    ...networkFacts(snapshot),
    ...elbFacts(snapshot, services),
    ...ecsFacts(snapshot),
  };
}
