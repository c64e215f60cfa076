// REST client for the daemon: same origin, optional bearer token, plain-word errors. Paths come from the
// shared route table and every answer is parsed with the table's response schema: a daemon that answers
// something else fails loudly here instead of drawing wrong tiles.
import {
  queryString,
  routePath,
  routes,
  type ExplainRequest,
  type ReachRequest,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteResponse,
} from '@porthole/shared';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export interface ApiOptions {
  /** Base URL the `api/…` paths resolve against (the page's base: works behind a path prefix). */
  baseUrl: string;
  token: () => string | null;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The daemon's error body is `{error, issues?}`; anything else becomes a status line. */
export function errorFrom(status: number, body: unknown): ApiError {
  if (status === 401 || status === 403) {
    return new ApiError('The daemon wants a token: open the dashboard with ?token=<PORTHOLE_TOKEN>.', status);
  }
  if (isRecord(body) && typeof body.error === 'string') {
    const issues = Array.isArray(body.issues) ? (body.issues as { path: string; message: string }[]) : [];
    return new ApiError(body.error, status, issues);
  }
  if (status === 429) return new ApiError('Too many requests; wait a minute and try again.', status);
  return new ApiError(`The daemon answered HTTP ${status}.`, status);
}

type Query = Record<string, string | number | readonly string[] | undefined>;

export function createApi(opts: ApiOptions) {
  const doFetch = opts.fetchImpl ?? fetch.bind(globalThis);

  async function call<N extends RouteName>(
    name: N,
    params: RouteParams<N>,
    init: { query?: Query; body?: RouteBody<N> } = {},
  ): Promise<RouteResponse<N>> {
    const route = routes[name];
    // Relative to the page base (no leading "/"), so a dashboard behind a path prefix still finds its daemon.
    const path = `${routePath(name, params).slice(1)}${queryString(init.query ?? {})}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = opts.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(new URL(path, opts.baseUrl).toString(), {
        method: route.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw new ApiError(
        timedOut ? 'The daemon did not answer in time.' : 'Cannot reach the Porthole daemon.',
        0,
      );
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw errorFrom(res.status, body);
    if (body === null) throw new ApiError('The daemon sent an empty or unreadable answer.', res.status);
    const parsed = route.response.safeParse(body);
    if (parsed.success) return parsed.data as RouteResponse<N>;
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || '(root)',
      message: i.message,
    }));
    const first = issues[0];
    throw new ApiError(
      `The daemon's answer to ${route.method} ${route.path} is not what this dashboard expects` +
        (first ? ` (${first.path}: ${first.message})` : '') +
        ': daemon and dashboard versions may differ.',
      res.status,
      issues,
    );
  }

  return {
    call,
    service: (cluster: string, service: string) => call('service', { cluster, service }),
    /** One finding, open or resolved, with its history and the timeline around it. */
    finding: (id: string) => call('findingDetail', { id }),
    /** `since`: an event id (newer ones) or an ISO time; the daemon answers oldest first. */
    events: (query: { since?: string; limit?: number; service?: string } = {}) =>
      call('events', {}, { query }),
    explain: (req: ExplainRequest) => call('explain', {}, { body: req }),
    reach: (req: ReachRequest) => call('reach', {}, { body: req }),
    /** The demo timeline's hold state; an ApiError with status 404 when the daemon is not on the demo. */
    demo: () => call('demo', {}),
    holdDemo: (held: boolean) => call('demoHold', {}, { body: { held } }),
  };
}
