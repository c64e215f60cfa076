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

/** "127.0.0.1:7070" → "127.0.0.1", "[::1]:7070" → "::1" */
export function hostname(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!;
  return hostHeader.replace(/:\d+$/, '');
}

/**
 * Without a token the daemon trusts whoever can reach loopback, so it must not answer a browser that
 * was pointed at it through another name (DNS rebinding): the Host must be a loopback name or the
 * configured host. With a token, the token is the guard.
 */
export function hostAllowed(
  hostHeader: string | undefined,
  boundHost: string,
  token: string | null,
): boolean {
  if (token !== null) return true;
  if (!hostHeader) return false;
  const name = hostname(hostHeader).toLowerCase();
  return isLoopback(name) || name === boundHost.toLowerCase();
}

/** Browsers send Origin on websocket upgrades; a page from another origin must not read the estate. */
export function sameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (!originHeader) return true; // not a browser (curl, Prometheus, socket.io-client on Node)
  try {
    return new URL(originHeader).host === hostHeader;
  } catch {
    return false;
  }
}

export function requireAllowedHost(boundHost: string, token: string | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (hostAllowed(req.headers.host, boundHost, token)) return next();
    res.status(403).json({
      error: `host ${req.headers.host ?? '(none)'} is not allowed: use http://127.0.0.1 or set PORTHOLE_TOKEN`,
    });
  };
}

/**
 * A browser page on another origin can send a "simple" cross-origin POST (text/plain, no preflight);
 * the dashboard never does, so a POST whose Origin is not this daemon is refused before anything else.
 */
export function requireSameOriginPost() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || sameOrigin(req.headers.origin, req.headers.host)) return next();
    res.status(403).json({ error: `origin ${req.headers.origin ?? '(none)'} may not POST to this daemon` });
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
