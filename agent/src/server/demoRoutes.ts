// GET /api/demo and POST /api/demo/hold: hold the demo timeline on its current step so a breakage stays
// on screen. Only mounted when the daemon serves the built-in demo; elsewhere these answer 404.
import { Router } from 'express';
import { DemoHoldRequestSchema, type ApiError } from '@porthole/shared';
import type { DemoControl } from '../daemon/types.ts';

export function demoRouter(demo: DemoControl | undefined): Router {
  const router = Router();
  const absent: ApiError = { error: 'not serving the demo estate: there is no timeline to hold' };
  router.get('/demo', (_req, res) => void (demo ? res.json(demo.state()) : res.status(404).json(absent)));
  router.post('/demo/hold', (req, res) => {
    if (!demo) return void res.status(404).json(absent);
    const parsed = DemoHoldRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const body: ApiError = {
        error: 'invalid hold request: expected {"held": true|false}',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
      };
      return void res.status(400).json(body);
    }
    res.json(demo.setHeld(parsed.data.held));
  });
  return router;
}
