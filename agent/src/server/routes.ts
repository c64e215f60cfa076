// REST routes under /api. Every input is validated with zod; errors answer { error, issues[] }.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  ExplainRequestSchema,
  ReachRequestSchema,
  SeveritySchema,
  TimelineEventTypeSchema,
  type ApiError,
} from '@porthole/shared';
import { PathInputError } from '@porthole/core/engine/errors.js';
import { NotReadyError, type ApiBackend } from './backend.ts';
import type { RequestHandler } from 'express';

const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();

const FindingsQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  service: z.string().min(1).optional(),
  severity: SeveritySchema.optional(),
  limit: limit(1000),
});

const EventsQuery = z.object({
  /** An event id (return newer ones) or an ISO time (return events at or after it). */
  since: z
    .string()
    .refine((s) => /^\d+$/.test(s) || !Number.isNaN(Date.parse(s)), 'expected an event id or an ISO time')
    .optional(),
  service: z.string().min(1).optional(),
  /** Comma-separated event types. */
  type: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(TimelineEventTypeSchema))
    .optional(),
  limit: limit(1000),
});

const ServiceQuery = z.object({
  account: z
    .string()
    .regex(/^\d{12}$/, 'expected a 12-digit account id')
    .optional(),
  region: z.string().min(1).optional(),
});

const DeliveriesQuery = z.object({ finding: z.string().min(1).optional(), limit: limit(1000) });

function invalid(res: Response, error: z.ZodError, what: string): void {
  const body: ApiError = {
    error: `invalid ${what}`,
    issues: error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
  };
  res.status(400).json(body);
}

function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  res: Response,
  what: string,
): z.infer<T> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  invalid(res, parsed.error, what);
  return null;
}

async function pathCall(res: Response, next: NextFunction, run: () => unknown): Promise<void> {
  try {
    res.json(await run());
  } catch (err) {
    if (err instanceof NotReadyError) res.status(503).json({ error: err.message });
    else if (err instanceof PathInputError) res.status(400).json({ error: err.message });
    else next(err);
  }
}

export function apiRouter(backend: ApiBackend, postLimiter: RequestHandler): Router {
  const r = Router();
  const limited = (req: Request, res: Response, next: NextFunction, run: () => void): void => {
    Promise.resolve(postLimiter(req, res, (err?: unknown) => (err ? next(err) : run()))).catch(next);
  };

  r.get('/overview', async (_req, res) => void res.json(await backend.overview()));
  r.get('/services', async (_req, res) => void res.json(await backend.services()));
  r.get('/services/:cluster/:service', async (req: Request<{ cluster: string; service: string }>, res) => {
    const name = `${req.params.cluster}/${req.params.service}`;
    const scope = parse(ServiceQuery, req.query, res, 'query');
    if (!scope) return;
    const detail = await backend.serviceDetail(name, scope);
    if (!detail) return void res.status(404).json({ error: `no service named ${name}` });
    res.json(detail);
  });

  r.get('/findings', async (req, res) => {
    const q = parse(FindingsQuery, req.query, res, 'query');
    if (!q) return;
    res.json(
      await backend.findings({
        ...(q.status !== 'all' ? { status: q.status } : {}),
        ...(q.service ? { service: q.service } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
    );
  });
  r.get('/findings/:id/detail', async (req: Request<{ id: string }>, res) => {
    const detail = await backend.findingDetail(req.params.id);
    if (!detail) return void res.status(404).json({ error: `no finding with id ${req.params.id}` });
    res.json(detail);
  });
  r.get('/findings/:id', async (req: Request<{ id: string }>, res) => {
    const finding = await backend.finding(req.params.id);
    if (!finding) return void res.status(404).json({ error: `no finding with id ${req.params.id}` });
    res.json(finding);
  });

  r.get('/events', async (req, res) => {
    const q = parse(EventsQuery, req.query, res, 'query');
    if (!q) return;
    const since = q.since;
    res.json(
      await backend.events({
        ...(since && /^\d+$/.test(since) ? { afterId: Number(since) } : {}),
        ...(since && !/^\d+$/.test(since) ? { sinceTime: new Date(since).toISOString() } : {}),
        ...(q.service ? { service: q.service } : {}),
        ...(q.type ? { types: q.type } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
    );
  });

  r.get('/alerts/deliveries', async (req, res) => {
    const q = parse(DeliveriesQuery, req.query, res, 'query');
    if (!q) return;
    res.json(
      await backend.deliveries({
        ...(q.finding ? { findingId: q.finding } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
    );
  });

  // The limiter runs after validation: only well-formed requests (already authenticated by the router's
  // caller) count, so a page on another origin cannot use up the budget with requests that fail anyway.
  r.post('/explain', (req, res, next) => {
    const body = parse(ExplainRequestSchema, req.body, res, 'request body');
    if (body) limited(req, res, next, () => void pathCall(res, next, () => backend.explain(body)));
  });
  r.post('/reach', (req, res, next) => {
    const body = parse(ReachRequestSchema, req.body, res, 'request body');
    if (body) limited(req, res, next, () => void pathCall(res, next, () => backend.reach(body)));
  });

  r.use(
    (req, res) => void res.status(404).json({ error: `no such endpoint: ${req.method} /api${req.path}` }),
  );
  return r;
}
