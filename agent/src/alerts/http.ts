// One POST of a JSON body, with a timeout; says whether a failure is worth retrying.
export interface PostResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  retryable: boolean;
  /** From a 429/503 Retry-After header, in ms. */
  retryAfterMs: number | null;
}

export async function postJson(
  url: string,
  body: unknown,
  opts: { timeoutMs: number; headers?: Record<string, string>; signal?: AbortSignal; fetch?: typeof fetch },
): Promise<PostResult> {
  const signals = [AbortSignal.timeout(opts.timeoutMs), ...(opts.signal ? [opts.signal] : [])];
  try {
    const res = await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'porthole', ...opts.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    const text = await res.text().catch(() => '');
    if (res.ok)
      return { ok: true, statusCode: res.status, error: null, retryable: false, retryAfterMs: null };
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      ok: false,
      statusCode: res.status,
      error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      // 429 and 5xx are transient; other 4xx mean the request itself is wrong (bad key, bad URL).
      retryable: res.status === 429 || res.status >= 500,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    };
  } catch (err) {
    const error =
      err instanceof Error
        ? err.name === 'TimeoutError'
          ? `timed out after ${opts.timeoutMs} ms`
          : err.message
        : String(err);
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return {
      ok: false,
      statusCode: null,
      error: `${error}${cause}`,
      retryable: !opts.signal?.aborted,
      retryAfterMs: null,
    };
  }
}
