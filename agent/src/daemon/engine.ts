// The real engine behind the daemon's Engine seam.
import { analyzeSnapshot, explainUrl, reachPath, servicePaths } from '../engine/index.ts';
import { findService, serviceId } from '../model/services.ts';
import { createRuleContext } from '../rules/context.ts';
import type { Engine } from './types.ts';

export const realEngine: Engine = {
  analyze: (snapshot, opts) => analyzeSnapshot(snapshot, opts),
  explainUrl: (model, url, from, now) => explainUrl(model, url, from, now),
  reachPath: (model, req, now) => reachPath(model, req, now),
  servicePaths(model, name, now, scope) {
    // The model keys services by account/region/name; pick the one the verdict names, then ask the engine
    // by that key (or, should the engine look services up by public name, by the name).
    const svc = findService(model, name, scope);
    if (!svc) return [];
    const ctx = createRuleContext(model, now);
    const byId = servicePaths(model, serviceId(svc.scope, svc.key), ctx);
    return byId.length > 0 ? byId : servicePaths(model, name, ctx);
  },
};
