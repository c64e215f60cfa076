// REST routes under /api, registered from the shared route table (params, query and body validated with its
// schemas; errors answer { error, issues[] }).
import { Router, type RequestHandler } from 'express';
import type { ApiBackend } from './backend.ts';
import { notFound, serveRoute } from './serveRoute.ts';

export const API_PREFIX = '/api';

export function apiRouter(backend: ApiBackend, postLimiter: RequestHandler): Router {
  const r = Router();
  const api = { prefix: API_PREFIX };

  serveRoute(r, 'overview', () => backend.overview(), api);
  serveRoute(r, 'services', () => backend.services(), api);
  serveRoute(
    r,
    'service',
    async ({ params, query }) => {
      const name = `${params.cluster}/${params.service}`;
      return (await backend.serviceDetail(name, query)) ?? notFound(`no service named ${name}`);
    },
    api,
  );

  serveRoute(
    r,
    'findings',
    ({ query: q }) =>
      backend.findings({
        ...(q.status !== 'all' ? { status: q.status } : {}),
        ...(q.service ? { service: q.service } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
    api,
  );
  serveRoute(
    r,
    'findingDetail',
    async ({ params }) =>
      (await backend.findingDetail(params.id)) ?? notFound(`no finding with id ${params.id}`),
    api,
  );
  serveRoute(
    r,
    'finding',
    async ({ params }) => (await backend.finding(params.id)) ?? notFound(`no finding with id ${params.id}`),
    api,
  );

  serveRoute(
    r,
    'events',
    ({ query: q }) => {
      const since = q.since;
      return backend.events({
        ...(since && /^\d+$/.test(since) ? { afterId: Number(since) } : {}),
        ...(since && !/^\d+$/.test(since) ? { sinceTime: new Date(since).toISOString() } : {}),
        ...(q.service ? { service: q.service } : {}),
        ...(q.type ? { types: q.type } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
    },
    api,
  );

  serveRoute(
    r,
    'deliveries',
    ({ query: q }) =>
      backend.deliveries({
        ...(q.finding ? { findingId: q.finding } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
    api,
  );

  // The limiter runs after validation: only well-formed requests (already authenticated by the router's
  // caller) count, so a page on another origin cannot use up the budget with requests that fail anyway.
  const limited = { ...api, before: postLimiter };
  serveRoute(r, 'explain', ({ body }) => backend.explain(body), limited);
  serveRoute(r, 'reach', ({ body }) => backend.reach(body), limited);

  r.use(
    (req, res) => void res.status(404).json({ error: `no such endpoint: ${req.method} /api${req.path}` }),
  );
  return r;
}
