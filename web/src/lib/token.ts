// The optional API token: read from `?token=` once, kept in sessionStorage, removed from the address bar.

export const TOKEN_KEY = 'porthole.token';

interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Returns the token from the URL (search or hash query) if present, storing it; otherwise the stored one.
 * `cleanUrl` is the same URL without the token, or null when nothing needs rewriting.
 */
export function takeToken(
  href: string,
  storage: TokenStorage,
): { token: string | null; cleanUrl: string | null } {
  const url = new URL(href);
  let fromUrl: string | null = url.searchParams.get('token');
  if (fromUrl !== null) url.searchParams.delete('token');
  const hashIdx = url.hash.indexOf('?');
  if (hashIdx !== -1) {
    const params = new URLSearchParams(url.hash.slice(hashIdx + 1));
    const inHash = params.get('token');
    if (inHash !== null) {
      fromUrl = fromUrl ?? inHash;
      params.delete('token');
      const rest = params.toString();
      url.hash = url.hash.slice(0, hashIdx) + (rest ? `?${rest}` : '');
    }
  }
  if (fromUrl !== null && fromUrl !== '') {
    storage.setItem(TOKEN_KEY, fromUrl);
    return { token: fromUrl, cleanUrl: url.toString() };
  }
  return { token: storage.getItem(TOKEN_KEY), cleanUrl: fromUrl === null ? null : url.toString() };
}
