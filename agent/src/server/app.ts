// The HTTP app: security headers, health probes, token-guarded API and metrics, the dashboard.
import express, { type ErrorRequestHandler, type Express } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApiBackend } from './backend.ts';
import type { DaemonMetrics } from './metrics.ts';
import { apiRouter } from './routes.ts';
import { demoRouter } from './demoRoutes.ts';
import type { DemoControl } from '../daemon/types.ts';
import {
  bearerToken,
  requireAllowedHost,
  requireSameOriginPost,
  requireToken,
  securityHeaders,
  tokenMatches,
} from './security.ts';
import { createHash } from 'node:crypto';
import { staticSite } from './staticSite.ts';
import { Reply, serveRoute } from './serveRoute.ts';

export interface AppOptions {
  backend: ApiBackend;
  metrics: DaemonMetrics;
  /** PORTHOLE_TOKEN; null = no auth (loopback only, enforced by the caller). */
  token: string | null;
  /** The bind address: without a token, requests must name it or a loopback host. */
  host: string;
  postRateLimitPerMinute: number;
  trustProxy: boolean;
  webDist: string;
  /** The demo source's hold control; absent for snapshot and live sources. */
  demo?: DemoControl;
}

export function createApp(opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', opts.trustProxy);
  app.use(securityHeaders());
  app.use(requireAllowedHost(opts.host, opts.token));

  // Probes stay open (they reveal nothing) so orchestrators can use them without the token.
  serveRoute(app, 'healthz', () => ({ ok: true }));
  // Freshness names snapshot paths, accounts and parse errors: only for a request that carries the token.
  serveRoute(app, 'readyz', async ({ req }) => {
    const ready = opts.backend.ready();
    const authorized =
      opts.token !== null && tokenMatches(opts.token, bearerToken(req.headers.authorization));
    // HA mode: which shards this daemon holds and every lease (shard names only, no freshness detail).
    const shards = opts.backend.shards ? { shards: await opts.backend.shards() } : {};
    return new Reply(
      ready ? 200 : 503,
      authorized ? { ready, ...shards, freshness: await opts.backend.freshness() } : { ready, ...shards },
    );
  });

  const auth = requireToken(opts.token);
  serveRoute(
    app,
    'metrics',
    async ({ res }) => {
      res.type(opts.metrics.registry.contentType);
      return opts.metrics.registry.metrics();
    },
    { before: auth },
  );

  const postLimiter = rateLimit({
    windowMs: 60_000,
    limit: opts.postRateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    message: { error: 'too many requests: POST endpoints are rate limited, try again in a minute' },
    // Per token (hashed: the key store must not hold it), or per client address without one.
    keyGenerator: (req) => {
      const given = bearerToken(req.headers.authorization);
      return given
        ? `token:${createHash('sha256').update(given).digest('hex')}`
        : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
  });
  app.use(
    '/api',
    auth,
    requireSameOriginPost(),
    express.json({ limit: '32kb' }),
    demoRouter(opts.demo),
    apiRouter(opts.backend, postLimiter),
  );
  app.use(staticSite(opts.webDist));

  const onError: ErrorRequestHandler = (
    err: { status?: number; type?: string; message?: string },
    _req,
    res,
    _next,
  ) => {
    // body-parser errors carry a status (400 bad JSON, 413 too large); anything else is our bug.
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return void res.status(err.status).json({ error: err.message ?? 'bad request' });
    }
    console.error('porthole: request failed:', err);
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}
