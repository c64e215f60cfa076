// Explain and reach form input: forgiving parsing, field-level messages in plain words.
import type { ReachRequest } from '@porthole/shared';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Accepts "http://alb:8081/x", "alb-dns:8081/" or a bare host; a missing scheme means http. */
export function parseExplainUrl(input: string): Parsed<string> {
  const text = input.trim();
  if (!text) return { ok: false, errors: { url: 'Paste the URL that does not work.' } };
  if (text.length > 2048) return { ok: false, errors: { url: 'That URL is longer than 2,048 characters.' } };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return {
      ok: false,
      errors: { url: 'That is not a URL (expected something like http://my-alb…:8081/).' },
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      errors: { url: 'Only http:// and https:// URLs go through a load balancer listener.' },
    };
  }
  return { ok: true, value: withScheme };
}

export interface RequestExtras {
  method?: string;
  headers?: string[];
}

/** The method (empty = GET) and headers ("Name: value", one per line) rules may depend on. */
export function parseRequestExtras(method: string, headersText: string): Parsed<RequestExtras> {
  const errors: Record<string, string> = {};
  const m = method.trim();
  if (m && !/^[A-Za-z_-]{1,40}$/.test(m))
    errors.method = 'A method is letters, "-" or "_", like GET or POST.';
  const headers = headersText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const bad = headers.find((line) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/.test(line));
  if (bad !== undefined) errors.headers = `"${bad}" is not a header: write Name: value, one per line.`;
  else if (headers.length > 50) errors.headers = 'At most 50 headers.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...(m ? { method: m } : {}), ...(headers.length > 0 ? { headers } : {}) } };
}

export interface ReachInput {
  from: string;
  to: string;
  port: string;
  protocol: string;
}

export function parseReach(input: ReachInput): Parsed<ReachRequest> {
  const errors: Record<string, string> = {};
  const from = input.from.trim();
  const to = input.to.trim();
  if (!from)
    errors.from = 'Say where traffic starts: an IP, CIDR, ENI, instance, security group or "internet".';
  else if (from.length > 256) errors.from = 'At most 256 characters.';
  if (!to) errors.to = 'Say where traffic goes: an IP, DNS name, instance, ENI or service.';
  else if (to.length > 512) errors.to = 'At most 512 characters.';
  const portText = input.port.trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535)
    errors.port = 'A port is a whole number from 0 to 65535.';
  const protocol =
    input.protocol === 'udp' ? 'udp' : input.protocol === 'tcp' || !input.protocol ? 'tcp' : null;
  if (!protocol) errors.protocol = 'Choose tcp or udp.';
  if (Object.keys(errors).length > 0 || !protocol) return { ok: false, errors };
  return { ok: true, value: { from, to, port, protocol } };
}
