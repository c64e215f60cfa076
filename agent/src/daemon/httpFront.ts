// The daemon's HTTP front, the same for one daemon on SQLite (daemon.ts) and for the HA daemon
// (shards/haDaemon.ts): REST + dashboard + /metrics (createApp) and socket.io on one HTTP server, the
// listen with its URL, and the shutdown that lets in-flight requests finish before cutting the rest.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.ts';
import { createApp } from '../server/app.ts';
import type { ApiBackend } from '../server/backend.ts';
import type { DaemonMetrics } from '../server/metrics.ts';
import { createSocketServer, type PortholeIo } from '../server/socket.ts';
import { DEFAULT_WEB_DIST } from '../server/staticSite.ts';
import type { DaemonConfig } from './config/schema.ts';
import type { DemoControl } from './types.ts';

export interface HttpFrontOptions {
  backend: ApiBackend;
  metrics: DaemonMetrics;
  logger: Logger;
  config: DaemonConfig;
  /** The built dashboard; the repository's web/dist when undefined. */
  webDist?: string | undefined;
  demo?: DemoControl | undefined;
}

export interface HttpFront {
  http: HttpServer;
  io: PortholeIo;
  /** Listens on the configured host and port; `ownUrl` is null on a wildcard address no browser opens. */
  listen(): Promise<{ port: number; url: string; ownUrl: string | null }>;
  /** Stops socket.io and the HTTP server; requests still running after 3 s are cut. */
  close(): Promise<void>;
}

export function httpFront(o: HttpFrontOptions): HttpFront {
  const { config } = o;
  const http = createServer(
    createApp({
      backend: o.backend,
      logger: o.logger,
      metrics: o.metrics,
      token: config.token,
      host: config.host,
      postRateLimitPerMinute: config.server.postRateLimitPerMinute,
      trustProxy: config.server.trustProxy,
      webDist: o.webDist ?? DEFAULT_WEB_DIST,
      ...(o.demo ? { demo: o.demo } : {}),
    }),
  );
  const io = createSocketServer(http, o.backend, config.token, config.host, o.logger);
  return {
    http,
    io,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => (http.off('error', reject), resolve()));
      });
      const port = (http.address() as AddressInfo).port;
      const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      return { port, url, ownUrl: ['0.0.0.0', '::', '[::]'].includes(config.host) ? null : url };
    },
    async close() {
      // io.close() also closes the HTTP server; give in-flight requests a moment, then cut the rest.
      const closed = io.close().catch(() => undefined);
      http.closeIdleConnections();
      const force = setTimeout(() => http.closeAllConnections(), 3000);
      await closed;
      clearTimeout(force);
    },
  };
}

/** A new config with the fields that need a restart kept as they were, and a line for each of those. */
export function reloadConfig<F extends keyof DaemonConfig>(
  current: DaemonConfig,
  next: DaemonConfig,
  restartFields: readonly F[],
): { config: DaemonConfig; messages: string[] } {
  const needRestart = restartFields.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(current[f]));
  return {
    config: { ...next, ...Object.fromEntries(needRestart.map((f) => [f, current[f]])) } as DaemonConfig,
    messages: needRestart.map((f) => `${String(f)} changed: takes effect after a restart`),
  };
}
