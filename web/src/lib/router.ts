// Hash routes: #/wall, #/services, #/service/<cluster>/<service>, #/findings/<id>, #/explain, #/events.
// Query after `?`.

export type Route =
  | { name: 'wall'; query: Record<string, string> }
  | { name: 'services'; query: Record<string, string> }
  | { name: 'service'; cluster: string; service: string }
  | { name: 'explain'; query: Record<string, string> }
  | { name: 'events'; query: Record<string, string> }
  | { name: 'finding'; id: string }
  | { name: 'not-found'; path: string };

function parseQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.replace(/^\/+/, '').replace(/\/+$/, '');
  const query = parseQuery(queryPart);
  const parts = path.split('/');
  switch (parts[0]) {
    case '':
    case 'services':
      return { name: 'services', query };
    case 'wall':
      return { name: 'wall', query };
    case 'explain':
      return { name: 'explain', query };
    case 'events':
      return { name: 'events', query };
    case 'findings': {
      // Finding ids contain ':' and '/' ("rule:sg-…:prod/web"): everything after #/findings/ is the id.
      const id = decode(parts.slice(1).join('/'));
      if (id) return { name: 'finding', id };
      return { name: 'not-found', path };
    }
    case 'service': {
      const cluster = decode(parts[1] ?? '');
      const service = decode(parts.slice(2).join('/'));
      if (cluster && service) return { name: 'service', cluster, service };
      return { name: 'not-found', path };
    }
    default:
      return { name: 'not-found', path };
  }
}

/** `#/findings/<id>`, the page every alert links to. */
export function findingHref(id: string): string {
  return `#/findings/${encodeURIComponent(id)}`;
}

/** `#/service/<cluster>/<service>` with each part encoded. */
export function serviceHref(cluster: string, service: string): string {
  return `#/service/${encodeURIComponent(cluster)}/${encodeURIComponent(service)}`;
}

/** `"cluster/service"` → href; the service name may not contain a slash, the cluster name never does. */
export function serviceHrefFromName(name: string): string {
  const i = name.indexOf('/');
  return i === -1 ? serviceHref(name, '') : serviceHref(name.slice(0, i), name.slice(i + 1));
}

export function withQuery(base: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
