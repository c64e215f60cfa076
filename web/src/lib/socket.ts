// The only module that talks socket.io: typed by the shared event map, reconnects with backoff forever.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Overview, ServerToClientEvents } from '@porthole/shared';
import type { LiveDelta } from './liveState.ts';
import { backoffDelay } from './backoff.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionState {
  status: 'connecting' | 'connected' | 'disconnected' | 'unauthorized';
  /** Reconnect attempts since the last good connection. */
  attempt: number;
  error: string | null;
}

export interface LiveOptions {
  /** Page base URL; the socket.io path is resolved against it (works behind a path prefix). */
  baseUrl: string;
  token: string | null;
  onDelta: (delta: LiveDelta) => void;
  onConnection: (state: ConnectionState) => void;
  /** Called on every (re)connect, so the caller can backfill what it missed over REST. */
  onConnected?: () => void;
}

export interface LiveConnection {
  close(): void;
}

/** If no `overview` arrives this long after connecting, ask for one explicitly. */
const OVERVIEW_GRACE_MS = 4000;

export function connectLive(opts: LiveOptions): LiveConnection {
  const base = new URL(opts.baseUrl);
  const socket: LiveSocket = io(base.origin, {
    path: new URL('socket.io/', base).pathname,
    auth: opts.token ? { token: opts.token } : {},
    // WebSocket first: the first overview (megabytes for thousands of services) arrives in one frame
    // instead of after the long-polling handshake round trips; polling stays the fallback where a proxy
    // blocks WebSockets.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1000,
    // A wall should come back within seconds of the daemon; a retry every few seconds costs nothing.
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  let attempt = 0;
  let gotOverview = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const report = (status: ConnectionState['status'], error: string | null = null) =>
    opts.onConnection({ status, attempt, error });

  socket.on('connect', () => {
    attempt = 0;
    gotOverview = false;
    report('connected');
    opts.onConnected?.();
    clearTimeout(graceTimer);
    // A recovered session (socket.io connection-state recovery) gets the missed deltas replayed, no overview.
    if (socket.recovered) return;
    graceTimer = setTimeout(() => {
      if (gotOverview || !socket.connected) return;
      socket.timeout(10_000).emit('overview:get', (err: Error | null, overview: Overview) => {
        if (!err && overview) opts.onDelta({ kind: 'overview', overview });
      });
    }, OVERVIEW_GRACE_MS);
  });
  socket.on('overview', (overview) => {
    gotOverview = true;
    opts.onDelta({ kind: 'overview', overview });
  });
  socket.on('service:updated', (service) => opts.onDelta({ kind: 'service', service }));
  socket.on('finding:opened', (finding) => opts.onDelta({ kind: 'finding-opened', finding }));
  socket.on('finding:resolved', (finding) => opts.onDelta({ kind: 'finding-resolved', finding }));
  socket.on('event:new', (event) => opts.onDelta({ kind: 'event', event }));
  socket.on('data:freshness', (freshness) => opts.onDelta({ kind: 'freshness', freshness }));
  socket.on('disconnect', (reason) => {
    report('disconnected', reason);
    // A server-side disconnect is not retried by socket.io itself; a wall must come back on its own.
    if (reason === 'io server disconnect') scheduleManualRetry();
  });
  socket.io.on('reconnect_attempt', (n) => {
    attempt = n;
    report('connecting');
  });
  socket.on('connect_error', (err) => {
    attempt += 1;
    const unauthorized = /unauthori[sz]ed|token|forbidden/i.test(err.message);
    report(unauthorized ? 'unauthorized' : 'disconnected', err.message);
    // socket.active is false when the server refused us (middleware error): socket.io gives up, we do not.
    if (!socket.active) scheduleManualRetry();
  });

  function scheduleManualRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket.connect(), backoffDelay(Math.max(1, attempt), Math.random()));
  }

  return {
    close() {
      clearTimeout(retryTimer);
      clearTimeout(graceTimer);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    },
  };
}
