// Which listener rule a request matches: host-header and path-pattern with ALB wildcards (* and ?),
// rules by ascending priority, the default rule last (ALB guide, "Listener rules", "Condition types").
import type { RuleCondition } from '@porthole/shared';
import type { ListenerModel, ListenerRuleModel } from '../model/types.ts';

export interface RuleMatch {
  rule: ListenerRuleModel;
  /** Conditions Porthole cannot judge from a URL alone (headers, query strings, source IP). */
  assumed: string[];
  skipped: Array<{ rule: ListenerRuleModel; why: string }>;
}

function wildcard(pattern: string, flags: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, flags);
}

function values(c: RuleCondition, config: 'HostHeaderConfig' | 'PathPatternConfig'): string[] {
  return c[config]?.Values ?? c.Values ?? [];
}

/** null = the condition holds; a string = why it does not. */
function checkCondition(c: RuleCondition, host: string, path: string, assumed: string[]): string | null {
  switch (c.Field) {
    case 'host-header': {
      const vals = values(c, 'HostHeaderConfig');
      return vals.some((v) => wildcard(v, 'i').test(host))
        ? null
        : `host ${host} is not ${vals.join(' or ')}`;
    }
    case 'path-pattern': {
      const vals = values(c, 'PathPatternConfig');
      return vals.some((v) => wildcard(v, '').test(path))
        ? null
        : `path ${path} does not match ${vals.join(' or ')}`;
    }
    case 'http-request-method': {
      const vals = c.HttpRequestMethodConfig?.Values ?? c.Values ?? [];
      return vals.includes('GET') ? null : `method GET is not ${vals.join(' or ')}`;
    }
    default:
      assumed.push(`${c.Field ?? 'condition'} not judged from a URL; assumed not to match`);
      return `${c.Field ?? 'condition'} cannot be judged from a URL`;
  }
}

export function matchListenerRule(listener: ListenerModel, host: string, path: string): RuleMatch | null {
  const assumed: string[] = [];
  const skipped: RuleMatch['skipped'] = [];
  for (const rule of listener.rules) {
    const failures = rule.conditions
      .map((c) => checkCondition(c, host, path, assumed))
      .filter((f) => f !== null);
    if (failures.length === 0) return { rule, assumed, skipped };
    skipped.push({ rule, why: failures.join('; ') });
  }
  return null;
}
