// `porthole serve`: load the config, start the daemon, reload on SIGHUP, shut down cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig, type ServeOptions } from './config/load.ts';
import { StoreError } from '../store/errors.ts';
import { startDaemon, type Daemon } from './daemon.ts';
import type { HaDaemon } from './shards/haDaemon.ts';

export type { ServeOptions } from './config/load.ts';

const log = (line: string): void => console.log(`porthole: ${line}`);

function describeStartError(err: unknown, port: number): string | null {
  if (err instanceof ConfigError || err instanceof StoreError) return err.message;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE')
    return `port ${port} is already in use: choose another with --port or PORTHOLE_PORT`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}: use a port above 1023`;
  if (code === 'EADDRNOTAVAIL') return 'the --host address is not an address of this machine';
  return null;
}

/** Runs until SIGTERM/SIGINT. Bad config or an unusable port: a message naming the field, exit code 2. */
export async function runServe(opts: ServeOptions = {}): Promise<void> {
  let daemon: Pick<Daemon | HaDaemon, 'config' | 'url' | 'close' | 'reload'> & { source: { label: string } };
  let port = opts.port ?? 7070;
  let fatal: ((message: string) => void) | null = null;
  try {
    const config = loadConfig(opts);
    port = config.port;
    // store: postgres://… — the HA mode: shards shared with other daemons through PostgreSQL.
    daemon = config.store
      ? await (await import('./shards/haDaemon.ts')).startHaDaemon(config, { log })
      : await startDaemon(config, { log, onFatal: (message) => fatal?.(message) });
  } catch (err) {
    const message = describeStartError(err, port);
    if (message === null) throw err;
    process.stderr.write(`porthole: ${message}\n`);
    process.exitCode = 2;
    return;
  }
  const c = daemon.config;
  const onHup = (): void => {
    try {
      const notes = daemon.reload(loadConfig(opts));
      log(`configuration reloaded${c.configFile ? ` from ${c.configFile}` : ''}`);
      notes.forEach(log);
    } catch (err) {
      log(
        `configuration reload failed, keeping the running configuration: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
  process.on('SIGHUP', onHup);

  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log(
        `${signal.startsWith('SIG') ? `${signal} received` : `stopping for ${signal}`}: finishing the current cycle and shutting down`,
      );
      const hardStop = setTimeout(() => {
        log('shutdown took longer than 10s: exiting');
        process.exit(1);
      }, 10_000);
      hardStop.unref();
      void daemon.close().then(() => {
        process.off('SIGHUP', onHup);
        log('stopped');
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    fatal = (message) => {
      process.stderr.write(`porthole: ${message}\n`);
      process.exitCode = 2;
      stop('a damaged database');
    };
  });
  // Only now that SIGTERM is handled: a supervisor that signals as soon as it sees this line must not
  // meet the default action (an abrupt kill).
  log(
    `serving ${daemon.source.label} at ${daemon.url} (poll every ${c.pollIntervalSeconds}s, ${c.store ? 'store PostgreSQL' : `data in ${c.dataDir}`})`,
  );
  if (c.token) log('PORTHOLE_TOKEN is set: REST, /metrics and socket.io require it');
  await stopped;
}
