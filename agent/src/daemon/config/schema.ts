// porthole.yaml for `porthole serve`: every field, its default, and its bounds. Unknown keys are errors
// (a typo must not silently fall back to a default).
import { z } from 'zod';
import { AlertsConfigSchema } from '../../alerts/config.ts';

export const SOURCE_KINDS = ['demo', 'snapshot', 'live'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Poll interval when the config does not set one. */
export const DEFAULT_POLL_SECONDS: Record<SourceKind, number> = { demo: 10, snapshot: 30, live: 60 };

export const DaemonConfigSchema = z
  .strictObject({
    port: z.number().int().min(0).max(65535).default(7070),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./data'),
    /** Where the estate comes from: the built-in demo, a snapshot folder, or live AWS. */
    source: z.enum(SOURCE_KINDS).default('demo'),
    snapshotDir: z.string().min(1).optional(),
    pollIntervalSeconds: z.number().min(0.1).max(86_400).optional(),
    demo: z
      .strictObject({
        seed: z.number().int().min(0).default(1),
        /** Start with the timeline held on its first step (release with POST /api/demo/hold). */
        hold: z.boolean().default(false),
        /**
         * HA mode: the demo estate once per account/region (each a shard). One scope (the default account in
         * eu-west-1) when unset.
         */
        scopes: z
          .array(
            z.strictObject({
              account: z.string().regex(/^\d{12}$/, 'must be a 12-digit account id'),
              region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
            }),
          )
          .min(1)
          .optional(),
      })
      .prefault({}),
    findings: z
      .strictObject({
        /** Flap damping: a finding must be seen this many consecutive cycles before it alerts. */
        alertAfterCycles: z.number().int().min(1).max(100).default(2),
        /** …and be absent this many consecutive cycles before it resolves. */
        resolveAfterCycles: z.number().int().min(1).max(100).default(1),
        /** How far back to look for the config change that likely caused a new finding. */
        correlationWindowSeconds: z.number().int().min(0).default(1800),
      })
      .prefault({}),
    retention: z
      .strictObject({
        days: z.number().min(0.01).default(14),
        maxEvents: z.number().int().min(100).default(200_000),
      })
      .prefault({}),
    server: z
      .strictObject({
        /** POST /api/explain and /api/reach requests per client per minute. */
        postRateLimitPerMinute: z.number().int().min(1).default(60),
        /** Set when behind a reverse proxy, so rate limits key on the real client address. */
        trustProxy: z.boolean().default(false),
      })
      .prefault({}),
    alerts: AlertsConfigSchema.prefault({}),
    /**
     * A PostgreSQL URL (postgres://user:pass@host/db): the HA mode, where several daemons share the estate's
     * account/region shards through leases in this database. SQLite in dataDir when unset.
     */
    store: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    ha: z
      .strictObject({
        /** This daemon's name in leases and metrics; host name and pid by default. */
        daemonId: z.string().min(1).max(200).optional(),
        /** A lease not renewed for this long is free to take; 1.5 poll intervals by default. */
        leaseSeconds: z.number().min(0.5).max(3600).optional(),
      })
      .prefault({}),
    /** The live AWS source's own section; validated by that source. */
    aws: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.source === 'snapshot' && !cfg.snapshotDir) {
      ctx.addIssue({ code: 'custom', path: ['snapshotDir'], message: 'required when source is "snapshot"' });
    }
  });

export type DaemonConfigInput = z.input<typeof DaemonConfigSchema>;
export type DaemonConfig = z.infer<typeof DaemonConfigSchema> & {
  /** Resolved: the config value or the source's default. */
  pollIntervalSeconds: number;
  /** From PORTHOLE_TOKEN only (never from the file); null when unset. */
  token: string | null;
  /** The file that was read, or null. */
  configFile: string | null;
};
