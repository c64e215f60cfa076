// Titles for logs and alerts: the service named once ("prod/admin: …", never "prod/admin: prod/admin: …"),
// nothing invented when a finding has no service ("web-alb: …", never "-: web-alb: …").
import type { Finding } from '@porthole/shared';

/** Every service a finding affects: its own and, where the schema lists them, the others behind it. */
export function affectedServices(finding: Finding): string[] {
  const listed = (finding as { services?: unknown }).services;
  const extra = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === 'string') : [];
  return [...new Set([...(finding.service ? [finding.service] : []), ...extra])];
}

/** The title without a leading "<service>: " (rules usually start their titles with the service). */
export function titleWithoutService(finding: Finding): string {
  const service = finding.service;
  if (service && finding.title.startsWith(`${service}: `)) return finding.title.slice(service.length + 2);
  return finding.title;
}

/** "prod/web: <title>" with the service exactly once; just the title when there is no service. */
export function alertTitle(finding: Finding): string {
  const service = finding.service;
  if (!service || finding.title.includes(service)) return finding.title;
  return `${service}: ${finding.title}`;
}

/** "prod/web", "prod/web and prod/api", "prod/web, prod/api and 3 more". */
export function serviceList(services: readonly string[], max = 4): string {
  if (services.length <= 1) return services[0] ?? '';
  if (services.length <= max) return `${services.slice(0, -1).join(', ')} and ${services.at(-1)!}`;
  return `${services.slice(0, max - 1).join(', ')} and ${services.length - max + 1} more`;
}
