// health-check-mismatch: Target.ResponseCodeMismatch — the app answers the health check with a code outside
// the matcher. ALB guide, "Health checks for your target groups"; ELB API TargetHealth reason codes.
import type { Finding } from '@porthole/shared';
import { groupBy, makeFinding, regionFlag, targetRef } from '../support/finding.ts';
import type { Rule } from '../types.ts';

/** "Health checks failed with these codes: [404]" → [404] */
export function parseFailedCodes(description: string | null): number[] {
  const match = /codes:\s*\[([^\]]*)\]/i.exec(description ?? '');
  return match
    ? match[1]!
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number)
        .filter(Number.isInteger)
    : [];
}

function advice(
  codes: number[],
  path: string | null,
): { summary: string; matcher: string | null; path: string | null } {
  if (codes.some((c) => c === 404)) {
    return {
      summary: `The app has no page at ${path ?? '/'}: point the health check at a path it serves (e.g. its health endpoint).`,
      matcher: null,
      path: 'HEALTH_PATH',
    };
  }
  if (codes.some((c) => c >= 300 && c < 400)) {
    return {
      summary:
        'The app redirects the health check (often HTTP → HTTPS or a trailing slash): accept 200-399 or check the final path.',
      matcher: '200-399',
      path: null,
    };
  }
  if (codes.some((c) => c === 401 || c === 403)) {
    return {
      summary: 'The health-check path requires authentication: use an unauthenticated health endpoint.',
      matcher: null,
      path: 'HEALTH_PATH',
    };
  }
  return {
    summary:
      'The app answers with an error: check the application logs for the health-check path, or widen the matcher if the code is expected.',
    matcher: null,
    path: null,
  };
}

export const healthCheckMismatch: Rule = {
  id: 'health-check-mismatch',
  summary: 'Targets fail health checks with an HTTP code outside the matcher (Target.ResponseCodeMismatch)',
  doc: 'ALB guide, "Health checks for your target groups" (HealthCheckPath, Matcher); ELB API TargetHealth',
  evaluate(_model, ctx) {
    const mismatched = ctx.targets().filter((t) => t.target.reason === 'Target.ResponseCodeMismatch');
    const findings: Finding[] = [];
    for (const items of groupBy(mismatched, (t) => t.targetGroup.arn).values()) {
      const { targetGroup: tg, service, loadBalancer: lb } = items[0]!;
      const codes = [...new Set(items.flatMap((t) => parseFailedCodes(t.target.description)))].sort();
      const hc = tg.healthCheck;
      const tip = advice(codes, hc.path);
      const total = tg.targets?.length ?? items.length;
      const port = hc.port === 'traffic-port' ? 'traffic port' : `port ${hc.port}`;
      const args = [
        tip.path ? `--health-check-path ${tip.path}` : '',
        tip.matcher ? `--matcher HttpCode=${tip.matcher}` : '',
      ].filter(Boolean);
      findings.push(
        makeFinding({
          scope: tg.scope,
          rule: 'health-check-mismatch',
          severity: items.length >= total ? 'critical' : 'warning',
          title: `${service?.key ?? tg.name}: health checks fail: ${hc.protocol ?? 'HTTP'} ${hc.path ?? '/'} answers ${codes.join(', ') || 'an unexpected code'}, expected ${hc.matcher ?? '200'}`,
          explanation:
            `The network path is fine — the targets answer — but ${tg.name}'s health check (${hc.protocol ?? 'HTTP'} ${hc.path ?? '/'} on the ${port}) ` +
            `gets ${codes.join(', ') || 'a code'} while the matcher expects ${hc.matcher ?? '200'}. ` +
            `${items.length} of ${total} targets are unhealthy (Target.ResponseCodeMismatch). ${tip.summary}`,
          resources: [tg.arn, ...items.map((t) => t.target.id), lb.arn],
          service: service?.key ?? null,
          targets: items.map(targetRef),
          evidence: [
            {
              kind: 'config',
              component: tg.arn,
              detail: `HealthCheckPath ${hc.path ?? '(none)'}, Matcher HttpCode ${hc.matcher ?? '200'}, HealthCheckPort ${hc.port}, protocol ${hc.protocol ?? '?'}`,
            },
            ...items.slice(0, 5).map((t) => ({
              kind: 'target-health' as const,
              component: t.target.id,
              detail: `${t.target.id}${t.target.port ? `:${t.target.port}` : ''}: ${t.target.state} / ${t.target.reason} — ${t.target.description ?? ''}`,
            })),
          ],
          fix: {
            summary: tip.summary,
            awsCli:
              args.length > 0
                ? [
                    `aws elbv2 modify-target-group --target-group-arn ${tg.arn}${regionFlag(tg.scope)} ${args.join(' ')}`,
                  ]
                : [],
            terraform: [
              `resource "aws_lb_target_group" "${tg.name.replace(/[^A-Za-z0-9_]/g, '_')}" {`,
              `  # …`,
              `  health_check {`,
              `    path    = "${tip.path ?? hc.path ?? '/'}"`,
              `    matcher = "${tip.matcher ?? hc.matcher ?? '200'}"`,
              `  }`,
              `}`,
            ].join('\n'),
          },
        }),
      );
    }
    return findings;
  },
};
