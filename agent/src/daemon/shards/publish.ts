// After a shard's cycle is committed: metrics, logs and socket.io deltas. The io's PostgreSQL adapter carries
// every emit to the clients of every daemon.
import { alertTitle } from '../../alerts/titles.ts';
import type { DaemonMetrics } from '../../server/metrics.ts';
import type { PortholeIo } from '../../server/socket.ts';
import type { CycleOutcome } from '../types.ts';
import type { EstateView } from './estateView.ts';

export function publisher(d: {
  io: PortholeIo;
  view: EstateView;
  metrics: DaemonMetrics;
  log: (line: string) => void;
  now: () => Date;
}): (shard: string, o: CycleOutcome) => void {
  return (shard, o) => {
    d.metrics.observeCycle(o);
    if (!o.ok) d.log(`shard ${shard}: poll failed: ${o.error}`);
    for (const f of o.opened) d.log(`finding opened (${f.severity}): ${alertTitle(f)}`);
    for (const f of o.resolved) d.log(`finding resolved: ${alertTitle(f)}`);
    for (const f of o.opened) d.io.emit('finding:opened', f);
    for (const f of o.resolved) d.io.emit('finding:resolved', f);
    if (o.serviceSetChanged) {
      void Promise.resolve(d.view.overview()).then(
        (overview) => d.io.emit('overview', overview),
        (err: unknown) => d.log(`overview failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    } else for (const s of o.changedServices) d.io.emit('service:updated', s);
    for (const e of o.events) d.io.emit('event:new', e);
    d.io.emit('data:freshness', d.view.freshness());
  };
}
