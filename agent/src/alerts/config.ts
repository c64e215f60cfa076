// The `alerts:` section of porthole.yaml: sinks, routes by severity/service/rule, repeat and retry policy.
import { z } from 'zod';
import { RULE_IDS, SeveritySchema } from '@porthole/shared';

const name = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, dot, dash or underscore (at most 64)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const SlackSinkSchema = z.strictObject({
  type: z.literal('slack'),
  name,
  /** Incoming webhook URL (https://hooks.slack.com/services/…). */
  url: httpUrl,
});

export const PagerDutySinkSchema = z.strictObject({
  type: z.literal('pagerduty'),
  name,
  /** The Events API v2 integration key of the PagerDuty service. */
  routingKey: z.string().min(1, 'the Events API v2 integration key is required'),
  url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
});

export const WebhookSinkSchema = z.strictObject({
  type: z.literal('webhook'),
  name,
  /** Receives Alertmanager's webhook JSON (version "4"). */
  url: httpUrl,
  headers: z.record(z.string(), z.string()).default({}),
});

export const SinkSchema = z.discriminatedUnion('type', [
  SlackSinkSchema,
  PagerDutySinkSchema,
  WebhookSinkSchema,
]);
export type SinkConfig = z.infer<typeof SinkSchema>;

export const RouteSchema = z.strictObject({
  /** Sink names this route delivers to. */
  sinks: z.array(name).min(1),
  /** Only findings of these severities (all when omitted). */
  severities: z.array(SeveritySchema).optional(),
  /** Only these services, "cluster/service"; `*` matches any run of characters ("prod/*"). */
  services: z.array(z.string().min(1)).optional(),
  /** Only these rule ids. */
  rules: z.array(z.enum(RULE_IDS)).optional(),
});
export type RouteConfig = z.infer<typeof RouteSchema>;

export const AlertsConfigSchema = z
  .strictObject({
    sinks: z.array(SinkSchema).default([]),
    /** Every matching route delivers; with no routes, Slack and webhooks get every alert, PagerDuty critical ones. */
    routes: z.array(RouteSchema).default([]),
    /** Re-send a still-firing alert after this long (0 = never). */
    repeatIntervalMinutes: z.number().min(0).default(240),
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
    retry: z
      .strictObject({
        attempts: z.number().int().min(1).max(10).default(4),
        initialBackoffMs: z.number().int().min(0).default(1000),
        maxBackoffMs: z.number().int().min(0).default(30_000),
      })
      .prefault({}),
    /** The dashboard's address as people reach it, for links in messages (default: the listen address). */
    externalUrl: httpUrl.optional(),
  })
  .superRefine((cfg, ctx) => {
    const names = new Set<string>();
    cfg.sinks.forEach((sink, i) => {
      if (names.has(sink.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sinks', i, 'name'],
          message: `duplicate sink name "${sink.name}"`,
        });
      }
      names.add(sink.name);
    });
    cfg.routes.forEach((route, i) =>
      route.sinks.forEach((sink, j) => {
        if (!names.has(sink)) {
          ctx.addIssue({
            code: 'custom',
            path: ['routes', i, 'sinks', j],
            message: `no sink named "${sink}"`,
          });
        }
      }),
    );
  });
export type AlertsConfig = z.infer<typeof AlertsConfigSchema>;

/** The startup line: sink names and types, never URLs or keys (they are secrets). */
export function describeSinks(config: AlertsConfig): string {
  if (config.sinks.length === 0) return 'alerts: no sinks configured';
  const sinks = config.sinks.map((s) => `${s.name} (${s.type})`).join(', ');
  const routes =
    config.routes.length === 0
      ? 'default routing: every finding to Slack and webhooks, critical ones to PagerDuty'
      : `${config.routes.length} route${config.routes.length === 1 ? '' : 's'}`;
  return `alerts: ${config.sinks.length} sink${config.sinks.length === 1 ? '' : 's'}: ${sinks}; ${routes}`;
}
