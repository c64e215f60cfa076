// GET /api/demo and POST /api/demo/hold: hold the demo timeline on its current step so a breakage stays
// on screen. Only mounted when the daemon serves the built-in demo; elsewhere these answer 404.
import { Router } from 'express';
import type { ApiError } from '@porthole/shared';
import type { DemoControl } from '../daemon/types.ts';
import { Reply, serveRoute } from './serveRoute.ts';
import { API_PREFIX } from './routes.ts';

export function demoRouter(demo: DemoControl | undefined): Router {
  const router = Router();
  const absent = new Reply<ApiError>(404, {
    error: 'not serving the demo estate: there is no timeline to hold',
  });
  serveRoute(router, 'demo', () => (demo ? demo.state() : absent), { prefix: API_PREFIX });
  serveRoute(router, 'demoHold', ({ body }) => (demo ? demo.setHeld(body.held) : absent), {
    prefix: API_PREFIX,
    invalidBody: 'invalid hold request: expected {"held": true|false}',
  });
  return router;
}
