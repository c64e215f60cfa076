// Per-tab session: the API token (from ?token= once, then sessionStorage) and the REST client.
import { createApi } from '../lib/api.ts';
import { takeToken } from '../lib/token.ts';

function readToken(): string | null {
  try {
    const { token, cleanUrl } = takeToken(location.href, sessionStorage);
    // Keep the token out of the address bar, bookmarks and screenshots.
    if (cleanUrl) history.replaceState(history.state, '', cleanUrl);
    return token;
  } catch {
    return null;
  }
}

export const token = readToken();

export const api = createApi({ baseUrl: document.baseURI, token: () => token });
