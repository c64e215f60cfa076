// Forked by fanout.ts: N socket.io clients (websocket transport, as the dashboard) connected to the daemon on
// loopback. Each records when every delta arrives; a cycle ends for a client at its data:freshness push (the
// daemon sends it last). When every client has seen the end of a cycle, the receipt times go to the parent.
import { io as connect, type Socket } from 'socket.io-client';

const DELTAS = [
  'finding:opened',
  'finding:resolved',
  'service:updated',
  'event:new',
  'overview',
  'data:freshness',
];
const clock = () => performance.timeOrigin + performance.now();

type FromParent = { type: 'connect'; url: string; count: number } | { type: 'close' };

let sockets: Socket[] = [];
let receipts: number[][] = [];
let done = 0;
let cycle = 0;

function onCycleEnd(): void {
  done += 1;
  if (done < sockets.length) return;
  process.send!({ type: 'cycle-done', cycle, receipts });
  cycle += 1;
  done = 0;
  receipts = sockets.map(() => []);
}

process.on('message', (msg: FromParent) => {
  if (msg.type === 'close') {
    sockets.forEach((s) => s.disconnect());
    process.exit(0);
  }
  let connected = 0;
  sockets = Array.from({ length: msg.count }, (_, i) => {
    const s = connect(msg.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    // The first overview is per socket (on connect); later ones are broadcast deltas.
    s.once('overview', () => {
      connected += 1;
      for (const event of DELTAS) {
        s.on(event, () => {
          receipts[i]!.push(clock());
          if (event === 'data:freshness') onCycleEnd();
        });
      }
      if (connected === msg.count) process.send!({ type: 'ready' });
    });
    s.on('connect_error', (err) => process.send!({ type: 'error', error: String(err) }));
    return s;
  });
  receipts = sockets.map(() => []);
});
