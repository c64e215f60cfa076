// The real engine behind the daemon's Engine seam. The seam passes the cycle time; the core's analysis is a
// pure function of the model and does not read it.
import { analyzeSnapshot, explainUrl, reachPath, servicePaths } from '@porthole/core/engine/index.js';
import type { Engine } from './types.ts';

export const realEngine: Engine = {
  analyze: (snapshot) => analyzeSnapshot(snapshot),
  explainUrl: (model, url, from, _now, request) => explainUrl(model, url, from, request),
  reachPath: (model, req) => reachPath(model, req),
  servicePaths: (model, name, _now, scope) => servicePaths(model, name, undefined, scope),
};
