// Forked by daemonCycles.ts: a client loop of its own process (the daemon's busy event loop must not delay
// the clock that times it). GET /api/services is due every `intervalMs`, one request in flight at most (so
// the probe never piles work on the daemon it measures), and latency runs from when a request was due: a tick
// that fell due while the previous request was still out is recorded as answered when that one was (the
// coordinated-omission correction), and the next request goes out at once. A stalled daemon therefore shows
// as the waits it causes, not as fewer samples. On "stop", sends every sample (due time, latency).
const clock = () => performance.timeOrigin + performance.now();

type FromParent = { type: 'start'; url: string; intervalMs: number } | { type: 'stop' };
interface Sample {
  at: number;
  ms: number;
  ok: boolean;
}

const samples: Sample[] = [];
let stopping = false;
let finished: Promise<void> = Promise.resolve();

async function get(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/services`);
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

async function loop(url: string, intervalMs: number): Promise<void> {
  let due = clock();
  while (!stopping) {
    const ok = await get(url);
    const answered = clock();
    // This request, and every tick that fell due while it was out.
    for (; due <= answered; due += intervalMs) samples.push({ at: due, ms: answered - due, ok });
    const wait = due - clock();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

process.on('message', (msg: FromParent) => {
  if (msg.type === 'start') {
    void (async () => {
      // Warm-up (connection, JIT of fetch) outside any measured window.
      for (let i = 0; i < 5; i++) await get(msg.url);
      finished = loop(msg.url, msg.intervalMs);
      process.send!({ type: 'started' });
    })();
    return;
  }
  stopping = true;
  void finished.then(() => process.send!({ type: 'samples', samples }, () => process.exit(0)));
});
