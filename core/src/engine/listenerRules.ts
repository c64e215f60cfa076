// Which listener rule a request matches: rules by ascending priority, the default rule last; a rule
// applies when every condition holds (ALB guide, "Listener rules"). A rule that hinges on input the
// request does not state (a header, the client address) is reported as "could apply" and evaluation
// goes on, so the answer is the one for the request as stated — never a silent "does not match".
import type { ListenerModel, ListenerRuleModel } from '../model/types.ts';
import type { AlbRequest } from './httpRequest.ts';
import { checkCondition } from './ruleConditions.ts';

export interface CouldApply {
  rule: ListenerRuleModel;
  needs: string;
}

export interface RuleMatch {
  /** null only when the listener has no rules at all (not even a default). */
  rule: ListenerRuleModel | null;
  skipped: Array<{ rule: ListenerRuleModel; why: string }>;
  couldApply: CouldApply[];
}

export function priorityText(rule: ListenerRuleModel): string {
  return rule.priority === 'default' ? 'default' : String(rule.priority);
}

export function matchListenerRule(listener: ListenerModel, request: AlbRequest): RuleMatch {
  const skipped: RuleMatch['skipped'] = [];
  const couldApply: CouldApply[] = [];
  for (const rule of listener.rules) {
    const results = rule.conditions.map((c) => checkCondition(c, request));
    const failed = results.flatMap((r) => (r.outcome === 'no-match' ? [r.why] : []));
    if (failed.length > 0) {
      skipped.push({ rule, why: failed.join('; ') });
      continue;
    }
    const needs = results.flatMap((r) => (r.outcome === 'undecided' ? [r.needs] : []));
    if (needs.length > 0) {
      couldApply.push({ rule, needs: needs.join(' and ') });
      continue;
    }
    return { rule, skipped, couldApply };
  }
  return { rule: null, skipped, couldApply };
}
