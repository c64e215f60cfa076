// The real engine behind the daemon's Engine seam.
import { analyzeSnapshot, explainUrl, reachPath, servicePaths } from '@porthole/core/engine/index.js';
import { createRuleContext } from '@porthole/core/rules/support/context.js';
import type { Engine } from './types.ts';

export const realEngine: Engine = {
  analyze: (snapshot, opts) => analyzeSnapshot(snapshot, opts),
  explainUrl: (model, url, from, now, request) => explainUrl(model, url, from, now, request),
  reachPath: (model, req, now) => reachPath(model, req, now),
  servicePaths(model, name, now, scope) {
    return servicePaths(model, name, createRuleContext(model, now), scope);
  },
};
