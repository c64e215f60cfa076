// The REST route table: every route the daemon serves, with its inputs and its answer as zod schemas. The
// server registers its handlers from it (agent/src/server/routes.ts) and validates params, query and body
// with it; the dashboard builds paths from it and parses every answer with it (web/src/lib/api.ts).
import { z } from 'zod';
import { SeveritySchema, ServiceVerdictSchema } from './finding.ts';
import {
  AlertDeliverySchema,
  DataFreshnessSchema,
  ExplainRequestSchema,
  FindingDetailSchema,
  FindingRecordSchema,
  OverviewSchema,
  PathResultSchema,
  ReachRequestSchema,
  ServiceDetailSchema,
  TimelineEventSchema,
  TimelineEventTypeSchema,
} from './events.ts';
import { DemoHoldRequestSchema, DemoStateSchema } from './demo.ts';

export interface RouteDef {
  method: 'GET' | 'POST';
  /** Express syntax: `:name` is a path parameter. */
  path: string;
  params: z.ZodType;
  query: z.ZodType;
  /** POST only: the JSON body. */
  body?: z.ZodType;
  /** The 200 answer; `text` routes answer plain text (Prometheus exposition). */
  response: z.ZodType;
  text?: boolean;
}

const NoParams = z.object({});
const NoQuery = z.object({});
const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();

export const FindingsQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  service: z.string().min(1).optional(),
  severity: SeveritySchema.optional(),
  limit: limit(1000),
});

export const EventsQuerySchema = z.object({
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

/** Picks one service when the same cluster/service name exists in several accounts or regions. */
const ServiceScopeQuerySchema = z.object({
  account: z
    .string()
    .regex(/^\d{12}$/, 'expected a 12-digit account id')
    .optional(),
  region: z.string().min(1).optional(),
});

const DeliveriesQuerySchema = z.object({ finding: z.string().min(1).optional(), limit: limit(1000) });

const ServiceParams = z.object({ cluster: z.string().min(1), service: z.string().min(1) });
const FindingParams = z.object({ id: z.string().min(1) });

const get = <P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
  path: string,
  response: R,
  params: P,
  query: Q,
) => ({ method: 'GET' as const, path, params, query, response });
const post = <B extends z.ZodType, R extends z.ZodType>(path: string, body: B, response: R) => ({
  method: 'POST' as const,
  path,
  params: NoParams,
  query: NoQuery,
  body,
  response,
});

export const routes = {
  // Probes and metrics, outside /api (no token for the probes).
  healthz: get('/healthz', z.object({ ok: z.literal(true) }), NoParams, NoQuery),
  /** `freshness` only for a request that carries the token. */
  readyz: get(
    '/readyz',
    z.object({
      ready: z.boolean(),
      /** HA mode: the shards this daemon holds and every shard's lease. */
      shards: z.unknown().optional(),
      freshness: DataFreshnessSchema.optional(),
    }),
    NoParams,
    NoQuery,
  ),
  metrics: { ...get('/metrics', z.string(), NoParams, NoQuery), text: true },

  overview: get('/api/overview', OverviewSchema, NoParams, NoQuery),
  services: get('/api/services', z.array(ServiceVerdictSchema), NoParams, NoQuery),
  service: get(
    '/api/services/:cluster/:service',
    ServiceDetailSchema,
    ServiceParams,
    ServiceScopeQuerySchema,
  ),
  findings: get('/api/findings', z.array(FindingRecordSchema), NoParams, FindingsQuerySchema),
  finding: get('/api/findings/:id', FindingRecordSchema, FindingParams, NoQuery),
  /** One finding, open or resolved, with its history, the timeline around it and its deliveries. */
  findingDetail: get('/api/findings/:id/detail', FindingDetailSchema, FindingParams, NoQuery),
  /** Oldest first; without `since` the newest `limit`. */
  events: get('/api/events', z.array(TimelineEventSchema), NoParams, EventsQuerySchema),
  deliveries: get('/api/alerts/deliveries', z.array(AlertDeliverySchema), NoParams, DeliveriesQuerySchema),
  explain: post('/api/explain', ExplainRequestSchema, PathResultSchema),
  reach: post('/api/reach', ReachRequestSchema, PathResultSchema),
  /** The demo timeline's hold state: 404 unless the daemon serves the built-in demo. */
  demo: get('/api/demo', DemoStateSchema, NoParams, NoQuery),
  demoHold: post('/api/demo/hold', DemoHoldRequestSchema, DemoStateSchema),
} satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteParams<N extends RouteName> = z.input<Routes[N]['params']>;
export type RouteResponse<N extends RouteName> = z.output<Routes[N]['response']>;
export type RouteBody<N extends RouteName> = Routes[N] extends { body: z.ZodType }
  ? z.input<Routes[N]['body']>
  : never;

/** The path with its parameters filled in, each encoded as one path segment. */
export function routePath<N extends RouteName>(name: N, params: RouteParams<N>): string {
  const values = params as Record<string, string>;
  return routes[name].path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`route ${name}: missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}

/** A query string (with its "?", or "") from plain values: lists are comma-separated, as the server reads them. */
export function queryString(query: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
