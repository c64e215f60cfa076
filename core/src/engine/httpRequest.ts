// The HTTP request `explain` asks about, as the ALB sees it: scheme, host, port, path, query, method,
// headers and the client's source address. Unstated inputs stay null so rules on them are undecided.
import { PathInputError } from './errors.ts';

export interface AlbRequest {
  protocol: 'HTTP' | 'HTTPS';
  /** The host name in the URL (what DNS resolves to the load balancer). */
  urlHost: string;
  /** The Host the ALB matches host-header rules against (a --header 'Host: …' overrides the URL's). */
  host: string;
  port: number;
  /** The URL path, always starting with "/". */
  path: string;
  /** The raw query string without the leading "?" ("" when there is none). */
  query: string;
  /** null: not stated; rules on the method are judged for GET, what a browser or curl sends. */
  method: string | null;
  /** null: no --header given, so header rules are undecided; [] or more: exactly these headers. */
  headers: Array<[name: string, value: string]> | null;
  /** The address the ALB sees the request from; null when any internet address is meant. */
  sourceIp: string | null;
}

export interface RequestOptions {
  method?: string;
  headers?: string[];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/; // RFC 7230 header field name
const METHOD = /^[A-Za-z_-]{1,40}$/;

export function parseHeaders(raw: string[] | undefined): Array<[string, string]> | null {
  if (!raw || raw.length === 0) return null;
  return raw.map((line) => {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!TOKEN.test(name))
      throw new PathInputError(
        `--header "${line}": expected 'Name: value' (a header name, a colon, a value)`,
      );
    return [name, line.slice(colon + 1).trim()];
  });
}

export function parseMethod(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!METHOD.test(raw))
    throw new PathInputError(
      `--method "${raw}": expected an HTTP method such as GET or POST (letters, - and _)`,
    );
  return raw;
}

/** A URL as typed: without a scheme it is http. */
export function parseUrl(raw: string): URL {
  try {
    return new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new PathInputError(`"${raw}" is not a valid URL`);
  }
}

export function requestFromUrl(url: URL, opts: RequestOptions = {}): AlbRequest {
  // An ALB listener speaks HTTP or HTTPS: any other scheme is the caller's mistake, not a path to judge
  // (the API answers 400, the CLI exits 2).
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PathInputError(
      `"${url.href}": only http:// and https:// URLs can be explained (an Application Load Balancer listener speaks HTTP or HTTPS)`,
    );
  }
  const protocol = url.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  const headers = parseHeaders(opts.headers);
  const hostHeader = headers?.find(([n]) => n.toLowerCase() === 'host')?.[1];
  return {
    protocol,
    urlHost: url.hostname.toLowerCase(),
    host: (hostHeader ?? url.hostname).replace(/:\d+$/, '').toLowerCase(),
    port: url.port ? Number(url.port) : protocol === 'HTTPS' ? 443 : 80,
    path: url.pathname || '/',
    query: url.search.replace(/^\?/, ''),
    method: parseMethod(opts.method),
    headers,
    sourceIp: null,
  };
}

/** The URL a request stands for: the real scheme and the port always shown. */
export function requestUrl(r: AlbRequest): string {
  return `${r.protocol.toLowerCase()}://${r.urlHost}:${r.port}${r.path}${r.query ? `?${r.query}` : ''}`;
}
