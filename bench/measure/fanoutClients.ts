// Forked by clientPool.ts: socket.io clients (websocket transport) connected to the daemon on loopback, and
// reconnecting like the dashboard (web/src/lib/socket.ts); a recovered session gets the missed deltas replayed.
// Each records when every broadcast arrives; a cycle ends for a client at its data:freshness push (the daemon
// sends it last). When every client has seen the end of a cycle, the receipt times go to the parent.
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

function client(url: string, i: number, onReady: () => void): Socket {
  const s = connect(url, {
    transports: ['websocket'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    forceNew: true,
  });
  // The daemon sends each new session one overview of its own; it is not a broadcast, so it is not counted.
  let ownOverview = true;
  let counted = false;
  s.on('connect', () => {
    if (!s.recovered) ownOverview = true;
  });
  for (const event of DELTAS) {
    s.on(event, () => {
      if (event === 'overview' && ownOverview) {
        ownOverview = false;
        if (!counted) onReady();
        counted = true;
        return;
      }
      receipts[i]!.push(clock());
      if (event === 'data:freshness') onCycleEnd();
    });
  }
  // A dropped client (e.g. "ping timeout" while the daemon's event loop is busy) is reported, not hidden.
  s.on('disconnect', (reason) => process.send!({ type: 'disconnect', client: i, reason, at: clock() }));
  return s;
}

process.on('message', (msg: FromParent) => {
  if (msg.type === 'close') {
    sockets.forEach((s) => s.disconnect());
    process.exit(0);
  }
  let ready = 0;
  const onReady = () => {
    ready += 1;
    if (ready === msg.count) process.send!({ type: 'ready' });
  };
  receipts = Array.from({ length: msg.count }, () => []);
  sockets = Array.from({ length: msg.count }, (_, i) => client(msg.url, i, onReady));
});
