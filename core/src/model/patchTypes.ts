// What a model patch (model/patch.ts) returns: the new model and what it touched.
import type { EstateModel } from './types.ts';

/** What the patch touched, for the closure of affected findings (engine/closure.ts). */
export interface PatchSeeds {
  /** ServiceModel ids whose model changed (item, task definition or tasks), in either model. */
  services: Set<string>;
  /** Target groups whose targets or registered services changed. */
  targetGroups: Set<string>;
  /** "account|region|cluster" of clusters whose container instances changed. */
  clusters: Set<string>;
  /** Load balancers whose SG rules name a group that a changed ENI carries (or carried). */
  loadBalancers: Set<string>;
  /** "account/region|id" of changed ENIs and their addresses, for the findings that name them. */
  keys: Set<string>;
}

export interface ModelPatch {
  model: EstateModel;
  seeds: PatchSeeds;
}
