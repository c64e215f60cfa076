// Delivery figures of one cycle: what the daemon broadcast and when each client received it.

export interface CycleDelivery {
  messages: number;
  byEvent: Record<string, number>;
  /** JSON bytes of the cycle's broadcasts (each sent to every client). */
  bytes: number;
  deliveries: number;
  /** Broadcasts some client never got (dropped and not recovered). */
  missing: number;
  /** Emit → receipt, over every (message, client). */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** First emit → last receipt by any client. */
  drainMs: number;
  /** Deliveries per second over the drain time. */
  perSecond: number;
}

const round = (x: number) => Math.round(x * 10) / 10;

export function deliveryStats(
  emitted: Array<{ event: string; t: number; args: unknown[] }>,
  receipts: number[][],
): CycleDelivery {
  const byEvent: Record<string, number> = {};
  for (const e of emitted) byEvent[e.event] = (byEvent[e.event] ?? 0) + 1;
  const latencies: number[] = [];
  let last = 0;
  let missing = 0;
  for (const client of receipts) {
    missing += Math.max(0, emitted.length - client.length);
    client.slice(0, emitted.length).forEach((t, i) => {
      latencies.push(t - emitted[i]!.t);
      last = Math.max(last, t);
    });
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const drain = emitted.length > 0 ? last - emitted[0]!.t : 0;
  return {
    messages: emitted.length,
    byEvent,
    bytes: emitted.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.args)), 0),
    deliveries: latencies.length,
    missing,
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(latencies.at(-1) ?? 0),
    drainMs: round(drain),
    perSecond: drain > 0 ? Math.round((latencies.length / drain) * 1000) : 0,
  };
}
