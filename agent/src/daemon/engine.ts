// The real engine behind the daemon's Engine seam.
import { analyzeSnapshot } from '../engine/analyze.ts';
import { explainUrl } from '../engine/explain.ts';
import { reachPath } from '../engine/reach.ts';
import { servicePaths } from './servicePaths.ts';
import type { Engine } from './types.ts';

export const realEngine: Engine = {
  analyze: (snapshot, opts) => analyzeSnapshot(snapshot, opts),
  explainUrl: (model, url, from, now) => explainUrl(model, url, from, now),
  reachPath: (model, req, now) => reachPath(model, req, now),
  servicePaths: (model, name, now) => servicePaths(model, name, now),
};
