// `porthole serve`: hands the parsed flags to the daemon.
import { runServe } from '../daemon/serve.ts';
import { UsageError, reportFatal } from './errors.ts';

export interface ServeFlags {
  port?: string;
  host?: string;
  snapshot?: string;
  live?: boolean;
  config?: string;
  dataDir?: string;
}

export async function runServeCommand(flags: ServeFlags): Promise<void> {
  try {
    let port: number | undefined;
    if (flags.port !== undefined) {
      port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535)
        throw new UsageError(`--port "${flags.port}": expected a number 0-65535`);
    }
    if (flags.snapshot && flags.live) throw new UsageError('use either --snapshot DIR or --live, not both');
    await runServe({
      port,
      host: flags.host,
      snapshot: flags.snapshot,
      live: flags.live,
      config: flags.config,
      dataDir: flags.dataDir,
    });
  } catch (error) {
    process.exitCode = reportFatal(error);
  }
}
