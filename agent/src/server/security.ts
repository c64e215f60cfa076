// Bind-address policy and bearer-token checks shared by REST and socket.io.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(expected), digest(given));
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? match[1]!.trim() : null;
}

/** Express middleware: 401 unless the request carries `Authorization: Bearer <token>`. */
export function requireToken(token: string | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (token === null || tokenMatches(token, bearerToken(req.headers.authorization))) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="porthole"');
    res.status(401).json({ error: 'missing or wrong token: send Authorization: Bearer <PORTHOLE_TOKEN>' });
  };
}

/** Same-origin websocket URLs for the CSP (older browsers do not let 'self' cover ws:/wss:). */
function websocketOrigins(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  // Only a plain host[:port] goes into the header; anything else could inject directives.
  return /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Svelte transitions insert <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", (req) => websocketOrigins(req)],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The daemon is usually served over plain HTTP on loopback; HSTS would break that.
    strictTransportSecurity: false,
  });
}
