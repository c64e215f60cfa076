// Listener → rule → action: the listener's protocol against the URL scheme, the matched rule, and what
// its action does (ELB API Action: authenticate-* first, then exactly one of forward, redirect,
// fixed-response, lowest Order first).
import { pushAll } from '@porthole/shared';
import type { Action, AlbAnswer } from '@porthole/shared';
import type { EstateModel, ListenerModel, LoadBalancerModel } from '../model/types.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import type { RuleContext } from '../rules/types.ts';
import { actionHop, albHop, type LegVerdict } from './albHops.ts';
import type { AlbRequest } from './httpRequest.ts';
import { matchListenerRule, priorityText } from './listenerRules.ts';
import { redirectOf, type Redirect } from './redirect.ts';
import { evaluateForward } from './weightedForward.ts';

export { targetGroupHops } from './targetGroupHops.ts';

export interface ListenerEvaluation {
  hops: EvaluatedHop[];
  verdict: LegVerdict;
  answer: AlbAnswer;
  redirect: Redirect | null;
}

const AUTH = new Set(['authenticate-oidc', 'authenticate-cognito', 'jwt-validation']);

function emptyAnswer(): AlbAnswer {
  return {
    rule: null,
    action: 'none',
    status: null,
    location: null,
    requiresLogin: false,
    groups: [],
    failingPercent: 0,
    stickiness: null,
    couldApply: [],
    notes: [],
  };
}

/** HTTP to an HTTPS listener gets a 400; HTTPS to an HTTP listener fails the TLS handshake. */
function protocolHop(listener: ListenerModel, r: AlbRequest, answer: AlbAnswer): EvaluatedHop {
  const proto = listener.protocol?.toUpperCase() ?? null;
  const base = { component: listener.arn, kind: 'listener', ports: { from: r.port, to: r.port } };
  if (proto !== 'HTTP' && proto !== 'HTTPS')
    return albHop({
      ...base,
      verdict: 'unknown',
      detail: `listener :${listener.port} protocol ${proto ?? 'unknown'}: Porthole explains HTTP and HTTPS listeners`,
    });
  if (r.protocol === 'HTTP' && proto === 'HTTPS') {
    answer.status = 400;
    return albHop({
      ...base,
      verdict: 'deny',
      detail: `plain HTTP sent to the HTTPS listener :${listener.port}: the ALB answers 400 Bad Request — use https://`,
    });
  }
  if (r.protocol === 'HTTPS' && proto === 'HTTP')
    return albHop({
      ...base,
      verdict: 'deny',
      detail: `HTTPS sent to the plain-HTTP listener :${listener.port}: the TLS handshake fails — use http://`,
    });
  return albHop({ ...base, verdict: 'allow', detail: `listener ${proto} :${listener.port}` });
}

function ordered(actions: Action[]): Action[] {
  return actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.Order ?? x.i) - (y.a.Order ?? y.i))
    .map((x) => x.a);
}

function authHop(ruleArn: string, auth: Action): EvaluatedHop {
  const config = auth.AuthenticateOidcConfig ?? auth.AuthenticateCognitoConfig;
  const onUnauth = config?.OnUnauthenticatedRequest ?? 'authenticate';
  const unauth =
    auth.Type === 'jwt-validation'
      ? 'requests without a valid JWT are refused'
      : onUnauth === 'deny'
        ? 'unauthenticated requests get 401'
        : onUnauth === 'allow'
          ? 'unauthenticated requests pass through (OnUnauthenticatedRequest=allow)'
          : 'unauthenticated requests are redirected to the identity provider login';
  return actionHop(ruleArn, 'allow', `${auth.Type}: ${unauth}; what follows is reached after login`);
}

export function listenerHops(
  model: EstateModel,
  ctx: RuleContext,
  lb: LoadBalancerModel,
  listener: ListenerModel,
  request: AlbRequest,
): ListenerEvaluation {
  const answer = emptyAnswer();
  const hops: EvaluatedHop[] = [protocolHop(listener, request, answer)];
  const done = (verdict: LegVerdict, redirect: Redirect | null = null) => ({
    hops,
    verdict,
    answer,
    redirect,
  });
  if (hops[0]!.verdict !== 'allow') return done(hops[0]!.verdict === 'deny' ? 'blocked' : 'unknown');
  const match = matchListenerRule(listener, request);
  answer.couldApply = match.couldApply.map((c) => ({
    rule: c.rule.arn,
    priority: priorityText(c.rule),
    needs: c.needs,
  }));
  const { rule } = match;
  if (!rule) {
    hops.push(albHop({ component: listener.arn, kind: 'rule', verdict: 'deny', detail: 'no rule matches' }));
    return done('blocked');
  }
  answer.rule = rule.arn;
  const partialRules = !listener.rulesKnown;
  hops.push(
    albHop({
      component: rule.arn,
      kind: 'rule',
      verdict: partialRules ? 'unknown' : 'allow',
      detail:
        `${rule.priority === 'default' ? 'default rule' : `rule priority ${rule.priority}`} matches` +
        (match.skipped.length > 0 ? ` (after ${match.skipped.length} rule(s) that do not)` : '') +
        (partialRules ? ' (describe-rules missing: only the default action is known)' : ''),
      gaps: partialRules ? ['Rules missing (aws elbv2 describe-rules)'] : [],
    }),
  );
  const actions = ordered(rule.actions);
  for (const auth of actions.filter((a) => AUTH.has(a.Type))) {
    hops.push(authHop(rule.arn, auth));
    const onUnauth = (auth.AuthenticateOidcConfig ?? auth.AuthenticateCognitoConfig)
      ?.OnUnauthenticatedRequest;
    if (onUnauth !== 'allow') answer.requiresLogin = true;
  }
  const routing = actions.find(
    (a) => a.Type === 'forward' || a.Type === 'redirect' || a.Type === 'fixed-response',
  );
  const ruleVerdict: LegVerdict = partialRules ? 'unknown' : 'reachable';
  if (!routing) {
    hops.push(actionHop(rule.arn, 'unknown', `no forward, redirect or fixed-response action Porthole knows`));
    return done('unknown');
  }
  if (routing.Type === 'fixed-response') {
    answer.action = 'fixed-response';
    answer.status = Number(routing.FixedResponseConfig?.StatusCode ?? NaN) || null;
    hops.push(actionHop(rule.arn, 'allow', `fixed-response: the ALB answers ${answer.status ?? '?'} itself`));
    return done(ruleVerdict);
  }
  if (routing.Type === 'redirect') {
    const redirect = redirectOf(routing, request);
    answer.action = 'redirect';
    answer.status = redirect.status;
    answer.location = redirect.location;
    hops.push(
      actionHop(
        rule.arn,
        'allow',
        `redirect: the ALB answers ${redirect.status} Location: ${redirect.location}`,
      ),
    );
    return done(ruleVerdict, redirect);
  }
  answer.action = 'forward';
  const forward = evaluateForward(model, ctx, lb, rule.arn, routing);
  pushAll(hops, forward.hops);
  answer.groups = forward.groups;
  answer.failingPercent = forward.failingPercent;
  answer.stickiness = forward.stickiness;
  pushAll(answer.notes, forward.notes);
  return done(partialRules && forward.verdict === 'reachable' ? 'unknown' : forward.verdict);
}
