// One listener-rule condition against one request, with the documented matching rules (ALB guide,
// "Condition types for listener rules"; ELB API RuleCondition and its *ConditionConfig shapes):
// host-header and header values and query strings are case-insensitive, path patterns case-sensitive,
// `*` matches 0+ characters and `?` exactly one (`\*` / `\?` are literal in query strings); header names
// are case-insensitive without wildcards; methods match exactly (case-sensitive); source-ip is CIDR
// against the connecting address, never X-Forwarded-For.
import type { RuleCondition } from '@porthole/shared';
import { relateRanges } from '../net/cidr.ts';
import type { AlbRequest } from './httpRequest.ts';

export type ConditionResult =
  | { outcome: 'match' }
  | { outcome: 'no-match'; why: string }
  /** The request does not say (no --header, an internet caller): `needs` says what would decide it. */
  | { outcome: 'undecided'; needs: string };

export function wildcard(pattern: string, caseInsensitive: boolean, escapes = false): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (escapes && ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '?')) {
      source += `\\${pattern[++i]}`;
    } else if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

const MATCH: ConditionResult = { outcome: 'match' };
const list = (values: string[]) => values.map((v) => `"${v}"`).join(' or ');

function valuesOf(c: RuleCondition, config: 'HostHeaderConfig' | 'PathPatternConfig'): string[] {
  return c[config]?.Values ?? c.Values ?? [];
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function queryPairs(query: string): Array<[string, string]> {
  if (!query) return [];
  return query.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
  });
}

function hostHeader(c: RuleCondition, r: AlbRequest): ConditionResult {
  const vals = valuesOf(c, 'HostHeaderConfig');
  return vals.some((v) => wildcard(v, true).test(r.host))
    ? MATCH
    : { outcome: 'no-match', why: `host ${r.host} is not ${list(vals)}` };
}

function pathPattern(c: RuleCondition, r: AlbRequest): ConditionResult {
  const vals = valuesOf(c, 'PathPatternConfig');
  return vals.some((v) => wildcard(v, false).test(r.path))
    ? MATCH
    : { outcome: 'no-match', why: `path ${r.path} does not match ${list(vals)} (case-sensitive)` };
}

function httpHeader(c: RuleCondition, r: AlbRequest): ConditionResult {
  const name = c.HttpHeaderConfig?.HttpHeaderName ?? '';
  const vals = c.HttpHeaderConfig?.Values ?? [];
  const wanted = `${name}: ${list(vals)}`;
  if (r.headers === null) return { outcome: 'undecided', needs: `header ${wanted} (pass --header)` };
  const sent = r.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  if (sent.some((v) => vals.some((p) => wildcard(p, true).test(v)))) return MATCH;
  return {
    outcome: 'no-match',
    why: sent.length === 0 ? `no ${name} header sent (rule wants ${wanted})` : `${name} is not ${list(vals)}`,
  };
}

function method(c: RuleCondition, r: AlbRequest): ConditionResult {
  const vals = c.HttpRequestMethodConfig?.Values ?? c.Values ?? [];
  const m = r.method ?? 'GET';
  if (vals.includes(m)) return MATCH;
  return {
    outcome: 'no-match',
    why: `method ${m}${r.method === null ? ' (assumed; pass --method)' : ''} is not ${vals.join(' or ')}`,
  };
}

function queryString(c: RuleCondition, r: AlbRequest): ConditionResult {
  const wanted = c.QueryStringConfig?.Values ?? [];
  const pairs = queryPairs(r.query);
  const found = wanted.some((w) => {
    const value = wildcard(w.Value ?? '*', true, true);
    const key = w.Key === undefined || w.Key === null ? null : wildcard(w.Key, true, true);
    return pairs.some(([k, v]) => (key === null || key.test(k)) && value.test(v));
  });
  if (found) return MATCH;
  const text = wanted.map((w) => (w.Key ? `${w.Key}=${w.Value ?? ''}` : (w.Value ?? ''))).join(' or ');
  return { outcome: 'no-match', why: `query "${r.query}" has no ${text}` };
}

function sourceIp(c: RuleCondition, r: AlbRequest): ConditionResult {
  const cidrs = c.SourceIpConfig?.Values ?? c.Values ?? [];
  const subject = r.sourceIp ?? '0.0.0.0/0';
  const relations = cidrs.map((cidr) => {
    try {
      return relateRanges(cidr, subject);
    } catch {
      return 'disjoint' as const;
    }
  });
  if (relations.includes('contains')) return MATCH;
  if (r.sourceIp === null && relations.includes('partial'))
    return { outcome: 'undecided', needs: `a client address in ${cidrs.join(' or ')} (pass --from <IP>)` };
  return { outcome: 'no-match', why: `source ${subject} is not in ${cidrs.join(' or ')}` };
}

export function checkCondition(c: RuleCondition, r: AlbRequest): ConditionResult {
  switch (c.Field) {
    case 'host-header':
      return hostHeader(c, r);
    case 'path-pattern':
      return pathPattern(c, r);
    case 'http-header':
      return httpHeader(c, r);
    case 'http-request-method':
      return method(c, r);
    case 'query-string':
      return queryString(c, r);
    case 'source-ip':
      return sourceIp(c, r);
    default:
      // A condition type Porthole does not know (a newer API field): never assume either way.
      return {
        outcome: 'undecided',
        needs: `condition ${c.Field ?? '(no Field)'}, which Porthole cannot judge`,
      };
  }
}
