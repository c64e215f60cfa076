// Binding beyond loopback exposes the API to the network: only with a token.
import { isLoopback } from '../../server/security.ts';
import { ConfigError } from './load.ts';
import type { DaemonConfig } from './schema.ts';

export function assertSafeBind(config: Pick<DaemonConfig, 'host' | 'token'>): void {
  if (!isLoopback(config.host) && config.token === null) {
    throw new ConfigError([
      `host ${config.host}: not a loopback address, so PORTHOLE_TOKEN must be set (REST and socket.io then require it)`,
    ]);
  }
}
