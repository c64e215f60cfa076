// What the load balancer itself answers on an explained request: the matched rule, the action, the HTTP
// status it sends, the weighted split over target groups, and the conditions Porthole could not decide.
import { z } from 'zod';

export const AlbGroupShareSchema = z.object({
  targetGroupArn: z.string(),
  weight: z.number(),
  /** Percent of the rule's requests this group receives (0 for weight 0). */
  sharePercent: z.number(),
  verdict: z.enum(['allow', 'deny', 'unknown', 'no-traffic']),
});
export type AlbGroupShare = z.infer<typeof AlbGroupShareSchema>;

export const AlbAnswerSchema = z.object({
  /** The matched listener rule's ARN (the default rule is `<listener-arn>#default`), or null. */
  rule: z.string().nullable(),
  action: z.enum(['forward', 'redirect', 'fixed-response', 'none']),
  /** An HTTP status the ALB answers itself (redirect, fixed response, 400 on a scheme mismatch). */
  status: z.number().int().nullable(),
  /** The Location header of a redirect. */
  location: z.string().nullable(),
  /** Reached only after an authenticate-oidc / authenticate-cognito login. */
  requiresLogin: z.boolean(),
  groups: z.array(AlbGroupShareSchema),
  /** Percent of requests that reach a group that cannot serve them (a partial failure when < 100). */
  failingPercent: z.number(),
  stickiness: z.object({ enabled: z.boolean(), durationSeconds: z.number().nullable() }).nullable(),
  /** Rules that would apply with input the request did not state (a header, the client's address). */
  couldApply: z.array(z.object({ rule: z.string(), priority: z.string(), needs: z.string() })),
  notes: z.array(z.string()),
});
export type AlbAnswer = z.infer<typeof AlbAnswerSchema>;
