// The Location an ALB redirect action sends (ELB API RedirectActionConfig): each component keeps its
// original value unless set; #{protocol} #{host} #{port} #{path} (without the leading "/") and #{query}
// are replaced by the request's own; HTTP_301 / HTTP_302 give the status.
import type { Action } from '@porthole/shared';
import type { AlbRequest } from './httpRequest.ts';

export interface Redirect {
  status: number;
  location: string;
  /** The redirected request (same client, method and headers; the new URL's parts). */
  next: AlbRequest;
}

function fill(template: string, r: AlbRequest): string {
  return template
    .replace(/#\{protocol\}/g, r.protocol)
    .replace(/#\{host\}/g, r.host)
    .replace(/#\{port\}/g, String(r.port))
    .replace(/#\{path\}/g, r.path.replace(/^\//, ''))
    .replace(/#\{query\}/g, r.query);
}

export function redirectOf(action: Action, r: AlbRequest): Redirect {
  const c = action.RedirectConfig ?? {};
  const protocol = fill(c.Protocol ?? '#{protocol}', r).toUpperCase() === 'HTTPS' ? 'HTTPS' : 'HTTP';
  const host = fill(c.Host ?? '#{host}', r).toLowerCase();
  const port = Number(fill(c.Port ?? '#{port}', r));
  const rawPath = fill(c.Path ?? '/#{path}', r);
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const query = fill(c.Query ?? '#{query}', r);
  const status = c.StatusCode === 'HTTP_301' ? 301 : 302;
  // The client sends the new URL's Host; any other header it sent goes along unchanged.
  const headers = r.headers?.filter(([n]) => n.toLowerCase() !== 'host') ?? null;
  const next: AlbRequest = { ...r, protocol, urlHost: host, host, port, path, query, headers };
  // The ALB writes the port into Location even when it is the scheme's default.
  const location = `${protocol.toLowerCase()}://${host}:${port}${path}${query ? `?${query}` : ''}`;
  return { status, location, next };
}
