// Forked by daemonCycles.ts: a client loop of its own process (the daemon's busy event loop must not delay
// the clock that times it). Open loop: a GET /api/services is due every `intervalMs` whether or not earlier
// ones have answered, and each latency runs from when it was due, so a stalled daemon shows as the wait it
// causes instead of as fewer samples. On "stop", sends every sample (due time on the shared clock, latency).
const clock = () => performance.timeOrigin + performance.now();

type FromParent = { type: 'start'; url: string; intervalMs: number } | { type: 'stop' };
interface Sample {
  at: number;
  ms: number;
  ok: boolean;
}

const samples: Sample[] = [];
const pending = new Set<Promise<void>>();
let timer: NodeJS.Timeout | null = null;

function request(url: string, due: number): void {
  const p = fetch(`${url}/api/services`)
    .then(async (res) => {
      await res.arrayBuffer();
      samples.push({ at: due, ms: clock() - due, ok: res.ok });
    })
    .catch(() => void samples.push({ at: due, ms: clock() - due, ok: false }))
    .finally(() => pending.delete(p));
  pending.add(p);
}

process.on('message', (msg: FromParent) => {
  if (msg.type === 'start') void start(msg.url, msg.intervalMs);
  else stop();
});

async function start(url: string, intervalMs: number): Promise<void> {
  // Warm-up (connection, JIT of fetch) outside any measured window.
  for (let i = 0; i < 5; i++) await (await fetch(`${url}/api/services`)).arrayBuffer();
  let due = clock();
  // Catch up on every tick a late timer missed, each with its own due time.
  const tick = () => {
    while (due <= clock()) {
      request(url, due);
      due += intervalMs;
    }
    timer = setTimeout(tick, Math.max(0, due - clock()));
  };
  tick();
  process.send!({ type: 'started' });
}

function stop(): void {
  if (timer) clearTimeout(timer);
  void Promise.allSettled([...pending]).then(() => {
    process.send!({ type: 'samples', samples }, () => process.exit(0));
  });
}
