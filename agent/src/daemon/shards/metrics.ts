// porthole_shard_owner{shard,daemon}: 1 for the daemon holding each shard's live lease (as last read).
import { Gauge, type Registry } from 'prom-client';
import type { Lease } from './leases.ts';

export function shardOwnerGauge(registry: Registry, leases: () => readonly Lease[]): void {
  new Gauge({
    name: 'porthole_shard_owner',
    help: 'HA mode: 1 for the daemon that holds the lease of each account/region shard',
    labelNames: ['shard', 'daemon'],
    registers: [registry],
    collect() {
      this.reset();
      for (const l of leases()) if (l.live && l.owner) this.set({ shard: l.shard, daemon: l.owner }, 1);
    },
  });
}
