// socket.io: one typed event map (shared/src/events.ts). On connect the overview; then deltas. Connection-
// state recovery replays what a briefly disconnected client missed instead of a full overview.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, Overview, ServerToClientEvents } from '@porthole/shared';
import type { ApiBackend } from './backend.ts';
import { bearerToken, hostAllowed, sameOrigin, tokenMatches } from './security.ts';

export type PortholeIo = Server<ClientToServerEvents, ServerToClientEvents>;

export function createSocketServer(
  http: HttpServer,
  backend: ApiBackend,
  token: string | null,
  boundHost: string,
): PortholeIo {
  const io: PortholeIo = new Server(http, {
    serveClient: false,
    // Same origin only: the dashboard is served by this daemon.
    cors: { origin: false },
    // Websockets are not subject to CORS: refuse other origins (cross-site websocket hijacking) and
    // foreign Host names (DNS rebinding) before the handshake.
    allowRequest: (req, callback) =>
      callback(
        null,
        sameOrigin(req.headers.origin, req.headers.host) && hostAllowed(req.headers.host, boundHost, token),
      ),
    // skipMiddlewares: false — a recovered session passes the same token check as a new one; otherwise
    // anyone holding a session id (pid + offset) would reconnect without the token.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  io.use((socket, next) => {
    if (token === null) return next();
    const auth = socket.handshake.auth as { token?: unknown };
    const given =
      typeof auth.token === 'string' ? auth.token : bearerToken(socket.handshake.headers.authorization);
    if (tokenMatches(token, given)) return next();
    next(new Error('unauthorized: pass auth.token = PORTHOLE_TOKEN'));
  });

  io.on('connection', (socket) => {
    // A recovered session already has everything up to its disconnect plus the replayed deltas.
    const overview = (): Promise<Overview> => Promise.resolve(backend.overview());
    const failed = (err: unknown): void => console.error('porthole: overview failed:', err);
    if (!socket.recovered) overview().then((o) => socket.emit('overview', o), failed);
    socket.on('overview:get', (ack) => {
      if (typeof ack === 'function') overview().then(ack, failed);
    });
  });
  return io;
}
