// REST client for the daemon: same origin, optional bearer token, plain-word errors.
import type {
  ExplainRequest,
  FindingDetail,
  FindingRecord,
  Overview,
  PathResult,
  ReachRequest,
  ServiceDetail,
  ServiceVerdict,
  TimelineEvent,
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

/** Lists come as a bare array or wrapped as `{<key>: [...]}`; accept both. */
export function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (isRecord(body) && Array.isArray(body[key])) return body[key] as T[];
  throw new ApiError(`The daemon's answer has no ${key} list.`, 200);
}

export function createApi(opts: ApiOptions) {
  const doFetch = opts.fetchImpl ?? fetch.bind(globalThis);
  async function request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = opts.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(new URL(path, opts.baseUrl).toString(), {
        method: init.method ?? 'GET',
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
    return body as T;
  }
  const enc = encodeURIComponent;
  return {
    overview: () => request<Overview>('api/overview'),
    services: async () => listOf<ServiceVerdict>(await request<unknown>('api/services'), 'services'),
    service: (cluster: string, service: string) =>
      request<ServiceDetail>(`api/services/${enc(cluster)}/${enc(service)}`),
    findings: async () => listOf<FindingRecord>(await request<unknown>('api/findings'), 'findings'),
    /** One finding, open or resolved, with its history and the timeline around it. */
    finding: (id: string) => request<FindingDetail>(`api/findings/${enc(id)}/detail`),
    /** `since`: an event id (newer ones) or an ISO time; the daemon answers oldest first. */
    events: async (q: { since?: string; limit?: number; service?: string } = {}) => {
      const params = new URLSearchParams();
      if (q.since) params.set('since', q.since);
      if (q.limit) params.set('limit', String(q.limit));
      if (q.service) params.set('service', q.service);
      const text = params.toString();
      return listOf<TimelineEvent>(
        await request<unknown>(text ? `api/events?${text}` : 'api/events'),
        'events',
      );
    },
    explain: (req: ExplainRequest) => request<PathResult>('api/explain', { method: 'POST', body: req }),
    reach: (req: ReachRequest) => request<PathResult>('api/reach', { method: 'POST', body: req }),
  };
}

export type Api = ReturnType<typeof createApi>;
